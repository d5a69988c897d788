//! The `kring` binary: parse the command line and hand over to the library.

use clap::Parser;

fn main() {
    let _cli = kring::cli::Cli::parse();
}
