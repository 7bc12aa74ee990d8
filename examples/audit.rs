//! `cargo run --example audit`: audit a snapshot and print a report.
//!
//! With no arguments it audits the demo tenant in `examples/data/` with its demo
//! configuration. See `--help` and the README.

fn main() -> std::process::ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout().lock();
    std::process::ExitCode::from(azaudit::cli::main_with_args(&argv, &mut stdout))
}
