//! Calls about communities beyond listing them: joining (which may leave a request to join a
//! private community waiting for an admin) and who someone follows (for suggestions).

use serde::Deserialize;

use super::budget::Family;
use super::client::Client;
use super::dto::UserList;
use super::dto::de;
use super::error::ApiError;

/// Where the user stands after asking to join a community.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joined {
    /// A member now.
    Member,
    /// A private community: the request waits for an admin.
    Pending,
}

/// The part of the `group_memberships` answer read here; a server may also answer with nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MembershipAnswer {
    #[serde(deserialize_with = "de::string")]
    membership_status: String,
}

impl Client {
    /// Joins a community, or asks to join a private one.
    pub async fn join_community(&self, group_id: u64) -> Result<Joined, ApiError> {
        let form = [("group_id".to_owned(), group_id.to_string())];
        let answer: Option<MembershipAnswer> = self
            .post(Family::Other, "group_memberships", &form, &[])
            .await?;
        let pending = answer.is_some_and(|a| a.membership_status.eq_ignore_ascii_case("pending"));
        Ok(if pending {
            Joined::Pending
        } else {
            Joined::Member
        })
    }

    /// The people a user follows, a page (from 1) at a time.
    pub async fn following(&self, user_id: u64, page: u32) -> Result<UserList, ApiError> {
        self.get(
            Family::Other,
            &format!("users/following/{user_id}"),
            &[("page", page.to_string())],
        )
        .await
    }
}
