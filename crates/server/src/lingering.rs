//! Closing a connection gently while its client is still sending (a lingering close, as
//! nginx and Apache do). A server that answers before reading a whole body (a file past the
//! upload limit) and then closes with bytes unread makes the kernel reset the connection.
//! A client still writing hears the reset as an error on its next write, and most clients
//! (Node's among them) then drop the answer they had not read yet. So the server ends its
//! side (FIN, after the answer) and reads and discards, for a bounded while, until the client
//! has read the answer and closes too. With nothing unread at the close the wait is short:
//! it covers a body still on its way to an answer given on the headers alone (a declared
//! length over the limit).

use std::{mem::MaybeUninit, time::Duration};

use socket2::SockRef;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    runtime::Handle,
};

/// How long a closing connection is read from at most: a client that reads its answer
/// stops well within this; one that never does is reset after it.
const LINGER_FOR: Duration = Duration::from_secs(2);
/// How long a closing connection with nothing unread waits for a first byte or the client's
/// end; a byte that comes extends the wait to [`LINGER_FOR`].
const SETTLE_FOR: Duration = Duration::from_millis(250);
/// How much a closing connection reads at most, whatever the time.
const LINGER_BYTES: usize = 16 << 20;

/// Closes `stream` once the client has closed too, or after lingering (see above). `held`
/// (the connection's place among its address's) is kept until the socket closes.
pub fn close<T: Send + 'static>(stream: TcpStream, held: T) {
    // Outside a runtime (the process is ending) there is no one to linger.
    let Ok(runtime) = Handle::try_current() else {
        return;
    };
    let first_wait = if has_unread(&stream) {
        LINGER_FOR
    } else {
        SETTLE_FOR
    };
    runtime.spawn(async move {
        linger(stream, first_wait).await;
        drop(held);
    });
}

/// Whether bytes the server has not read are waiting (asked of the kernel, since the
/// runtime's readiness flag may lag behind what has arrived).
fn has_unread(stream: &TcpStream) -> bool {
    let mut byte = [MaybeUninit::uninit()];
    matches!(SockRef::from(stream).peek(&mut byte), Ok(n) if n > 0)
}

async fn linger(mut stream: TcpStream, first_wait: Duration) {
    // The answer is written already: the client sees its end now, not after the wait.
    let _ = stream.shutdown().await;
    let mut discard = vec![0u8; 64 << 10];
    match tokio::time::timeout(first_wait, stream.read(&mut discard)).await {
        Ok(Ok(n)) if n > 0 => {}
        // The client closed, broke off, or sent nothing more: done.
        _ => return,
    }
    let mut read = 0;
    let _ = tokio::time::timeout(LINGER_FOR, async {
        while read < LINGER_BYTES {
            match stream.read(&mut discard).await {
                Ok(0) | Err(_) => return,
                Ok(n) => read += n,
            }
        }
    })
    .await;
}
