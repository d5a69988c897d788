//! The Yammer REST API v1 client: tolerant DTOs shared with the server, typed calls, errors.
