//! What "Questions for you" asks of the network (`QuestionsEffect`) and the answer
//! (`QuestionsMsg`), and running it on the shared client. The run touches no state.

use crate::api::{ApiError, Client};
use crate::domain::GroupId;

/// A request of the questions view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuestionsEffect {
    /// Which communities the signed-in user administers.
    FetchKept,
}

/// The answer to a `QuestionsEffect`.
#[derive(Clone, Debug)]
pub enum QuestionsMsg {
    Kept(Result<Vec<GroupId>, ApiError>),
}

/// Runs `effect`; its answer is handed to `answer`.
pub fn start(
    client: Client,
    answer: impl FnOnce(QuestionsMsg) + Send + 'static,
    effect: QuestionsEffect,
) {
    tokio::spawn(async move {
        let result = match effect {
            QuestionsEffect::FetchKept => QuestionsMsg::Kept(
                client
                    .administered_communities()
                    .await
                    .map(|ids| ids.into_iter().map(GroupId).collect()),
            ),
        };
        answer(result);
    });
}
