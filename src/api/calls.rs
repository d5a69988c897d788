//! Typed calls of the Yammer REST API v1: one method per endpoint kring uses, each naming its
//! rate-limit family. Paths and parameter names are Yammer's own.

use reqwest::Method;

use super::budget::Family;
use super::client::Client;
use super::dto::{
    Group, ListOrWrapped, Message, MessagesEnvelope, Network, SearchResults, Thread, Topic, User,
    UserList,
};
use super::error::ApiError;
use super::query::{GroupQuery, NewMessage, PageQuery, UserQuery, feed_path};
use crate::domain::Feed;

/// The request header by which a client says it handles external communities (people outside
/// the company read what is posted there), with the capabilities Viva Engage asks for.
pub const EXTERNAL_CAPABILITIES: (&str, &str) =
    ("yammer-capabilities", "external-messaging,external-groups");

impl Client {
    /// One page of a message feed.
    pub async fn feed(&self, feed: &Feed, page: &PageQuery) -> Result<MessagesEnvelope, ApiError> {
        self.get(Family::Messages, &feed_path(*feed), &page.params(feed))
            .await
    }

    /// One message (a bare object, not an envelope).
    pub async fn message(&self, id: u64) -> Result<Message, ApiError> {
        self.get(Family::Messages, &format!("messages/{id}"), &[])
            .await
    }

    /// Posts a message; the answer is an envelope holding the new message. Never retried: an
    /// unknown outcome is for the outbox to reconcile.
    ///
    /// Every post declares [`EXTERNAL_CAPABILITIES`]: kring marks external communities and
    /// warns before a post there, which is what the header promises, and Viva Engage refuses a
    /// post or reply into an external community without it. Sent on every post, not only on
    /// those kring knows to be external, so that a reply reached from a feed whose community
    /// is not loaded, or a queued post (the outbox knows only the target's id), is not refused.
    pub async fn post_message(&self, message: &NewMessage) -> Result<MessagesEnvelope, ApiError> {
        self.post(
            Family::Messages,
            "messages",
            &message.form(),
            &[EXTERNAL_CAPABILITIES],
        )
        .await
    }

    /// Deletes one of the user's own messages.
    pub async fn delete_message(&self, id: u64) -> Result<(), ApiError> {
        self.send_no_content(
            Family::Messages,
            Method::DELETE,
            &format!("messages/{id}"),
            &[],
            &[],
        )
        .await
    }

    /// Likes a message as the current user.
    pub async fn like(&self, message_id: u64) -> Result<(), ApiError> {
        let query = [("message_id", message_id.to_string())];
        self.send_no_content(
            Family::Messages,
            Method::POST,
            "messages/liked_by/current",
            &query,
            &[],
        )
        .await
    }

    /// Removes the current user's like.
    pub async fn unlike(&self, message_id: u64) -> Result<(), ApiError> {
        let query = [("message_id", message_id.to_string())];
        self.send_no_content(
            Family::Messages,
            Method::DELETE,
            "messages/liked_by/current",
            &query,
            &[],
        )
        .await
    }

    /// Groups (communities), 50 per page.
    pub async fn groups(&self, query: &GroupQuery) -> Result<Vec<Group>, ApiError> {
        let mut params = Vec::new();
        if let Some(page) = query.page {
            params.push(("page", page.to_string()));
        }
        if query.mine {
            params.push(("mine", "1".to_owned()));
        }
        if let Some(letter) = query.letter {
            params.push(("letter", letter.to_string()));
        }
        if let Some(sort) = &query.sort_by {
            params.push(("sort_by", sort.clone()));
        }
        let list: ListOrWrapped<Group> = self.get(Family::Other, "groups", &params).await?;
        Ok(list.into_vec())
    }

    /// The groups a user belongs to.
    pub async fn groups_for_user(&self, user_id: u64) -> Result<Vec<Group>, ApiError> {
        let list: ListOrWrapped<Group> = self
            .get(Family::Other, &format!("groups/for_user/{user_id}"), &[])
            .await?;
        Ok(list.into_vec())
    }

    /// One group.
    pub async fn group(&self, id: u64) -> Result<Group, ApiError> {
        self.get(Family::Other, &format!("groups/{id}"), &[]).await
    }

    /// Joins a group.
    pub async fn join_group(&self, group_id: u64) -> Result<(), ApiError> {
        let query = [("group_id", group_id.to_string())];
        self.send_no_content(
            Family::Other,
            Method::POST,
            "group_memberships",
            &query,
            &[],
        )
        .await
    }

    /// Leaves a group.
    pub async fn leave_group(&self, group_id: u64) -> Result<(), ApiError> {
        let query = [("group_id", group_id.to_string())];
        self.send_no_content(
            Family::Other,
            Method::DELETE,
            "group_memberships",
            &query,
            &[],
        )
        .await
    }

