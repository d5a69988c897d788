//! Stateless render helpers shared by the views.
