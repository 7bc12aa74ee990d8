//! `cargo run --example audit -- [OPTIONS]`: the `azaudit` command, as `azaudit [OPTIONS]`.

fn main() -> std::process::ExitCode {
    azaudit::cli::main()
}
