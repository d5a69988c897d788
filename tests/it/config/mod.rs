//! Configuration: the config file, key bindings, themes and the token's secrecy.

mod file;
mod keymap;
mod keymap_keys;
mod secret;
mod theme;
mod token_command;
