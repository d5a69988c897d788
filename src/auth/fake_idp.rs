//! A scripted identity provider for the unit tests of `auth`: every POST to `…/devicecode` or
//! `…/token` takes the next answer from a queue and records the form it was sent. Test code.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::config::SignInConfig;

#[derive(Default)]
pub struct Script {
    pub answers: VecDeque<(u16, Value)>,
    pub forms: Vec<Vec<(String, String)>>,
}

pub struct FakeIdp {
    pub url: String,
    pub script: Arc<Mutex<Script>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeIdp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn answer(
    State(script): State<Arc<Mutex<Script>>>,
    Form(form): Form<Vec<(String, String)>>,
) -> (StatusCode, Json<Value>) {
    let mut script = script.lock().unwrap();
    script.forms.push(form);
    let (status, body) = script
        .answers
        .pop_front()
        .unwrap_or((500, json!({"unscripted": true})));
    (StatusCode::from_u16(status).unwrap(), Json(body))
}

impl FakeIdp {
    pub async fn start(answers: Vec<(u16, Value)>) -> Self {
        let script = Arc::new(Mutex::new(Script {
            answers: answers.into(),
            forms: Vec::new(),
        }));
        let app = Router::new()
            .route("/t/oauth2/v2.0/devicecode", post(answer))
            .route("/t/oauth2/v2.0/token", post(answer))
            .with_state(Arc::clone(&script));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.ok();
        });
        Self { url, script, task }
    }

    pub fn config(&self) -> SignInConfig {
        SignInConfig {
            client_id: "client-1".into(),
            tenant: "t".into(),
            authority: self.url.clone(),
        }
    }

    /// The forms received so far, as maps of field to value.
    pub fn forms(&self) -> Vec<std::collections::HashMap<String, String>> {
        let script = self.script.lock().unwrap();
        script
            .forms
            .iter()
            .map(|form| form.iter().cloned().collect())
            .collect()
    }
}

/// A token answer as Entra words it.
pub fn grant(access: &str, refresh: &str, expires_in: i64) -> (u16, Value) {
    (
        200,
        json!({"token_type": "Bearer", "scope": super::SCOPE, "expires_in": expires_in,
               "ext_expires_in": expires_in, "access_token": access, "refresh_token": refresh}),
    )
}

/// An OAuth error answer.
pub fn oauth_error(error: &str) -> (u16, Value) {
    (
        400,
        json!({"error": error, "error_description": format!("AADSTS00000: {error}"),
               "error_codes": [0], "timestamp": "", "trace_id": "", "correlation_id": ""}),
    )
}
