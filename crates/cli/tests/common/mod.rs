//! Running the `nines` binary as a user does, shared by the command line's tests.

use std::process::{Command, Output};

/// Runs `nines` with `args` and waits for it.
pub fn nines(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nines")).args(args).output().expect("the binary runs")
}

/// What it printed on stdout, as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What it printed on stderr, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
