//! Overlays drawn over the panes: compose, help, palette, confirm.
