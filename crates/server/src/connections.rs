//! Accepting and serving connections, with the limits a public server needs: a deadline
//! for a request's headers (which is also how long an idle keep-alive connection stays
//! open), and a cap on the connections one address holds at once, upgraded ones
//! (WebSockets) included. `axum::serve` has neither: it gives hyper no timer, so a client
//! sending one header line every few seconds (slowloris) or nothing at all kept its
//! connection for ever.
//!
//! Otherwise this does what `axum::serve` does: HTTP/1.1 and HTTP/2 with upgrades, the
//! peer's address as `ConnectInfo`, TCP_NODELAY, and on shutdown no new connections while
//! those open finish their requests.

use std::{
    collections::HashMap,
    convert::Infallible,
    future::Future,
    io,
    net::IpAddr,
    pin::Pin,
    sync::{Arc, Mutex, PoisonError},
    task::{Context, Poll},
    time::Duration,
};

use axum::{
    body::Body,
    extract::{ConnectInfo, Request},
    response::Response,
};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto::Builder, graceful::GracefulShutdown},
    service::TowerToHyperService,
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
};
use tower::{Service, ServiceExt};

use crate::lingering;

/// The limits on connections (`HTTP_HEADER_READ_TIMEOUT_SECONDS`,
/// `MAX_CONNECTIONS_PER_ADDRESS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// How long a client may take to send a request's headers, counted from when the
    /// server starts waiting for them: on a new connection, and between the requests of a
    /// kept-alive one (so an idle connection closes after this long too).
    pub header_read: Duration,
    /// Connections one address may hold at once; `None` for no cap (behind a proxy, every
    /// connection comes from the proxy's address, which limits clients itself).
    pub per_address: Option<usize>,
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and waits
/// for the open connections to finish their requests (the caller bounds that wait).
pub async fn serve<S>(
    listener: TcpListener,
    app: S,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
    no_longer_accepting: tokio::sync::oneshot::Sender<()>,
) where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    // WebSockets over HTTP/2 (RFC 8441), as axum::serve allows.
    builder
        .http2()
        .timer(TokioTimer::new())
        .enable_connect_protocol();
    let builder = Arc::new(builder);
    let graceful = GracefulShutdown::new();
    // Tells connections still waiting for their first byte that the server stops: they
    // hold a place in `graceful` (so one that starts a request is waited for), and would
    // otherwise hold up the shutdown for the whole header-read time.
    let (stopping, stop_heard) = tokio::sync::watch::channel(false);
    let open = OpenConnections::default();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    pause_after(&error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = open.take(peer.ip(), limits.per_address) else {
            tracing::debug!(%peer, "refused a connection: the address holds its share already");
            continue;
        };
        // Small frames (a keystroke, a chat message) go out at once: without TCP_NODELAY,
        // Nagle's algorithm holds them until the peer's delayed ACK, about 40 ms. The price:
        // more segments, 15-25 % more CPU per delivery when one room's fan-out saturates the
        // core (docs/PERFORMANCE.md, P5).
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
        let service = app
            .clone()
            .map_request(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            });
        let (builder, watcher) = (builder.clone(), graceful.watcher());
        let mut stop_heard = stop_heard.clone();
        tokio::spawn(async move {
            // Telling HTTP/1 from HTTP/2 waits for the first bytes with no deadline of its
            // own: a client that sends nothing at all is closed here, as is one that has
            // sent nothing when the server stops.
            let mut first = [0u8; 1];
            tokio::select! {
                peeked = tokio::time::timeout(limits.header_read, stream.peek(&mut first)) => {
                    if peeked.is_err() {
                        return;
                    }
                }
                _ = stop_heard.wait_for(|stopping| *stopping) => return,
            }
            let io = TokioIo::new(Counted {
                open: Some((stream, slot)),
            });
            let connection = builder
                .serve_connection_with_upgrades(io, TowerToHyperService::new(service))
                .into_owned();
            if let Err(error) = watcher.watch(connection).await {
                tracing::trace!(%peer, %error, "a connection ended with an error");
            }
        });
    }
    drop(listener);
    let _ = no_longer_accepting.send(());
    let _ = stopping.send(true);
    graceful.shutdown().await;
}

/// After a failed accept: a connection that died in the queue is nothing; running out of
/// file descriptors or memory is, and retrying at once would spin.
async fn pause_after(error: &io::Error) {
    if matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(%error, "accepting a connection failed; trying again in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// How many connections each address holds.
#[derive(Clone, Default)]
struct OpenConnections {
    by_address: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl OpenConnections {
    /// A place for one more connection from `address`, unless it holds `cap` already.
    fn take(&self, address: IpAddr, cap: Option<usize>) -> Option<Slot> {
        let mut by_address = self
            .by_address
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let count = by_address.entry(address).or_default();
        if cap.is_some_and(|cap| *count >= cap) {
            return None;
        }
        *count += 1;
        Some(Slot {
            open: self.clone(),
            address,
        })
    }
}

/// One connection's place; given back when the connection's socket is dropped.
struct Slot {
    open: OpenConnections,
    address: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut by_address = self
            .open
            .by_address
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = by_address.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                by_address.remove(&self.address);
            }
        }
    }
}

/// A connection's socket and its [`Slot`]: the socket outlives hyper's part in an upgraded
/// connection, so a WebSocket counts until it closes.
struct Counted {
    /// Taken only when dropped, to close the socket gently ([`lingering`]).
    open: Option<(TcpStream, Slot)>,
}

impl Counted {
    fn stream(self: Pin<&mut Self>) -> Pin<&mut TcpStream> {
        let (stream, _) = self
            .get_mut()
            .open
            .as_mut()
            .expect("a socket is only taken when dropped");
        Pin::new(stream)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        if let Some((stream, slot)) = self.open.take() {
            lingering::close(stream, slot);
        }
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.stream().poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.stream().poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.stream().poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.open
            .as_ref()
            .is_some_and(|(stream, _)| stream.is_write_vectored())
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.stream().poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.stream().poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_holds_at_most_its_cap_and_gets_places_back() {
        let open = OpenConnections::default();
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let first = open.take(a, Some(2)).unwrap();
        let _second = open.take(a, Some(2)).unwrap();
        assert!(
            open.take(a, Some(2)).is_none(),
            "a third from the same address"
        );
        assert!(
            open.take(b, Some(2)).is_some(),
            "another address has its own share"
        );
        drop(first);
        assert!(
            open.take(a, Some(2)).is_some(),
            "a place comes back when a connection ends"
        );
        assert!((0..10).all(|_| open.take(a, None).is_some()), "no cap");
    }
}
