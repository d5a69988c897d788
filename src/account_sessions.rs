//! The TUI's sessions, one account at a time, in one process and terminal. Each session has its
//! own client, cache, drafts and outbox in the account's own data directory
//! ([`crate::account_data`]); when the user picks another account in the palette, the session
//! ends as on quitting (drafts kept, cache task closed, outbox engine stopped) and the chosen
//! account's starts, cache first. An account that cannot be started (no token, a broken
//! config) sends the user back to the one they left, with a notice saying why.
//!
//! Owns the order of things between sessions only: resolving accounts goes through
//! [`crate::config::resolve_account`] whatever the token's origin, and the wiring of one session
//! is the launcher's.

use crate::account_data::{self, DEMO_ACCOUNT_KEY};
use crate::app::core::accounts::{AccountChoice, AccountEntry, Accounts};
use crate::app::shell::cache::CacheSetup;
use crate::app::shell::drafts::DraftStore;
use crate::app::shell::ending::Ending;
use crate::app::shell::run::{RunOptions, run_tui_with_cache};
use crate::config::{self, ConfigFile, Paths, ResolvedAccount, Theme};
use crate::domain::SafeText;
use crate::input::keys::Keymap;
use crate::launch::error::LaunchError;
use crate::launch::session::{self, process_env};
use crate::panes::notice::Notice;

/// The demo network's line above the panes.
const DEMO_BANNER: &str =
    "Demo network · your own: KRING_SERVER + KRING_TOKEN, or config.toml (README)";

/// What the next session is for.
struct Chosen {
    config: ConfigFile,
    /// `None`: the demo network.
    account: Option<ResolvedAccount>,
}

/// Runs sessions from `first` on until one ends other than by a switch; says how it ended.
/// Problems with `first` are errors, as before the TUI starts; with a later choice, a notice.
pub async fn run(
    paths: &Paths,
    first: AccountChoice,
    theme: Theme,
    keymap: Keymap,
) -> Result<Ending, LaunchError> {
    let mut wanted = first;
    let mut previous: Option<AccountChoice> = None;
    let mut notice = None;
    loop {
        let chosen = match choose(paths, &wanted).await {
            Ok(chosen) => chosen,
            Err(error) => {
                let Some(back) = previous.take() else {
                    return Err(error);
                };
                tracing::warn!(%error, ?wanted, "cannot switch accounts; going back");
                notice = Some(Notice::warning(format!(
                    "Could not switch to {}: {}",
                    describe(&wanted),
                    SafeText::new(&error.to_string())
                )));
                wanted = back;
                continue;
            }
        };
        let ending = session(paths, chosen, theme.clone(), keymap.clone(), notice.take()).await?;
        match ending {
            Ending::SwitchAccount(next) => {
                tracing::info!(from = ?wanted, to = ?next, "switching accounts");
                previous = Some(std::mem::replace(&mut wanted, next));
            }
            other => return Ok(other),
        }
    }
}

fn describe(choice: &AccountChoice) -> String {
    match choice {
        AccountChoice::Demo => "the demo network".to_owned(),
        AccountChoice::Default => "the default account".to_owned(),
        AccountChoice::Named(name) => SafeText::new(name).to_string(),
    }
}

/// Reads the config again (it may have changed since the last session) and resolves `wanted`.
async fn choose(paths: &Paths, wanted: &AccountChoice) -> Result<Chosen, LaunchError> {
    let config = ConfigFile::load(&paths.config_file())?;
    let selected = match wanted {
        AccountChoice::Demo => {
            return Ok(Chosen {
                config,
                account: None,
            });
        }
        AccountChoice::Default => None,
        AccountChoice::Named(name) => Some(name.clone()),
    };
    let file = config.clone();
    let account = tokio::task::spawn_blocking(move || {
        config::resolve_account(&file, process_env, selected.as_deref())
    })
    .await
    .map_err(|e| LaunchError::Task(e.to_string()))??;
    Ok(Chosen { config, account })
}

/// Every account of `config`, the environment's when that is the one in use, and the demo
/// network; `account` (none: the demo) is the current one.
pub fn accounts_of(config: &ConfigFile, account: Option<&ResolvedAccount>) -> Accounts {
    let server = process_env(config::account::SERVER_ENV).filter(|url| !url.trim().is_empty());
    let mut entries: Vec<AccountEntry> = config
        .accounts
        .iter()
        .map(|(name, settings)| {
            let url = server.as_deref().unwrap_or(&settings.base_url);
            AccountEntry::new(AccountChoice::Named(name.clone()), name, url)
        })
        .collect();
    if let Some(account) = account.filter(|a| !config.accounts.contains_key(&a.name)) {
        let entry = AccountEntry::new(AccountChoice::Default, &account.name, &account.base_url);
        entries.push(entry);
    }
    entries.push(AccountEntry::demo());
    let current = match account {
        Some(account) => entries.iter().position(|entry| match &entry.choice {
            AccountChoice::Named(name) => *name == account.name,
            AccountChoice::Default => true,
            AccountChoice::Demo => false,
        }),
        None => entries.len().checked_sub(1),
    };
    Accounts { entries, current }
}

