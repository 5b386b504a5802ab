//! `socket-load`: the compiled loader of BENCHMARKS.md P4-P6.
//!
//! - `handshake BASE PATH NS AUTH N`: N sequential connects; prints latency percentiles.
//! - `storm BASE PATH NS AUTH N RATE`: N connects started at RATE per second; prints
//!   the time until all are connected and the errors.
//! - `fanout BASE PATH NS AUTH CLIENTS MESSAGES RATE ROOM [ELSEWHERE]`: CLIENTS receivers
//!   in one room, one sender emitting `message:send` at RATE per second; prints deliveries
//!   per second and the send→receive latency percentiles. With ELSEWHERE (another
//!   instance's base), every other receiver connects there (P13).
//! - `idle BASE PATH NS AUTH N`: holds N idle connections until stdin closes; prints
//!   `ready` once all are connected.
//!
//! Output is one JSON line, for bench/realtime.py.

mod fanout;
mod wire;

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::AsyncReadExt;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let num = |i: usize| arg(i).parse::<u64>().unwrap_or_else(|_| usage());
    let (base, path, ns, auth) = (arg(2), arg(3), arg(4), arg(5));
    match arg(1).as_str() {
        "handshake" => handshake(&base, &path, &ns, &auth, num(6)).await,
        "storm" => storm(&base, &path, &ns, &auth, num(6), num(7)).await,
        "fanout" => {
            let plan = fanout::Plan {
                clients: num(6) as usize,
                messages: num(7) as usize,
                rate: num(8),
                room: arg(9),
                elsewhere: args.get(10).cloned(),
            };
            fanout::run(&base, &path, &ns, &auth, plan).await
        }
        "idle" => idle(&base, &path, &ns, &auth, num(6)).await,
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: socket-load handshake|storm|fanout|idle BASE PATH NS AUTH ... (see the source)"
    );
    std::process::exit(2)
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

async fn handshake(base: &str, path: &str, ns: &str, auth: &str, n: u64) {
    let mut took = Vec::with_capacity(n as usize);
    let mut errors = 0;
    for _ in 0..n {
        let start = Instant::now();
        match wire::connect(base, path, ns, auth).await {
            Ok(mut ws) => {
                took.push(start.elapsed().as_secs_f64() * 1000.0);
                let _ = ws.close(None).await;
            }
            Err(_) => errors += 1,
        }
    }
    took.sort_by(f64::total_cmp);
    println!(
        "{}",
        json!({"connects": took.len(), "errors": errors,
               "p50_ms": percentile(&took, 50.0), "p99_ms": percentile(&took, 99.0),
               "max_ms": took.last()})
    );
}

async fn storm(base: &str, path: &str, ns: &str, auth: &str, n: u64, rate: u64) {
    let start = Instant::now();
    let gap = Duration::from_secs_f64(1.0 / rate as f64);
    let mut tasks = Vec::with_capacity(n as usize);
    for i in 0..n {
        tokio::time::sleep_until((start + gap * i as u32).into()).await;
        let (base, path, ns, auth) = (
            base.to_owned(),
            path.to_owned(),
            ns.to_owned(),
            auth.to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            wire::connect(&base, &path, &ns, &auth)
                .await
                .map(|ws| (ws, Instant::now()))
        }));
    }
    let mut sockets = Vec::new();
    let (mut errors, mut last) = (0, start);
    for task in tasks {
        match task.await {
            Ok(Ok((ws, at))) => {
                last = last.max(at);
                sockets.push(ws);
            }
            _ => errors += 1,
        }
    }
    println!(
        "{}",
        json!({"connected": sockets.len(), "errors": errors,
               "all_connected_s": (last - start).as_secs_f64()})
    );
}

async fn idle(base: &str, path: &str, ns: &str, auth: &str, n: u64) {
    let mut sockets = Vec::with_capacity(n as usize);
    let mut errors = 0;
    // Connect in waves of 200 so the listen backlog is never the limit.
    let mut left = n;
    while left > 0 {
        let wave = left.min(200);
        let connects = (0..wave).map(|_| wire::connect(base, path, ns, auth));
        for result in futures_util::future::join_all(connects).await {
            match result {
                Ok(ws) => sockets.push(ws),
                Err(_) => errors += 1,
            }
        }
        left -= wave;
    }
    println!("{}", json!({"ready": sockets.len(), "errors": errors}));
    // Each socket answers its pings until told to go (stdin closes).
    let holders: Vec<_> = sockets
        .into_iter()
        .map(|mut ws| tokio::spawn(async move { while wire::next_text(&mut ws).await.is_ok() {} }))
        .collect();
    let mut buf = [0u8; 1];
    let _ = tokio::io::stdin().read(&mut buf).await;
    for holder in holders {
        holder.abort();
    }
}
