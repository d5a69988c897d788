//! `kring completions SHELL` and `kring man`: shell completions and the manual page, generated
//! from the command-line definitions in `crate::cli`, so they can never disagree with what the
//! parser accepts. Writes to the given output only; reads nothing, needs no account.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::Cli;

/// Writes `shell`'s completion script for `kring` to `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> io::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "kring", out);
    out.flush()
}

/// Writes the manual, as roff to `out`: `kring(1)` with its subcommands listed, then a page per
/// subcommand (`kring-health(1)`…) with its options, so `--json` shapes documented on the
/// options are in the manual too.
pub fn manual(out: &mut impl Write) -> io::Result<()> {
    let command = Cli::command();
    clap_mangen::Man::new(command.clone()).render(out)?;
    for sub in command.get_subcommands() {
        let name = format!("kring-{}", sub.get_name());
        clap_mangen::Man::new(sub.clone()).title(name).render(out)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_name_every_subcommand_for_each_shell() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let mut out = Vec::new();
            completions(shell, &mut out).expect("writes");
            let text = String::from_utf8(out).expect("utf-8");
            for name in ["serve", "post", "feed", "thread", "people", "completions"] {
                assert!(text.contains(name), "{shell:?} lacks {name}");
            }
        }
    }

    #[test]
    fn the_manual_is_roff_with_the_options() {
        let mut out = Vec::new();
        manual(&mut out).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            text.starts_with(".ie") || text.contains(".TH kring"),
            "{}",
            &text[..80]
        );
        for needle in [
            "\\-\\-account",
            "\\-\\-demo",
            "serve",
            "unanswered_questions",
            "answerers",
        ] {
            assert!(text.contains(needle), "manual lacks {needle}");
        }
    }
}
