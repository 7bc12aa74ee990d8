//! The `azaudit` command (`cargo install --path .`); see `azaudit --help` and the README.

fn main() -> std::process::ExitCode {
    azaudit::cli::main()
}