/// One session for `chosen`, in its own data directory.
async fn session(
    paths: &Paths,
    chosen: Chosen,
    theme: Theme,
    keymap: Keymap,
    notice: Option<Notice>,
) -> Result<Ending, LaunchError> {
    let Chosen { config, account } = chosen;
    // Small local files, read once here; one that cannot be read is a notice, not an error.
    let guidelines = account
        .as_ref()
        .and_then(|account| config.accounts.get(&account.name))
        .map(|settings| config::guidelines::load(&settings.guidelines))
        .unwrap_or_default();
    let accounts = accounts_of(&config, account.as_ref());
    let account_key = match &account {
        Some(account) => crate::delivery::account_key(&account.base_url, &account.name),
        None => DEMO_ACCOUNT_KEY.to_owned(),
    };
    let dir = account_data::account_dir(paths, account.as_ref().map(|a| a.name.as_str()));
    let (store, adopted) = {
        let (paths, config, dir) = (paths.clone(), config.clone(), dir.clone());
        tokio::task::spawn_blocking(move || {
            let adopted = account_data::adopt_old_store_into(&paths, &config, &dir);
            (session::open_store(&dir), adopted)
        })
        .await
        .map_err(|e| LaunchError::Task(e.to_string()))?
    };
    let notice = notice.or_else(|| adopted.map(Notice::warning));
    // One check of the files; the cache connection goes to the cache task, the outbox one to
    // the drafts, and the outbox engine gets a connection of its own.
    let (stores, cache_rebuilt) = store.unzip();
    let (cache_store, store) = stores.map(|s| (s.cache, s.outbox)).unzip();
    let cache = cache_store.map(|store| CacheSetup {
        store,
        account: account_key.clone(),
        rebuilt: cache_rebuilt.flatten(),
    });
    let outbox_store = session::connect_again(store.as_ref(), "outbox");
    let drafts = store.map(|store| DraftStore {
        store,
        account: account_key.clone(),
    });
    let is_demo = account.is_none();
    let mut demo_server = None;
    let secret_variables = account
        .as_ref()
        .map(|account| session::variables_holding(account.token.expose()))
        .unwrap_or_default();
    let (client, banner) = match account {
        Some(account) => (session::account_client(&account, &config)?, None),
        None => {
            let (client, running) = session::demo_connection(paths).await?;
            demo_server = Some(running);
            (client, Some(DEMO_BANNER.to_owned()))
        }
    };
    let outbox = session::start_outbox(
        outbox_store,
        account_key,
        client.clone(),
        session::delivery_options(is_demo, config.network.total_timeout),
    );
    let options = RunOptions {
        theme,
        keymap,
        banner,
        secret_variables,
        outbox,
        accounts,
        notice,
        notify: config.notify,
        hyperlinks: crate::widgets::hyperlinks::detect::hyperlinks_enabled(
            config.ui.hyperlinks,
            |name| std::env::var(name).ok(),
            crate::widgets::hyperlinks::detect::ask_tmux_features,
        ),
        mouse: config.ui.mouse,
        guidelines,
    };
    let result = run_tui_with_cache(client, options, drafts, cache).await;
    if let Some(running) = demo_server {
        let _ = running.shutdown().await;
    }
    Ok(result?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Secret, TokenOrigin};

    fn config() -> ConfigFile {
        let text = "[accounts.work]\nbase_url = \"https://contoso.example.com/api/v1\"\n\
                    token_env = \"W\"\n[accounts.test]\n\
                    base_url = \"https://t.example.net/api/v1\"\ntoken_env = \"T\"\n";
        ConfigFile::parse(std::path::Path::new("/c/config.toml"), text).expect("config")
    }

    fn resolved(name: &str, base_url: &str) -> ResolvedAccount {
        ResolvedAccount {
            name: name.to_owned(),
            base_url: base_url.to_owned(),
            token: Secret::new("t".to_owned()),
            origin: TokenOrigin::Env {
                variable: "T".to_owned(),
            },
        }
    }

    fn names(accounts: &Accounts) -> Vec<(String, AccountChoice)> {
        let entries = accounts.entries.iter();
        entries
            .map(|e| (e.name.to_string(), e.choice.clone()))
            .collect()
    }

    #[test]
    fn every_configured_account_then_the_demo_with_the_one_in_use_marked() {
        if process_env(config::account::SERVER_ENV).is_some() {
            return; // The entries would show that server instead.
        }
        let config = config();
        let test = resolved("test", "https://t.example.net/api/v1");
        let accounts = accounts_of(&config, Some(&test));
        assert_eq!(
            names(&accounts),
            [
                ("test".to_owned(), AccountChoice::Named("test".into())),
                ("work".to_owned(), AccountChoice::Named("work".into())),
                ("demo".to_owned(), AccountChoice::Demo),
            ]
        );
        assert_eq!(accounts.current, Some(0));
        assert_eq!(accounts_of(&config, None).current, Some(2));
    }

    #[test]
    fn an_account_from_the_environment_alone_is_listed_as_the_default() {
        let env = resolved("env", "http://127.0.0.1:8808/api/v1");
        let accounts = accounts_of(&ConfigFile::empty(std::path::Path::new("/c")), Some(&env));
        assert_eq!(
            names(&accounts),
            [
                ("env".to_owned(), AccountChoice::Default),
                ("demo".to_owned(), AccountChoice::Demo),
            ]
        );
        assert_eq!(accounts.current, Some(0));
    }
}
