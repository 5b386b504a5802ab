//! The shared counters and the notices against a real Redis (Debian's `redis-server`,
//! started here on a free port by `scripts/redis-server.sh`): the counters keep the local
//! windows' rules; notices reach listeners, and a listener cut off hears that it was.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Duration,
};

use fluxstudio_cluster::{Heard, Redis, Window};
use tokio::sync::{mpsc, oneshot};

/// A private Redis, stopped when dropped.
struct Server {
    dir: PathBuf,
    port: u16,
}

impl Server {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap();
        let dir = std::env::temp_dir().join(format!("flux-redis-{port}-{}", std::process::id()));
        let server = Server { dir, port };
        server.script("start");
        server
    }

    fn script(&self, action: &str) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/redis-server.sh");
        let output = Command::new("bash")
            .arg(script)
            .arg(action)
            .arg(&self.dir)
            .arg(self.port.to_string())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/?protocol=resp3", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.script("stop");
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test]
async fn windows_count_exactly_max_and_never_a_refused_hit() {
    let server = Server::start();
    let redis = Redis::new(&server.url()).unwrap();
    redis.connect().await.unwrap();
    assert!(redis.is_up());

    // A look opens no window.
    let fresh = redis.hit("k", 3, MINUTE, false).await.unwrap();
    assert_eq!(
        (fresh.allowed, fresh.hits, fresh.ends_in),
        (true, 0, MINUTE)
    );
    let mut hits = vec![];
    for _ in 0..5 {
        let Window {
            allowed,
            hits: n,
            ends_in,
        } = redis.hit("k", 3, MINUTE, true).await.unwrap();
        assert!(ends_in <= MINUTE && ends_in > MINUTE - Duration::from_secs(5));
        hits.push((allowed, n));
    }
    // The fourth and fifth are refused and not counted.
    assert_eq!(
        hits,
        [(true, 1), (true, 2), (true, 3), (false, 3), (false, 3)]
    );
    assert!(!redis.hit("k", 3, MINUTE, false).await.unwrap().allowed);
    // Keys are independent, and forgetting one opens it again.
    assert!(redis.hit("other", 3, MINUTE, true).await.unwrap().allowed);
    redis.forget("k").await.unwrap();
    assert_eq!(redis.hit("k", 3, MINUTE, true).await.unwrap().hits, 1);
}

#[tokio::test]
async fn a_window_ends_a_window_after_its_first_hit() {
    let server = Server::start();
    let redis = Redis::new(&server.url()).unwrap();
    let window = Duration::from_millis(300);
    assert!(redis.hit("k", 1, window, true).await.unwrap().allowed);
    let refused = redis.hit("k", 1, window, true).await.unwrap();
    assert!(!refused.allowed);
    // Wait for the window Redis reports (the state), then one more hit opens a new one.
    tokio::time::sleep(refused.ends_in + Duration::from_millis(5)).await;
    let reopened = redis.hit("k", 1, window, true).await.unwrap();
    assert_eq!((reopened.allowed, reopened.hits), (true, 1));
}

#[tokio::test]
async fn concurrent_hits_from_many_clients_count_exactly_max() {
    let server = Server::start();
    let clients: Vec<Redis> = (0..4).map(|_| Redis::new(&server.url()).unwrap()).collect();
    for client in &clients {
        client.connect().await.unwrap();
    }
    let tries = clients.iter().flat_map(|client| {
        (0..25).map(move |_| async move { client.hit("k", 40, MINUTE, true).await.unwrap() })
    });
    let answers = futures_util::future::join_all(tries).await;
    assert_eq!(answers.iter().filter(|w| w.allowed).count(), 40, "of 100");
}

#[tokio::test]
async fn an_unreachable_redis_fails_at_once_and_is_reported_down() {
    let server = Server::start();
    let url = server.url();
    drop(server);
    let redis = Redis::new(&url).unwrap();
    assert!(redis.connect().await.is_err());
    assert!(!redis.is_up());
    // Within the retry interval, calls fail without trying again.
    assert!(redis.hit("k", 1, MINUTE, true).await.is_err());
    assert!(!redis.answers().await);
}

#[tokio::test]
async fn notices_reach_listeners_and_a_break_is_heard() {
    let server = Server::start();
    let (listener, sender) = (
        Redis::new(&server.url()).unwrap(),
        Redis::new(&server.url()).unwrap(),
    );
    let (heard, mut hearing) = mpsc::unbounded_channel();
    let (subscribed, ready) = oneshot::channel();
    tokio::spawn(async move {
        listener
            .listen("news", move |h| heard.send(h).unwrap(), subscribed)
            .await;
    });
    ready.await.unwrap();
    sender.publish("news", "first").await.unwrap();
    assert_eq!(hearing.recv().await, Some(Heard::Notice("first".into())));

    // Redis goes and comes back: the listener subscribes again and says so.
    server.script("stop");
    server.script("start");
    assert_eq!(hearing.recv().await, Some(Heard::Resubscribed));
    // The sender's connection broke too: it fails once, then reconnects (after a second).
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while sender.publish("news", "second").await.is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "Redis never answered again"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(hearing.recv().await, Some(Heard::Notice("second".into())));
}
