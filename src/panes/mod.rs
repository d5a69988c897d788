//! The panes: communities, timeline, thread and people.
