//! The shared counters and the notices against a real Redis (Debian's `redis-server`,
//! started here on a free port by `scripts/redis-server.sh`): the counters keep the local
//! windows' rules; channels reach other instances, and come back after a break.

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Duration,
};

use fluxstudio_cluster::{Board, Channels, Redis, Window};
use socketioxide_redis::drivers::Driver;

/// A private Redis, stopped when dropped.
struct Server {
    dir: PathBuf,
    port: u16,
}

impl Server {
    fn start() -> Self {
        // Below the ephemeral range (32768-60999): while Redis is stopped, a client that
        // keeps connecting could be given its port as its own (a TCP connection to itself)
        // and hold it, so Redis could not start on it again.
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
            ^ std::process::id().wrapping_mul(2_654_435_761);
        let port = (0..10_000u32)
            .map(|i| 20_000 + (seed.wrapping_add(i.wrapping_mul(7_919)) % 12_000) as u16)
            .find(|port| std::net::TcpListener::bind(("127.0.0.1", *port)).is_ok())
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
async fn channels_reach_every_instance_and_survive_a_break() {
    let server = Server::start();
    let listener = Channels::start(Redis::new(&server.url()).unwrap()).await;
    let sender = Channels::start(Redis::new(&server.url()).unwrap()).await;
    let mut subscriptions = listener.subscriptions();
    subscriptions.mark_unchanged();
    let mut news = listener.hear("news".into(), 8).await;
    sender.send("news", b"first").await.unwrap();
    assert_eq!(news.recv().await, Some(("news".into(), b"first".to_vec())));
    // The Socket.IO adapter counts the instances by their subscribers.
    let _ = sender.hear("news".into(), 8).await;
    assert_eq!(sender.num_serv("news").await.unwrap(), 2);

    // Redis goes; a channel heard meanwhile is subscribed when it is back.
    server.script("stop");
    let mut later = listener.hear("later".into(), 8).await;
    // The adapter's publish goes on (to this instance's sockets), and counts itself alone.
    assert!(
        sender
            .publish("news".into(), b"lost".to_vec())
            .await
            .is_ok()
    );
    assert_eq!(sender.num_serv("news").await.unwrap(), 1);
    server.script("start");
    subscriptions.changed().await.unwrap();
    // The sender's connection broke too: it fails, then reconnects (after a second).
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while sender.send("later", b"second").await.is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "Redis never answered again"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        later.recv().await,
        Some(("later".into(), b"second".to_vec()))
    );
    sender.send("news", b"third").await.unwrap();
    assert_eq!(news.recv().await, Some(("news".into(), b"third".to_vec())));
}

#[tokio::test]
async fn alone_nothing_leaves_the_instance() {
    let alone = Channels::alone();
    let mut heard = alone.hear("news".into(), 8).await;
    alone.send("news", b"x").await.unwrap();
    assert_eq!(alone.num_serv("news").await.unwrap(), 1);
    assert_eq!(heard.recv().await, None, "no sender: the stream ends");
}

#[tokio::test]
async fn presence_is_decided_once_across_instances_and_a_dead_one_is_taken_off() {
    let server = Server::start();
    let (redis, other) = (
        Redis::new(&server.url()).unwrap(),
        Redis::new(&server.url()).unwrap(),
    );
    let (short, long) = (Duration::from_millis(300), Duration::from_secs(30));
    assert!(
        redis.heartbeat("a", long).await.unwrap(),
        "unknown at first"
    );
    assert!(!redis.heartbeat("a", Duration::from_secs(30)).await.unwrap());
    assert!(other.heartbeat("b", short).await.unwrap());

    // Ann on both instances: online once (on a), offline once (when b lets go last).
    assert!(redis.arrived("a", "ann", long).await.unwrap());
    assert!(!other.arrived("b", "ann", long).await.unwrap());
    assert_eq!(
        redis.online(&["ann".into(), "bob".into()]).await.unwrap(),
        [true, false]
    );
    assert!(!redis.left("a", "ann").await.unwrap());
    assert!(other.left("b", "ann").await.unwrap());
    assert_eq!(redis.online(&["ann".into()]).await.unwrap(), [false]);

    // b holds Bob and Cy, a holds Cy; b dies (stops beating): only Bob went offline, and
    // only the first to look is told.
    assert!(other.arrived("b", "bob", short).await.unwrap());
    assert!(other.arrived("b", "cy", short).await.unwrap());
    assert!(!redis.arrived("a", "cy", long).await.unwrap());
    assert!(
        redis.bury_dead().await.unwrap().people.is_empty(),
        "b is still alive"
    );
    tokio::time::sleep(short * 2).await;
    assert_eq!(redis.bury_dead().await.unwrap().people, ["bob"]);
    assert!(other.bury_dead().await.unwrap().people.is_empty());
    assert_eq!(
        redis.online(&["bob".into(), "cy".into()]).await.unwrap(),
        [false, true]
    );
    // b comes back: Redis had taken it for dead, so it marks its people again.
    assert!(other.heartbeat("b", short).await.unwrap());

    // An instance Redis never heard beat (it died before its first beat after a Redis
    // restart) is found through the people it marked.
    assert!(other.arrived("c", "dee", short).await.unwrap());
    tokio::time::sleep(short * 2).await;
    assert_eq!(redis.bury_dead().await.unwrap().people, ["dee"]);
}

#[tokio::test]
async fn an_instance_that_missed_changes_says_whom_it_holds() {
    let server = Server::start();
    let redis = Redis::new(&server.url()).unwrap();
    let long = Duration::from_secs(30);
    assert!(redis.arrived("a", "ann", long).await.unwrap());
    assert!(redis.arrived("a", "bob", long).await.unwrap());
    assert!(!redis.arrived("b", "bob", long).await.unwrap());
    // While Redis was away, Ann and Bob left a and Cy came: Ann went offline, Bob is
    // still on b, Cy came online.
    let (came, went) = redis
        .presence_reset("a", &["cy".into()], long)
        .await
        .unwrap();
    assert_eq!(
        (came, went),
        (vec!["cy".to_owned()], vec!["ann".to_owned()])
    );
    assert_eq!(
        redis
            .online(&["ann".into(), "bob".into(), "cy".into()])
            .await
            .unwrap(),
        [false, true, true]
    );
    // Said again with nothing changed: nobody came or went.
    let again = redis
        .presence_reset("a", &["cy".into()], long)
        .await
        .unwrap();
    assert_eq!(again, (vec![], vec![]));
}

#[tokio::test]
async fn board_viewers_span_instances_in_versioned_lists() {
    let server = Server::start();
    let (redis, other) = (
        Redis::new(&server.url()).unwrap(),
        Redis::new(&server.url()).unwrap(),
    );
    let short = Duration::from_millis(300);
    let names = |board: &Board| -> Vec<String> {
        board.viewers.iter().map(|(_, name)| name.clone()).collect()
    };

    let one = redis.board_enter("a", "p", "u-ann", "Ann").await.unwrap();
    assert_eq!(names(&one), ["Ann"]);
    let two = other.board_enter("b", "p", "u-bob", "Bob").await.unwrap();
    assert_eq!(names(&two), ["Ann", "Bob"]);
    // Ann on both instances is one viewer, until both let her go.
    let three = other.board_enter("b", "p", "u-ann", "Ann").await.unwrap();
    assert_eq!(names(&three), ["Ann", "Bob"]);
    assert!(one.version < two.version && two.version < three.version);
    let four = redis.board_leave("a", "p", "u-ann", true).await.unwrap();
    assert_eq!(names(&four), ["Ann", "Bob"]);
    let looked = redis.board_look("p").await.unwrap();
    assert_eq!(looked.viewers, four.viewers);
    assert!(looked.version > four.version);

    // b (holding Ann and Bob on p, Bob on q) dies: its boards are handed to whoever buries it.
    assert!(other.heartbeat("b", short).await.unwrap());
    other.board_enter("b", "q", "u-bob", "Bob").await.unwrap();
    tokio::time::sleep(short * 2).await;
    let buried = redis.bury_dead().await.unwrap();
    let mut boards = buried.boards.clone();
    boards.sort();
    assert_eq!(boards, ["p", "q"]);
    assert!(
        redis.bury_dead().await.unwrap().boards.is_empty(),
        "told once"
    );
    assert!(redis.board_look("p").await.unwrap().viewers.is_empty());

    // An instance that missed changes replaces what it holds: Cy stays, Dee is dropped.
    redis.board_enter("a", "p", "u-dee", "Dee").await.unwrap();
    let touched = redis
        .boards_reset("a", &[("r".into(), "u-cy".into(), "Cy".into())])
        .await
        .unwrap();
    let mut touched = touched;
    touched.sort();
    assert_eq!(touched, ["p", "r"]);
    assert!(redis.board_look("p").await.unwrap().viewers.is_empty());
    assert_eq!(names(&redis.board_look("r").await.unwrap()), ["Cy"]);
}

#[tokio::test]
async fn calls_answer_again_after_redis_restarts() {
    let server = Server::start();
    let redis = Redis::new(&server.url()).unwrap();
    let long = Duration::from_secs(30);
    assert!(redis.heartbeat("a", long).await.unwrap());
    server.script("stop");
    assert!(redis.heartbeat("a", long).await.is_err());
    server.script("start");
    // Redis lost what it held: the next beat that answers says so.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let beat = tokio::time::timeout(Duration::from_secs(5), redis.heartbeat("a", long))
            .await
            .expect("a call never returns");
        if let Ok(unknown) = beat {
            assert!(unknown);
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Redis never answered again"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
