//! Closing a connection gently while its client may still be sending (a lingering close, as
//! nginx and Apache do). A server that answers before reading a whole body (a file past the
//! upload limit, a declared length over it) and then closes with bytes unread, or with bytes
//! still on their way, makes the kernel reset the connection. A client still writing hears
//! the reset as an error on its next write, and most clients (Node's and hyper's among them)
//! then drop the answer they had not read yet. So before closing, the server reads and
//! discards what still comes, for a bounded while: until the client closes, goes quiet, or
//! the budget is spent. Only then does the close send its end.

use std::time::Duration;

use tokio::{io::AsyncReadExt, net::TcpStream, runtime::Handle, time::Instant};

/// How long a closing connection is read from at most: a client that reads its answer
/// stops well within this; one that never does is reset after it.
const LINGER_FOR: Duration = Duration::from_secs(2);
/// A client that sends nothing for this long has nothing more on its way.
const QUIET_FOR: Duration = Duration::from_millis(250);
/// How much a closing connection reads at most, whatever the time.
const LINGER_BYTES: usize = 16 << 20;

/// Closes `stream` after lingering (see above). `held` (the connection's place among its
/// address's) is kept until the socket closes.
pub fn close<T: Send + 'static>(stream: TcpStream, held: T) {
    // Outside a runtime (the process is ending) there is no one to linger.
    let Ok(runtime) = Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        linger(stream).await;
        drop(held);
    });
}

async fn linger(mut stream: TcpStream) {
    let deadline = Instant::now() + LINGER_FOR;
    let mut discard = vec![0u8; 64 << 10];
    let mut read = 0;
    while read < LINGER_BYTES {
        let wait = QUIET_FOR.min(deadline.saturating_duration_since(Instant::now()));
        match tokio::time::timeout(wait, stream.read(&mut discard)).await {
            Ok(Ok(n)) if n > 0 => read += n,
            // Closed, broken off, quiet, or out of time.
            _ => return,
        }
    }
}
