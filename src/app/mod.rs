//! The client's core loop: state, actions, messages, effects, update, worker and the event loop.
