//! Guidelines before posting: the network's code of conduct and each community's guidelines,
//! from the server (`kring serve` sends them) or from the account's config, what the compose
//! window shows before the user's first post in a community, and the Guidelines view (an
//! overlay: the code of conduct and the selected community's guidelines, scrollable).
//!
//! Owns what is known of the guidelines ([`Guidelines`]) and which communities' guidelines the
//! compose window has shown. Pure: fetching and keeping facts leave as
//! [`effect::GuidelinesEffect`]s; no I/O here. Every text is kept as `SafeText`.

pub mod effect;
pub mod update;
pub mod view;
pub mod worker;

use std::collections::{BTreeSet, HashMap};

use crate::config::guidelines::ConfiguredGuidelines;
use crate::domain::{Catalog, GroupId, SafeText};

/// Whose the network's guidelines are, as the compose window and the view say.
pub const CODE_OF_CONDUCT: &str = "Code of conduct";

/// Where a post goes, for the guidelines: a community, or the whole network (All Company).
pub type Scope = Option<GroupId>;

/// What is known of one text fetched from the server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Known {
    /// Not asked for yet.
    #[default]
    Unasked,
    Loading,
    /// The text (empty: there is none).
    Loaded(SafeText),
    /// Why it could not be fetched.
    Failed(String),
}

impl Known {
    /// The text, when there is one.
    pub fn text(&self) -> Option<&SafeText> {
        match self {
            Self::Loaded(text) if !text.as_str().trim().is_empty() => Some(text),
            _ => None,
        }
    }
}

/// Everything the session knows of the guidelines.
#[derive(Clone, Debug, Default)]
pub struct Guidelines {
    /// The network's code of conduct, as the server sent it.
    pub network: Known,
    /// Each community's guidelines, as the server sent them.
    pub communities: HashMap<GroupId, Known>,
    /// From the account's config: the code of conduct, its link, and guidelines by community
    /// name (lowercased); these win over what the server sends.
    pub configured_network: Option<SafeText>,
    pub url: Option<SafeText>,
    pub configured: Vec<(String, SafeText)>,
    /// Where the compose window has shown the guidelines (0 stands for All Company).
    pub seen: BTreeSet<u64>,
    /// The Guidelines view showed the code of conduct this session (the fact is kept).
    pub read_kept: bool,
}

/// The guidelines shown for a post: whose they are ("Engineering Platform guidelines", "Code
/// of conduct") and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub whose: String,
    pub text: SafeText,
}

impl Guidelines {
    /// The guidelines a session starts with: the config's (problems are the caller's to tell).
    pub fn new(configured: &ConfiguredGuidelines) -> Self {
        let keep = |text: &str| SafeText::new(text.trim());
        Self {
            configured_network: configured.network.as_deref().map(keep),
            url: configured.url.as_deref().map(SafeText::new),
            configured: configured
                .communities
                .iter()
                .map(|(name, text)| (name.trim().to_lowercase(), keep(text)))
                .collect(),
            ..Self::default()
        }
    }

    /// The network's code of conduct: the config's, else the server's.
    pub fn network_text(&self) -> Option<&SafeText> {
        self.configured_network
            .as_ref()
            .filter(|t| !t.as_str().is_empty())
            .or_else(|| self.network.text())
    }

    /// A community's own guidelines: the config's (by name), else the server's.
    pub fn community_text(&self, group: GroupId, catalog: &Catalog) -> Option<&SafeText> {
        let name = catalog
            .community(group)
            .map(|c| c.name.as_str().trim().to_lowercase());
        let configured = name.and_then(|name| {
            self.configured
                .iter()
                .find(|(n, text)| *n == name && !text.as_str().is_empty())
                .map(|(_, text)| text)
        });
        configured.or_else(|| self.communities.get(&group).and_then(Known::text))
    }

    /// What to show before a post to `scope`: the community's guidelines, or the network's
    /// when it has none (All Company has the network's).
    pub fn for_scope(&self, scope: Scope, catalog: &Catalog) -> Option<Shown> {
        let own = scope.and_then(|group| {
            let text = self.community_text(group, catalog)?;
            let whose = catalog
                .community(group)
                .map_or_else(|| format!("community {group}"), |c| c.name.to_string());
            let whose = format!("{whose} guidelines");
            Some(Shown {
                whose,
                text: text.clone(),
            })
        });
        own.or_else(|| {
            self.network_text().map(|text| Shown {
                whose: CODE_OF_CONDUCT.to_owned(),
                text: text.clone(),
            })
        })
    }

    /// Whether the compose window already showed the guidelines for `scope`.
    pub fn is_seen(&self, scope: Scope) -> bool {
        self.seen.contains(&seen_key(scope))
    }

    /// The communities shown so far, as the kept fact's text.
    pub fn seen_text(&self) -> String {
        let ids: Vec<u64> = self.seen.iter().copied().collect();
        serde_json::to_string(&ids).unwrap_or_default()
    }
}

/// The key of `scope` in the seen set.
pub const fn seen_key(scope: Scope) -> u64 {
    match scope {
        Some(group) => group.0,
        None => 0,
    }
}

/// The seen set from the kept fact's text (nothing, when it does not read).
pub fn seen_from_text(text: &str) -> BTreeSet<u64> {
    serde_json::from_str::<Vec<u64>>(text)
        .map(|ids| ids.into_iter().collect())
        .unwrap_or_default()
}

/// Whether the catalog holds a message `me` wrote to `scope` (a new post or a reply there;
/// All Company: outside any community and not private).
pub fn has_posted(catalog: &Catalog, scope: Scope) -> bool {
    let Some(me) = catalog.me else {
        return false;
    };
    catalog
        .messages()
        .any(|m| m.sender == me && m.community == scope && !m.direct)
}

/// The Guidelines view: the code of conduct, then `community`'s guidelines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuidelinesView {
    pub community: Option<GroupId>,
    pub scroll: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seen_set_round_trips_through_its_text() {
        let mut guidelines = Guidelines::default();
        guidelines.seen.insert(seen_key(None));
        guidelines.seen.insert(seen_key(Some(GroupId(12))));
        assert_eq!(guidelines.seen_text(), "[0,12]");
        assert_eq!(seen_from_text("[0,12]"), guidelines.seen);
        assert!(seen_from_text("not json").is_empty());
    }

    #[test]
    fn the_config_wins_and_a_community_without_guidelines_falls_back_to_the_network() {
        let configured = ConfiguredGuidelines {
            network: Some("Be kind.".into()),
            communities: vec![("design".into(), "Show your work.".into())],
            ..ConfiguredGuidelines::default()
        };
        let mut guidelines = Guidelines::new(&configured);
        guidelines.network = Known::Loaded(SafeText::new("Server rules"));
        let mut catalog = Catalog::default();
        for (id, name) in [(1, "Design"), (2, "Ops")] {
            let group = crate::api::dto::Group {
                id,
                full_name: name.into(),
                ..crate::api::dto::Group::default()
            };
            catalog.upsert_community(crate::domain::convert::community(&group));
        }
        let design = guidelines.for_scope(Some(GroupId(1)), &catalog).unwrap();
        assert_eq!(
            (design.whose.as_str(), design.text.as_str()),
            ("Design guidelines", "Show your work.")
        );
        let ops = guidelines.for_scope(Some(GroupId(2)), &catalog).unwrap();
        assert_eq!(ops.text.as_str(), "Be kind.");
        assert_eq!(
            guidelines.for_scope(None, &catalog).unwrap().whose,
            "Code of conduct"
        );
        assert!(Guidelines::default().for_scope(None, &catalog).is_none());
    }
}
