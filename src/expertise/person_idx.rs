//! `PersonIdx`: where a person sits inside the index (a dense slot number, not their id), the
//! one number the postings, the scores and the directory's texts all key on.

/// Dense index of a person inside the index.
pub type PersonIdx = u32;
