//! Output firewall: checks bytes written to a terminal. First version of the API.

use thiserror::Error;

/// A sequence or byte a renderer must never write.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FirewallViolation {
    #[error("escape sequence other than CSI at byte {offset}")]
    NonCsiEscape { offset: usize },
    #[error("control byte {byte:#04x} at byte {offset}")]
    ControlByte { byte: u8, offset: usize },
}

/// Checks that `bytes` contain only what a renderer writes.
pub fn check_terminal_bytes(bytes: &[u8]) -> Result<(), FirewallViolation> {
    for (offset, window) in bytes.windows(2).enumerate() {
        if window[0] == 0x1b && window[1] != b'[' {
            return Err(FirewallViolation::NonCsiEscape { offset });
        }
    }
    Ok(())
}
