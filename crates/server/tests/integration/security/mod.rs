//! Regression tests for the holes an outside probe found (issue 11), each named after its
//! finding and run on both backends; each failed before its fix. The table in
//! docs/SECURITY.md ("Findings of the security probe") maps finding, fix and test.

mod connections;
mod input;
mod requests;
mod sign_in;
mod workspace;
