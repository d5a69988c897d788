//! The client's model: messages, threads, people, communities and their ids.
