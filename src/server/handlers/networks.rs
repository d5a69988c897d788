//! `GET /networks/current`: the one network this server hosts, as an array.

use axum::Json;
use axum::extract::State;

use crate::api::dto::Network;
use crate::server::auth::Caller;
use crate::server::db;
use crate::server::db::rows::NETWORK_ID;
use crate::server::errors::ApiError;
use crate::server::state::AppState;

/// `GET /networks/current`.
pub async fn current(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<Json<Vec<Network>>, ApiError> {
    let links = state.links.clone();
    let network = state
        .db
        .call(move |conn| {
            let (name, permalink) = db::network(conn)?;
            Ok(Network {
                id: NETWORK_ID,
                name,
                web_url: links.web(&permalink),
                permalink,
            })
        })
        .await?;
    Ok(Json(vec![network]))
}
