//! Configuration: paths, config file, keymap and themes.
