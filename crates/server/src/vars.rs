//! Reading environment variables: where they come from, and the refusal that names the
//! variable at fault. Shared by every part of the configuration.

use std::fmt;

/// Why the configuration was refused: the variable and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.var, self.problem)
    }
}

impl std::error::Error for ConfigError {}

pub fn bad(var: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        var,
        problem: problem.into(),
    }
}

/// Where variables come from: the process environment, or a map in tests.
pub trait Vars {
    fn get(&self, name: &str) -> Option<String>;
}

/// The real process environment. Empty values count as unset.
pub struct ProcessEnv;

impl Vars for ProcessEnv {
    fn get(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.trim().is_empty())
    }
}

pub fn parse_bool(var: &'static str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(bad(var, format!("\"{value}\" is not true or false"))),
    }
}

pub fn parse_number<T: std::str::FromStr>(
    var: &'static str,
    value: &str,
    what: &str,
) -> Result<T, ConfigError> {
    value
        .trim()
        .parse()
        .map_err(|_| bad(var, format!("\"{value}\" is not {what}")))
}

/// `var` as a number, or `default` when it is not set.
pub fn number<T: std::str::FromStr>(
    vars: &impl Vars,
    var: &'static str,
    what: &str,
    default: T,
) -> Result<T, ConfigError> {
    match vars.get(var) {
        Some(v) => parse_number(var, &v, what),
        None => Ok(default),
    }
}

/// `var` as a whole number of at least 1, or `default` when it is not set.
pub fn positive(vars: &impl Vars, var: &'static str, default: u32) -> Result<u32, ConfigError> {
    let value: u32 = number(vars, var, "a whole number", default)?;
    if value == 0 {
        return Err(bad(var, "must be at least 1"));
    }
    Ok(value)
}
