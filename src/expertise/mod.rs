//! The people-expertise index: declared expertise plus evidence from messages, and its ranking.
