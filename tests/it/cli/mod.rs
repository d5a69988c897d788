//! The `kring` binary's scripting commands as child processes: `kring doctor`, `kring auth`,
//! `kring post` and the feed commands.

mod catchup;
mod communities;
mod doctor;
mod post_command;
mod script_commands;
mod search_command;
mod signin;
mod signin_renewal;
mod social;
