//! Finding 5: slowloris connections (a header line every few seconds) and idle ones stayed
//! open for minutes, one address held 1,000 unauthenticated Engine.IO sockets. Now a
//! request's headers have a deadline (which also ends idle keep-alive connections), one
//! address holds a capped number of connections, and a Socket.IO transport that does not
//! authenticate is closed. Every wait below has a generous deadline and ends on the event.

use std::time::Duration;

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    time::timeout,
};

use crate::{any_backend, support::*};

/// Far longer than any limit set below: only a server that never closes reaches it.
const DEADLINE: Duration = Duration::from_secs(15);
const HEALTH: &[u8] = b"GET /api/health/live HTTP/1.1\r\nHost: fluxstudio\r\n\r\n";

fn address(server: &Server) -> String {
    server.base_url.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection (answers, such as a 408, are read past).
async fn closed_by_server(stream: &mut TcpStream) {
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => continue,
        }
    }
}

/// Sends a request on `stream` and reads its whole answer (the health probe's is small).
async fn answered(stream: &mut TcpStream) -> bool {
    if stream.write_all(HEALTH).await.is_err() {
        return false;
    }
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") || !seen.ends_with(b"}") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    seen.starts_with(b"HTTP/1.1 200")
}

async fn slow_and_idle_connections_are_closed(backend: Backend) {
    let server = server(backend)
        .env("HTTP_HEADER_READ_TIMEOUT_SECONDS", "1")
        .start()
        .await;
    let addr = address(&server);

    // Slowloris: the request line and a header, then another header now and then.
    let mut slow = TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let trickle = async {
        loop {
            let mut buf = [0u8; 256];
            match timeout(Duration::from_millis(300), slow.read(&mut buf)).await {
                Ok(Ok(0) | Err(_)) => return,
                Ok(Ok(_)) => {}
                Err(_) => {
                    if slow.write_all(b"X-Slow: 1\r\n").await.is_err() {
                        return;
                    }
                }
            }
        }
    };
    timeout(DEADLINE, trickle)
        .await
        .expect("a client trickling its headers is cut off");

    // A connection that sends nothing at all, and one left idle after a request.
    let mut silent = TcpStream::connect(&addr).await.unwrap();
    timeout(DEADLINE, closed_by_server(&mut silent))
        .await
        .expect("a silent connection is closed");
    let mut idle = TcpStream::connect(&addr).await.unwrap();
    assert!(answered(&mut idle).await);
    timeout(DEADLINE, closed_by_server(&mut idle))
        .await
        .expect("an idle keep-alive connection is closed");
}

/// A connection from 127.0.0.2 (loopback too): an address of its own, apart from the
/// harness's client on 127.0.0.1.
async fn connect_from_elsewhere(addr: &str) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
    socket.connect(addr.parse().unwrap()).await.unwrap()
}

async fn one_address_holds_a_capped_number_of_connections(backend: Backend) {
    let server = server(backend)
        .env("MAX_CONNECTIONS_PER_ADDRESS", "4")
        .start()
        .await;
    let addr = address(&server);
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut stream = connect_from_elsewhere(&addr).await;
        assert!(answered(&mut stream).await, "within the cap");
        held.push(stream);
    }
    let mut over = connect_from_elsewhere(&addr).await;
    let refused = timeout(DEADLINE, async { !answered(&mut over).await })
        .await
        .expect("an answer or a close");
    assert!(
        refused,
        "a fifth connection from the address is closed unanswered"
    );

    // A connection that ends gives its place back.
    drop(held.pop());
    let reopened = timeout(DEADLINE, async {
        loop {
            let mut stream = connect_from_elsewhere(&addr).await;
            if answered(&mut stream).await {
                return stream;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("a place comes back");
    drop(reopened);
    // Other addresses have their own share.
    let mut other = TcpStream::connect(&addr).await.unwrap();
    assert!(answered(&mut other).await);
}

async fn an_unauthenticated_socket_transport_is_closed(backend: Backend) {
    let server = server(backend)
        .env("SOCKET_CONNECT_TIMEOUT_SECONDS", "1")
        .start()
        .await;
    let open = server.get("/api/socket.io/?EIO=4&transport=polling").await;
    assert_eq!(open.status(), 200);
    let body = open.text().await.unwrap();
    let sid = body
        .split("\"sid\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an Engine.IO open packet")
        .to_owned();
    // Never joins a namespace (never authenticates): polled until the server forgets it.
    let poll = format!("/api/socket.io/?EIO=4&transport=polling&sid={sid}");
    let forgotten = timeout(DEADLINE, async {
        loop {
            let answer = server.get(&poll).await;
            if answer.status() == 400 {
                return;
            }
        }
    })
    .await;
    assert!(
        forgotten.is_ok(),
        "the transport is still open:\n{}",
        server.log()
    );
}

any_backend!(
    slow_and_idle_connections_are_closed,
    one_address_holds_a_capped_number_of_connections,
    an_unauthenticated_socket_transport_is_closed,
);
