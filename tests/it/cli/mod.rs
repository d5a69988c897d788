//! The `kring` binary's scripting commands as child processes: `kring doctor`, `kring auth`,
//! `kring post` and the feed commands.

mod catchup;
mod communities;
mod doctor;
mod post_command;
mod script_commands;
mod signin;
mod social;
