//! A short, human label for the device a session came from ("Chrome 120 on macOS",
//! "curl 8.0"), read from its `User-Agent`, so a person looking at their sessions can tell
//! them apart and spot one that is not theirs.
//!
//! The label is a hint, not a fact: any client can send any `User-Agent`. It is parsed with
//! small ordered tables rather than a full user-agent database because a rough label is all
//! a session list needs, and the tables are easy to extend.

/// The longest label returned, in characters.
pub const MAX_CHARS: usize = 100;
/// The label when there is no `User-Agent`, or nothing in it is recognised.
pub const UNKNOWN: &str = "Unknown device";

/// Browsers, tried in order: the first whose `token/` appears names the browser, and the
/// digits after it are its major version. Order matters, because browsers claim each
/// other's names: Edge's and Opera's user agents also say `Chrome/` and `Safari/`, a
/// Chromium that names itself also says `Chrome/`, and every Chrome says `Safari/`.
const BROWSERS: &[(&str, &str)] = &[
    ("Edg", "Edge"),    // Chromium-based Edge on the desktop
    ("EdgA", "Edge"),   // on Android
    ("EdgiOS", "Edge"), // on iOS
    ("Edge", "Edge"),   // the older EdgeHTML Edge
    ("OPR", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"), // on iOS
    ("CriOS", "Chrome"),  // on iOS
    ("HeadlessChrome", "Chrome"),
    ("Chromium", "Chromium"),
    ("Chrome", "Chrome"),
];

/// Operating systems, tried in order: iOS user agents say "like Mac OS X", Android and
/// ChromeOS ones say "Linux".
const SYSTEMS: &[(&str, &str)] = &[
    ("iPhone", "iOS"),
    ("iPod", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "macOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
];

/// Programs whose product token is not the name people know them by. Node's built-in
/// `fetch` sends just `node` (older releases `undici`).
const PROGRAMS: &[(&str, &str)] = &[
    ("node", "Node.js"),
    ("undici", "Node.js"),
    ("node-fetch", "Node.js"),
];

/// The label for a session whose client sent `user_agent`.
pub fn device_name(user_agent: Option<&str>) -> String {
    let agent = user_agent.map(str::trim).unwrap_or_default();
    let label = if agent.is_empty() {
        UNKNOWN.to_owned()
    } else if agent.starts_with("Mozilla/") {
        browser_label(agent)
    } else {
        program_label(agent)
    };
    label.chars().take(MAX_CHARS).collect()
}

/// "Browser major on System", or as much of it as is known.
fn browser_label(agent: &str) -> String {
    let browser = BROWSERS
        .iter()
        .find_map(|(token, name)| product_version(agent, token).map(|version| (*name, version)))
        .or_else(|| {
            // Safari's own version is in `Version/`; its `Safari/` number is WebKit's.
            product_version(agent, "Safari")
                .map(|_| ("Safari", product_version(agent, "Version").unwrap_or("")))
        });
    let system = SYSTEMS
        .iter()
        .find(|(token, _)| agent.contains(token))
        .map(|(_, name)| *name);
    match (browser, system) {
        (Some((name, version)), system) => {
            let mut label = name.to_owned();
            let major = leading_digits(version);
            if !major.is_empty() {
                label.push(' ');
                label.push_str(major);
            }
            if let Some(system) = system {
                label.push_str(" on ");
                label.push_str(system);
            }
            label
        }
        (None, Some(system)) => format!("Web browser on {system}"),
        (None, None) => UNKNOWN.to_owned(),
    }
}

/// "program major.minor" from a non-browser's leading `name/version` product token
/// ("curl/8.0.1" is "curl 8.0"), or "Node.js" and the like for renamed programs.
fn program_label(agent: &str) -> String {
    let first = agent.split_whitespace().next().unwrap_or_default();
    let (name, version) = first.split_once('/').unwrap_or((first, ""));
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
    if name.is_empty() || !name.chars().all(is_name_char) {
        return UNKNOWN.to_owned();
    }
    if let Some((_, known)) = PROGRAMS
        .iter()
        .find(|(token, _)| name.eq_ignore_ascii_case(token))
    {
        return (*known).to_owned();
    }
    let version = major_minor(version);
    if version.is_empty() {
        name.to_owned()
    } else {
        format!("{name} {version}")
    }
}

/// The version after the product token `token/` in `agent`, when `token` stands as a word
/// of its own there (so `Chrome` does not match inside `HeadlessChrome/`).
fn product_version<'a>(agent: &'a str, token: &str) -> Option<&'a str> {
    agent.match_indices(token).find_map(|(at, _)| {
        let starts_word = agent[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let rest = &agent[at + token.len()..];
        match rest.strip_prefix('/') {
            Some(version) if starts_word => Some(version),
            _ => None,
        }
    })
}

/// The run of ASCII digits `text` starts with (at most 8, so a hostile value stays short).
fn leading_digits(text: &str) -> &str {
    let end = text.bytes().take(8).take_while(u8::is_ascii_digit).count();
    &text[..end]
}

/// "8.0" from "8.0.1", "2.31" from "2.31.0", "7" from "7"; empty without leading digits.
fn major_minor(version: &str) -> &str {
    let major = leading_digits(version);
    if major.is_empty() {
        return "";
    }
    let rest = &version[major.len()..];
    match rest.strip_prefix('.').map(leading_digits) {
        Some(minor) if !minor.is_empty() => &version[..major.len() + 1 + minor.len()],
        _ => major,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// (user agent, label): real user-agent strings as the browsers and tools send them.
    const CASES: &[(&str, &str)] = &[
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Chrome 120 on macOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Chrome 120 on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
            "Chrome 119 on Android",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
            "Chrome 120 on iOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
            "Edge 120 on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 EdgA/120.0.2210.115",
            "Edge 120 on Android",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Firefox 128 on Windows",
        ),
        (
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Firefox 121 on Linux",
        ),
        (
            "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0",
            "Firefox 121 on Android",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15",
            "Firefox 121 on iOS",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
            "Safari 17 on macOS",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
            "Safari 17 on iOS",
        ),
        (
            "Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
            "Safari 17 on iPadOS",
        ),
        (
            // Since iPadOS 13 Safari asks for desktop sites and says it is a Mac.
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Safari/605.1.15",
            "Safari 16 on macOS",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/156.0.0.0 Chrome/156.0.0.0 Safari/537.36",
            "Chromium 156 on Linux",
        ),
        (
            // Debian's Chromium 156 headless, as the end-to-end tests drive it.
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
            "Chrome 156 on Linux",
        ),
        (
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Chrome 120 on ChromeOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
            "Opera 106 on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
            "Samsung Internet 23 on Android",
        ),
        (
            // An app's web view: no browser named.
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Web browser on iOS",
        ),
        ("curl/8.0.1", "curl 8.0"),
        ("curl/7.88.1", "curl 7.88"),
        ("node", "Node.js"),
        ("undici", "Node.js"),
        ("python-requests/2.31.0", "python-requests 2.31"),
        ("Wget/1.21.3", "Wget 1.21"),
        ("Go-http-client/1.1", "Go-http-client 1.1"),
        ("okhttp/4.12.0", "okhttp 4.12"),
        ("PostmanRuntime/7.36.0", "PostmanRuntime 7.36"),
        ("HTTPie", "HTTPie"),
        (
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            UNKNOWN,
        ),
        ("<script>alert(1)</script>", UNKNOWN),
        ("", UNKNOWN),
        ("   ", UNKNOWN),
    ];

    #[test]
    fn labels_real_user_agents() {
        for (agent, label) in CASES {
            assert_eq!(device_name(Some(agent)), *label, "{agent}");
        }
    }

    #[test]
    fn no_user_agent_is_an_unknown_device() {
        assert_eq!(device_name(None), "Unknown device");
    }

    #[test]
    fn long_values_are_cut_to_100_characters() {
        let long = format!("{}/1.0", "a".repeat(500));
        assert_eq!(device_name(Some(&long)).chars().count(), MAX_CHARS);
        let long_version = format!("Mozilla/5.0 (Windows NT 10.0) Firefox/{}", "9".repeat(500));
        assert_eq!(
            device_name(Some(&long_version)),
            "Firefox 99999999 on Windows"
        );
    }

    #[test]
    fn version_parts() {
        assert_eq!(major_minor("8.0.1"), "8.0");
        assert_eq!(major_minor("2.31"), "2.31");
        assert_eq!(major_minor("7"), "7");
        assert_eq!(major_minor("7."), "7");
        assert_eq!(major_minor("beta"), "");
        assert_eq!(product_version("HeadlessChrome/1", "Chrome"), None);
        assert_eq!(product_version("x Chrome/1 y", "Chrome"), Some("1 y"));
        assert_eq!(product_version("Chrome 1", "Chrome"), None);
    }

    proptest! {
        #[test]
        fn any_input_gives_a_short_printable_label(agent in any::<String>()) {
            let label = device_name(Some(&agent));
            prop_assert!(!label.is_empty());
            prop_assert!(label.chars().count() <= MAX_CHARS);
            prop_assert!(!label.chars().any(char::is_control));
        }

        #[test]
        fn any_browser_like_input_is_handled(agent in "Mozilla/5\\.0 \\([ -~]{0,40}\\)[ -~]{0,80}") {
            let label = device_name(Some(&agent));
            prop_assert!(label.chars().count() <= MAX_CHARS);
        }
    }
}