    /// People in the network, 50 per page.
    pub async fn users(&self, query: &UserQuery) -> Result<Vec<User>, ApiError> {
        let mut params = Vec::new();
        if let Some(page) = query.page {
            params.push(("page", page.to_string()));
        }
        if let Some(letter) = query.letter {
            params.push(("letter", letter.to_string()));
        }
        if let Some(sort) = &query.sort_by {
            params.push(("sort_by", sort.clone()));
        }
        let list: ListOrWrapped<User> = self.get(Family::Other, "users", &params).await?;
        Ok(list.into_vec())
    }

    /// The signed-in user.
    pub async fn current_user(&self) -> Result<User, ApiError> {
        self.get(Family::Other, super::base_check::CURRENT_USER, &[])
            .await
    }

    /// One user.
    pub async fn user(&self, id: u64) -> Result<User, ApiError> {
        self.get(Family::Other, &format!("users/{id}"), &[]).await
    }

    /// Members of a group, a page at a time.
    pub async fn users_in_group(&self, group_id: u64, page: u32) -> Result<UserList, ApiError> {
        self.get(
            Family::Other,
            &format!("users/in_group/{group_id}"),
            &[("page", page.to_string())],
        )
        .await
    }

    /// Users with this email address.
    pub async fn users_by_email(&self, email: &str) -> Result<Vec<User>, ApiError> {
        let list: ListOrWrapped<User> = self
            .get(
                Family::Other,
                "users/by_email",
                &[("email", email.to_owned())],
            )
            .await?;
        Ok(list.into_vec())
    }

    /// Changes the user's own profile (`PUT users/current`): only the fields given change;
    /// an empty list clears one.
    pub async fn update_current_user(&self, change: &ProfileUpdate) -> Result<(), ApiError> {
        self.send_no_content(
            Family::Other,
            Method::PUT,
            "users/current",
            &[],
            &change.form(),
        )
        .await
    }

    /// Follows a user.
    pub async fn follow_user(&self, user_id: u64) -> Result<(), ApiError> {
        let query = [
            ("target_type", "user".to_owned()),
            ("target_id", user_id.to_string()),
        ];
        self.send_no_content(Family::Other, Method::POST, "subscriptions", &query, &[])
            .await
    }

    /// Stops following a user.
    pub async fn unfollow_user(&self, user_id: u64) -> Result<(), ApiError> {
        let query = [
            ("target_type", "user".to_owned()),
            ("target_id", user_id.to_string()),
        ];
        self.send_no_content(Family::Other, Method::DELETE, "subscriptions", &query, &[])
            .await
    }

    /// Whether the signed-in user follows a user: Yammer answers 200 when so and 404 when not.
    pub async fn is_following_user(&self, user_id: u64) -> Result<bool, ApiError> {
        let path = format!("subscriptions/to_user/{user_id}");
        match self
            .get::<serde::de::IgnoredAny>(Family::Other, &path, &[])
            .await
        {
            Ok(_) => Ok(true),
            Err(ApiError::NotFound) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// A thread's summary object.
    pub async fn thread(&self, id: u64) -> Result<Thread, ApiError> {
        self.get(Family::Messages, &format!("threads/{id}"), &[])
            .await
    }

    /// A topic.
    pub async fn topic(&self, id: u64) -> Result<Topic, ApiError> {
        self.get(Family::Other, &format!("topics/{id}"), &[]).await
    }

    /// Full-text search over messages, people, groups and topics.
    pub async fn search(&self, text: &str, page: u32) -> Result<SearchResults, ApiError> {
        let params = [("search", text.to_owned()), ("page", page.to_string())];
        self.get(Family::Other, "search", &params).await
    }

    /// The current network.
    pub async fn network(&self) -> Result<Option<Network>, ApiError> {
        let list: Vec<Network> = self.get(Family::Other, "networks/current", &[]).await?;
        Ok(list.into_iter().next())
    }
}

/// A change to the user's own profile; `None` leaves a field as it is. Everything here is
/// visible to everyone in the network.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileUpdate {
    pub expertise: Option<Vec<String>>,
    pub interests: Option<Vec<String>>,
    pub summary: Option<String>,
    /// Whether the directory (and so people search and expertise rankings) lists the user.
    pub show_in_directory: Option<bool>,
}

impl ProfileUpdate {
    /// The form body: lists as comma-separated text (`""` clears).
    pub fn form(&self) -> Vec<(String, String)> {
        let mut form = Vec::new();
        let mut list = |key: &str, tags: &Option<Vec<String>>| {
            if let Some(tags) = tags {
                form.push((key.to_owned(), tags.join(", ")));
            }
        };
        list("expertise", &self.expertise);
        list("interests", &self.interests);
        if let Some(summary) = &self.summary {
            form.push(("summary".to_owned(), summary.clone()));
        }
        if let Some(shown) = self.show_in_directory {
            form.push(("show_in_directory".to_owned(), shown.to_string()));
        }
        form
    }
}
