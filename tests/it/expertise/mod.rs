//! The expertise index: the people directory, ranking who knows about a topic, and hostile input.

mod directory;
mod ranking;
mod robustness;
