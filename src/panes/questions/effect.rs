//! What "Questions for you" asks of the network (`QuestionsEffect`) and the answer
//! (`QuestionsMsg`), and running it on the shared client. The run touches no state.

use tokio::sync::mpsc::UnboundedSender;

use crate::api::{ApiError, Client};
use crate::app::core::msg::Msg;
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

/// Runs `effect`; its answer arrives on `results` as `Msg::Questions`.
pub fn start(client: Client, results: UnboundedSender<Msg>, effect: QuestionsEffect) {
    tokio::spawn(async move {
        let answer = match effect {
            QuestionsEffect::FetchKept => QuestionsMsg::Kept(
                client
                    .administered_communities()
                    .await
                    .map(|ids| ids.into_iter().map(GroupId).collect()),
            ),
        };
        // The loop has gone away only when kring is exiting; the answer no longer matters.
        let _ = results.send(Msg::Questions(answer));
    });
}
