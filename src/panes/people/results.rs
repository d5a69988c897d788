//! What the people pane lists for a query: everyone (filtered) without text; with text, people
//! whose name the words start first, then "who knows" matches with their reasons, then the rest
//! of the plain directory matches (title, department, location). Other sort orders keep the same
//! people in the index's own name or activity order, which `OrderCache` keeps between
//! keystrokes (it is worked out again only when the index changed). Reads the index.

use std::collections::{HashMap, HashSet};

use super::query::{ParsedQuery, resolve};
use crate::domain::UserId;
use crate::expertise::{ExpertiseIndex, Facets, IndexStats, Match, PersonDoc, Query, SortOrder};

/// Most "who knows" matches ranked for one query.
pub const MAX_RANKED: usize = 200;
/// Most plain directory matches (best first) listed for one query.
pub const MAX_PLAIN: usize = 500;
/// Shorter text is matched against names and profiles only, not ranked as a subject.
const MIN_SUBJECT_CHARS: usize = 2;

/// The whole directory in a name or activity order, kept while the index is unchanged.
#[derive(Clone, Debug, Default)]
pub struct OrderCache {
    key: Option<(SortOrder, IndexStats)>,
    ids: Vec<u64>,
    position: HashMap<u64, usize>,
    /// The departments and locations filters resolve against, with the index state they are of.
    facets: Option<(IndexStats, Facets)>,
}

impl OrderCache {
    /// The order of everyone visible for `sort`, worked out again only when the index changed.
    fn order(&mut self, index: &ExpertiseIndex, sort: SortOrder) -> &Self {
        let key = Some((sort, index.stats()));
        if self.key != key {
            self.ids = index.directory(&Query::new("").sort(sort).limit(None));
            self.position = self
                .ids
                .iter()
                .enumerate()
                .map(|(at, id)| (*id, at))
                .collect();
            self.key = key;
        }
        self
    }

    /// The network's departments and locations (most common first), worked out again only
    /// when the index changed: counting them costs more than a query.
    fn facets(&mut self, index: &ExpertiseIndex) -> &Facets {
        let stats = index.stats();
        let fresh = self.facets.as_ref().is_some_and(|(key, _)| *key == stats);
        if !fresh {
            self.facets = Some((stats, index.facets()));
        }
        let (_, facets) = self.facets.get_or_insert_with(|| (stats, index.facets()));
        facets
    }
}

/// One listed person, with why they match a "who knows" query (when they do).
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub id: UserId,
    pub why: Option<Match>,
}

/// How a typed filter value was understood.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    Off,
    /// The department or location the typed value names.
    On(String),
    /// Nobody has a department or location like the typed value.
    Unknown(String),
}

impl Filter {
    fn value(&self) -> Option<&str> {
        match self {
            Filter::On(value) => Some(value),
            Filter::Off | Filter::Unknown(_) => None,
        }
    }
}

/// The list for one query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    pub found: Vec<Found>,
    pub department: Filter,
    pub location: Filter,
}

fn understood(typed: Option<&String>, values: &[(String, usize)]) -> Filter {
    match typed {
        None => Filter::Off,
        Some(typed) => resolve(typed, values.iter().map(|(v, _)| v.as_str())).map_or_else(
            || Filter::Unknown(typed.clone()),
            |v| Filter::On(v.to_owned()),
        ),
    }
}

/// Does every typed word start a word of the person's name or their username?
fn names_match(doc: &PersonDoc, words: &[String]) -> bool {
    let name = doc.display_name().to_lowercase();
    let username = doc.username.to_lowercase();
    !words.is_empty()
        && words.iter().all(|w| {
            username.starts_with(w.as_str())
                || name
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|part| part.starts_with(w.as_str()))
        })
}

