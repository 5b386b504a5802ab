//! P5: one room of receivers, one sender. Each message carries its send time (µs since
//! the Unix epoch; loader and server share the machine's clock), so every receiver
//! measures send→receive latency.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use futures_util::SinkExt;
use serde_json::json;

use crate::{percentile, wire};

pub struct Plan {
    pub clients: usize,
    pub messages: usize,
    pub rate: u64,
    /// The conversation every receiver is in, and the sender sends to.
    pub room: String,
    /// Another instance of the same deployment: every other receiver connects there (P13),
    /// the sender stays on the first.
    pub elsewhere: Option<String>,
}

/// Bytes of each message's body.
const BODY_BYTES: usize = 200;
const DEADLINE: Duration = Duration::from_secs(120);

fn now_micros() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_micros()
}

pub async fn run(base: &str, path: &str, ns: &str, auth: &str, plan: Plan) {
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(plan.clients * plan.messages)));
    let mut receivers = Vec::with_capacity(plan.clients);
    let mut left = plan.clients;
    while left > 0 {
        let wave = left.min(200);
        let connects = (0..wave).map(|i| {
            let at = match &plan.elsewhere {
                Some(other) if (left - i).is_multiple_of(2) => other.as_str(),
                _ => base,
            };
            wire::connect(at, path, ns, auth)
        });
        for ws in futures_util::future::join_all(connects).await {
            receivers.push(ws.expect("a receiver connects"));
        }
        left -= wave;
    }
    let prefix = format!("42{ns},[\"message:new\"");
    let done_at = Arc::new(Mutex::new(Instant::now()));
    let tasks: Vec<_> = receivers
        .into_iter()
        .map(|mut ws| {
            let (latencies, prefix, done_at) = (latencies.clone(), prefix.clone(), done_at.clone());
            let expected = plan.messages;
            tokio::spawn(async move {
                let mut mine = Vec::with_capacity(expected);
                while mine.len() < expected {
                    let Ok(text) = wire::next_text(&mut ws).await else {
                        break;
                    };
                    if !text.starts_with(&prefix) {
                        continue;
                    }
                    if let Some(sent) = sent_at(&text) {
                        mine.push((now_micros().saturating_sub(sent)) as f64 / 1000.0);
                    }
                }
                let mut at = done_at.lock().unwrap();
                *at = (*at).max(Instant::now());
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();

    let mut sender = wire::connect(base, path, ns, auth)
        .await
        .expect("the sender connects");
    let start = Instant::now();
    let gap = Duration::from_secs_f64(1.0 / plan.rate as f64);
    for n in 0..plan.messages {
        tokio::time::sleep_until((start + gap * n as u32).into()).await;
        let stamp = format!("t={} ", now_micros());
        let body = format!(
            "{stamp}{}",
            "x".repeat(BODY_BYTES.saturating_sub(stamp.len()))
        );
        let payload = json!({"conversationId": plan.room, "body": body}).to_string();
        sender
            .send(wire::event(ns, Some(n as u64), "message:send", &payload))
            .await
            .expect("the sender sends");
    }
    // The sender's own frames (acks, its copy of each message) are read and dropped.
    let drain = tokio::spawn(async move { while wire::next_text(&mut sender).await.is_ok() {} });
    let all = futures_util::future::join_all(tasks);
    let finished = tokio::time::timeout(DEADLINE, all).await.is_ok();
    drain.abort();
    let elapsed = (*done_at.lock().unwrap() - start).as_secs_f64();
    let mut took = std::mem::take(&mut *latencies.lock().unwrap());
    took.sort_by(f64::total_cmp);
    let expected = plan.clients * plan.messages;
    println!(
        "{}",
        json!({
            "clients": plan.clients, "messages": plan.messages, "rate": plan.rate,
            "expected": expected, "delivered": took.len(), "finished": finished,
            "seconds": elapsed, "deliveries_per_s": took.len() as f64 / elapsed,
            "p50_ms": percentile(&took, 50.0), "p99_ms": percentile(&took, 99.0),
        })
    );
}

/// The send time in a `message:new` frame's body (`"body":"t=<µs> …"`).
fn sent_at(frame: &str) -> Option<u128> {
    let at = frame.find("\"body\":\"t=")? + "\"body\":\"t=".len();
    let digits: String = frame[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_send_time_is_read_from_the_body() {
        let frame = r#"42/messaging,["message:new",{"seq":3,"body":"t=1700000000123456 xx"}]"#;
        assert_eq!(super::sent_at(frame), Some(1_700_000_000_123_456));
        assert_eq!(super::sent_at(r#"42/messaging,["typing",{}]"#), None);
    }
}
