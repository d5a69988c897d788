//! The Yammer REST API v1 client: tolerant DTOs shared with the server, typed calls, errors.
//! Owns every HTTP detail (paths, parameters, status codes, bodies); callers see typed results.

pub mod dto;
