//! Which account the session is on, and which others it can switch to: the label the screen
//! always shows (short at 80 columns, fuller from 160), the palette's "Switch account" entries
//! and the switch request ([`switch`]), which the run loop turns into the shell's ending
//! `Ending::SwitchAccount`.
//!
//! Plain data and pure functions. Resolving an account, fetching its token and opening its data
//! is the launcher's job; every string here was sanitized when the entry was made.

use crate::app::core::effect::Effect;
use crate::app::core::state::State;
use crate::domain::SafeText;
use crate::panes::notice::Notice;

/// From this width on the label says more: who is signed in, and the whole host.
pub const WIDE: u16 = 160;

/// Which account a session is for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AccountChoice {
    /// The in-process demo network.
    Demo,
    /// The account kring picks without a name: `default_account`, the only one configured, or
    /// `KRING_SERVER` with `KRING_TOKEN`.
    Default,
    /// `[accounts.NAME]` in `config.toml`.
    Named(String),
}

/// One account the user can be on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountEntry {
    pub choice: AccountChoice,
    /// The account's name (`demo` for the demo network).
    pub name: SafeText,
    /// The server's host, with the port when it has one; empty for the demo network.
    pub host: SafeText,
}

impl AccountEntry {
    /// An entry for `choice` named `name` on the server at `base_url` (sanitized here).
    pub fn new(choice: AccountChoice, name: &str, base_url: &str) -> Self {
        Self {
            choice,
            name: SafeText::new(name),
            host: SafeText::new(&host_of(base_url)),
        }
    }

    /// The demo network's entry.
    pub fn demo() -> Self {
        Self {
            choice: AccountChoice::Demo,
            name: SafeText::from_static("demo"),
            host: SafeText::from_static(""),
        }
    }

    /// What the palette says after the name: the host, or "demo network".
    pub fn server(&self) -> &str {
        if self.choice == AccountChoice::Demo {
            "demo network"
        } else {
            self.host.as_str()
        }
    }
}

/// The accounts of this session: every one the user can switch to, and the one in use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Accounts {
    pub entries: Vec<AccountEntry>,
    /// Index into `entries` of the account in use (none: nothing to show).
    pub current: Option<usize>,
}

impl Accounts {
    /// The account in use.
    pub fn current(&self) -> Option<&AccountEntry> {
        self.current.and_then(|index| self.entries.get(index))
    }
}

/// What the screen says about where the user is, for a terminal `width` columns wide:
/// `work · contoso` (or `demo`) below [`WIDE`], and from there `Ada Lovelace · work ·
/// contoso.example.com` (`Ada Lovelace · demo network`) once the server said who that is.
pub fn label(state: &State, width: u16) -> Option<String> {
    let current = state.accounts.current()?;
    if width < WIDE {
        let short = short_host(current.host.as_str());
        return Some(if short.is_empty() || short == current.name.as_str() {
            current.name.to_string()
        } else {
            format!("{} · {short}", current.name)
        });
    }
    let mut parts: Vec<&str> = Vec::new();
    let me = state.catalog.me.and_then(|id| state.catalog.person(id));
    if let Some(person) = me {
        parts.push(person.full_name.as_str());
    }
    parts.push(current.name.as_str());
    if current.choice == AccountChoice::Demo {
        parts.push("demo network");
    } else if !current.host.as_str().is_empty() {
        parts.push(current.host.as_str());
    }
    Some(parts.join(" · "))
}

/// The palette's "Switch account" entry was chosen: ask the run loop to end this session and
/// start `index`'s (drafts are kept as on quitting). The account in use only says so.
pub fn switch(state: &mut State, index: usize) -> Vec<Effect> {
    let Some(entry) = state.accounts.entries.get(index) else {
        return Vec::new();
    };
    let name = entry.name.clone();
    if state.accounts.current == Some(index) {
        state.notice.show(Notice::info(
            format!("Already on {name}"),
            state.session.now,
        ));
        state.mark_dirty();
        return Vec::new();
    }
    let choice = entry.choice.clone();
    let mut effects = Vec::new();
    if let Some(compose) = state
        .compose_mut()
        .filter(|c| c.has_text() && c.replaces.is_none())
    {
        effects.push(compose.save().into());
    }
    state.notice.show(Notice::info(
        format!("Switching to {name}…"),
        state.session.now,
    ));
    state.mark_dirty();
    effects.push(Effect::SwitchAccount(choice));
    effects
}

/// `https://www.yammer.com:8443/api/v1` → `www.yammer.com:8443`; what is not a URL stays.
fn host_of(base_url: &str) -> String {
    match reqwest::Url::parse(base_url.trim()) {
        Ok(url) => match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => base_url.trim().to_owned(),
        },
        Err(_) => base_url.trim().to_owned(),
    }
}

/// The part of a host a person calls the network by: `www.yammer.com` → `yammer`,
/// `contoso.sharepoint.com` → `contoso`; addresses and single names stay whole.
fn short_host(host: &str) -> &str {
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    let is_address =
        name.parse::<std::net::IpAddr>().is_ok() || name.starts_with('[') || !name.contains('.');
    if is_address {
        return host;
    }
    name.split('.')
        .find(|label| !matches!(*label, "www" | "api" | "app"))
        .unwrap_or(name)
}

#[cfg(test)]
#[path = "accounts_tests.rs"]
mod tests;
