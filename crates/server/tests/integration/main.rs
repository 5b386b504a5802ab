//! Integration tests: each starts the real `fluxstudio` binary and talks to it over
//! HTTP, on SQLite and on PostgreSQL. One test binary keeps link times short.

mod support;

mod accounts;
mod backup;
mod cluster;
mod config;
mod documents;
mod files;
mod health;
mod http;
mod integrity;
mod invited_signup;
mod messaging;
mod migrations;
mod openapi;
mod postgres_tls;
mod ready;
mod security;
mod shutdown;
mod sqlite_writers;
mod store;
mod workspace;
