//! `Problem`: one thing wrong in the config file, as the checks of its sections report it:
//! where it is (a byte range of the file), the key it is about, and why it is wrong. The
//! config file's loader turns it into the message that points at the line.

/// Where in the file (byte range), the key, and the reason.
pub(super) type Problem = (std::ops::Range<usize>, String, String);
