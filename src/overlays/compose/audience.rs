//! Who reads a draft when it goes to many: everyone in the network (a new post in All Company)
//! or people outside the company (a post or reply in an external community). Such a send asks
//! first: the first send shows a confirm line, the second posts, and any edit in between asks
//! again. Pure lookups of the target and the catalog.

use super::ComposeTarget;
use crate::domain::Catalog;

/// What the confirm line says for a draft to `target`, when it goes to many.
pub fn warning(target: &ComposeTarget, catalog: &Catalog) -> Option<String> {
    if target.is_external(catalog) {
        return Some(
            "This goes to people outside your company too. Send again to post.".to_owned(),
        );
    }
    match target {
        ComposeTarget::NewPost {
            community: None, ..
        } => Some(
            "This goes to everyone in the network (All Company). Send again to post.".to_owned(),
        ),
        _ => None,
    }
}
