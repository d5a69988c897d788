//! The API client: decoding Yammer's JSON, the client against `kring serve`, and the client against
//! servers that misbehave (faults, redirects, TLS, token commands, the request budget).

mod budget_priority;
mod client_server;
mod client_server_demo;
mod client_server_people;
mod decode;
mod decode_props;
mod decode_quirks;
mod decode_samples;
mod faults;
mod faults_redirect;
mod faults_responses;
mod faults_token;
mod mentions_feed;
mod tls;
