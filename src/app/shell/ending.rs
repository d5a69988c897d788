//! How the TUI ended, and the exit code that tells the shell: 0 when the user quit, 128 plus
//! the signal number when a hang-up (the terminal went away) or SIGTERM ended it. A session
//! may also end to make way for another account's, in the same process.

use crate::app::core::accounts::AccountChoice;

/// Why the TUI stopped (without an error).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    #[default]
    Quit,
    /// SIGHUP, or the terminal disappeared.
    HangUp,
    /// SIGTERM.
    Terminated,
    /// The user chose another account: the launcher starts its session next (0 if it ever
    /// reaches the shell).
    SwitchAccount(AccountChoice),
}

impl Ending {
    /// The process exit code: 0, 129 (SIGHUP) or 143 (SIGTERM), as a shell reports a process
    /// those signals ended.
    pub const fn exit_code(&self) -> u8 {
        match self {
            Self::Quit | Self::SwitchAccount(_) => 0,
            Self::HangUp => 128 + 1,
            Self::Terminated => 128 + 15,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_end_with_128_plus_their_number() {
        assert_eq!(Ending::Quit.exit_code(), 0);
        assert_eq!(Ending::HangUp.exit_code(), 129);
        assert_eq!(Ending::Terminated.exit_code(), 143);
    }
}