/// The people to show for `parsed` in `sort` order; `now` (unix seconds) ages the evidence.
/// `orders` keeps the whole directory's order between calls.
pub fn listing(
    index: &ExpertiseIndex,
    parsed: &ParsedQuery,
    sort: SortOrder,
    now: i64,
    orders: &mut OrderCache,
) -> Listing {
    let filtered = parsed.department.is_some() || parsed.location.is_some();
    let facets = filtered.then(|| orders.facets(index));
    let (department, location) = match facets {
        Some(f) => (
            understood(parsed.department.as_ref(), &f.departments),
            understood(parsed.location.as_ref(), &f.locations),
        ),
        None => (Filter::Off, Filter::Off),
    };
    let mut listing = Listing {
        found: Vec::new(),
        department,
        location,
    };
    if matches!(listing.department, Filter::Unknown(_))
        || matches!(listing.location, Filter::Unknown(_))
    {
        return listing;
    }
    let query = Query {
        text: parsed.text.clone(),
        department: listing.department.value().map(str::to_owned),
        location: listing.location.value().map(str::to_owned),
        sort: SortOrder::Relevance,
        limit: None,
    };
    let text_words: Vec<String> = parsed
        .text
        .to_lowercase()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    if text_words.is_empty() {
        let unfiltered = query.department.is_none() && query.location.is_none();
        let everyone = if unfiltered && sort != SortOrder::Relevance {
            orders.order(index, sort).ids.clone()
        } else {
            index.directory(&query.clone().sort(sort))
        };
        listing.found = everyone
            .into_iter()
            .map(|id| Found {
                id: UserId(id),
                why: None,
            })
            .collect();
        return listing;
    }
    let ranked = if parsed.text.chars().count() >= MIN_SUBJECT_CHARS {
        index.who_knows(&query.clone().limit(Some(MAX_RANKED)), now)
    } else {
        Vec::new()
    };
    let plain = index.directory(&query.clone().limit(Some(MAX_PLAIN)));
    let mut ids: Vec<u64> = plain
        .iter()
        .copied()
        .filter(|id| {
            index
                .person(*id)
                .is_some_and(|doc| names_match(doc, &text_words))
        })
        .collect();
    let mut seen: HashSet<u64> = ids.iter().copied().collect();
    for id in ranked
        .iter()
        .map(|m| m.person_id)
        .chain(plain.iter().copied())
    {
        if seen.insert(id) {
            ids.push(id);
        }
    }
    if sort != SortOrder::Relevance {
        let position = &orders.order(index, sort).position;
        ids.sort_by_key(|id| position.get(id).copied().unwrap_or(usize::MAX));
    }
    let mut why: HashMap<u64, Match> = ranked.into_iter().map(|m| (m.person_id, m)).collect();
    listing.found = ids
        .into_iter()
        .map(|id| Found {
            id: UserId(id),
            why: why.remove(&id),
        })
        .collect();
    listing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expertise::MessageDoc;

    const NOW: i64 = 1_750_000_000;

    fn person(id: u64, name: &str, dept: &str, expertise: &[&str], shown: bool) -> PersonDoc {
        PersonDoc {
            id,
            full_name: name.into(),
            username: name.to_lowercase().replace(' ', ""),
            department: Some(dept.into()),
            expertise: expertise.iter().map(|e| e.to_string()).collect(),
            show_in_directory: shown,
            ..PersonDoc::default()
        }
    }

    fn network() -> ExpertiseIndex {
        let mut index = ExpertiseIndex::new();
        index.upsert_person(person(
            1,
            "Kim de Vries",
            "Engineering",
            &["kubernetes"],
            true,
        ));
        index.upsert_person(person(2, "Ada Lovelace", "Engineering", &[], true));
        index.upsert_person(person(
            3,
            "Hidden Hank",
            "Engineering",
            &["kubernetes"],
            false,
        ));
        index.upsert_person(person(4, "Kubo Tanaka", "Sales", &["negotiation"], true));
        index.upsert_person(person(5, "Lena Berg", "Legal", &["gdpr"], true));
        for id in 0..4 {
            index.add_message(MessageDoc {
                id: 100 + id,
                sender_id: 2,
                body: "rolled the kubernetes cluster upgrade".into(),
                created_at: NOW - 3_600,
                ..MessageDoc::default()
            });
        }
        index
    }

    fn ids(listing: &Listing) -> Vec<u64> {
        listing.found.iter().map(|f| f.id.0).collect()
    }

    #[test]
    fn without_text_everyone_visible_is_listed_by_name() {
        let listing = listing(
            &network(),
            &ParsedQuery::default(),
            SortOrder::Relevance,
            NOW,
            &mut OrderCache::default(),
        );
        assert_eq!(ids(&listing), [2, 1, 4, 5]);
        assert!(listing.found.iter().all(|f| f.why.is_none()));
    }

    #[test]
    fn a_subject_ranks_experts_with_reasons_and_never_the_hidden() {
        let parsed = ParsedQuery {
            text: "kubernetes".into(),
            ..ParsedQuery::default()
        };
        let listing = listing(
            &network(),
            &parsed,
            SortOrder::Relevance,
            NOW,
            &mut OrderCache::default(),
        );
        let found = ids(&listing);
        assert!(!found.contains(&3));
        assert_eq!(found.first(), Some(&1), "declared first: {found:?}");
        assert!(found.contains(&2), "evidence-only writer found: {found:?}");
        let why = listing
            .found
            .iter()
            .find(|f| f.id.0 == 2)
            .and_then(|f| f.why.as_ref());
        assert!(why.is_some_and(|m| m.summary(NOW).contains("4 messages")));
    }

    #[test]
    fn names_come_before_subjects() {
        let parsed = ParsedQuery {
            text: "kub".into(),
            ..ParsedQuery::default()
        };
        let found = ids(&listing(
            &network(),
            &parsed,
            SortOrder::Relevance,
            NOW,
            &mut OrderCache::default(),
        ));
        assert_eq!(found.first(), Some(&4), "{found:?}");
        assert!(found.contains(&1));
    }

    #[test]
    fn filters_resolve_to_known_values_or_empty_the_list() {
        let parsed = ParsedQuery {
            department: Some("eng".into()),
            ..ParsedQuery::default()
        };
        let listing = listing(
            &network(),
            &parsed,
            SortOrder::Name,
            NOW,
            &mut OrderCache::default(),
        );
        assert_eq!(listing.department, Filter::On("Engineering".into()));
        assert_eq!(ids(&listing), [2, 1]);
        let parsed = ParsedQuery {
            location: Some("mars".into()),
            ..ParsedQuery::default()
        };
        let listing = super::listing(
            &network(),
            &parsed,
            SortOrder::Name,
            NOW,
            &mut OrderCache::default(),
        );
        assert_eq!(listing.location, Filter::Unknown("mars".into()));
        assert!(listing.found.is_empty());
    }

    #[test]
    fn other_orders_keep_the_same_people() {
        let parsed = ParsedQuery {
            text: "kubernetes".into(),
            ..ParsedQuery::default()
        };
        let ranked = ids(&listing(
            &network(),
            &parsed,
            SortOrder::Relevance,
            NOW,
            &mut OrderCache::default(),
        ));
        let by_name = ids(&listing(
            &network(),
            &parsed,
            SortOrder::Name,
            NOW,
            &mut OrderCache::default(),
        ));
        assert_eq!(by_name, [2, 1]);
        let mut sorted = ranked.clone();
        sorted.sort_unstable();
        let mut named = by_name.clone();
        named.sort_unstable();
        assert_eq!(sorted, named);
    }
}
