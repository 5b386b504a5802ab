//! Just enough Socket.IO (v5 over Engine.IO 4, WebSocket transport) to load a server:
//! open, namespace connect with auth, pings, events with acknowledgements.

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async, tungstenite::Message};

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Opens a WebSocket to `base` (http://host:port) at `path` and connects `namespace`
/// with `auth` (JSON); returns the socket once the namespace has accepted it.
pub async fn connect(base: &str, path: &str, namespace: &str, auth: &str) -> Result<Ws, String> {
    let url = format!(
        "{}{path}/?EIO=4&transport=websocket",
        base.replacen("http", "ws", 1)
    );
    let (mut ws, _) = connect_async(url).await.map_err(|e| e.to_string())?;
    // The Engine.IO open packet.
    match next_text(&mut ws).await? {
        text if text.starts_with('0') => {}
        other => return Err(format!("expected the open packet, got {other}")),
    }
    ws.send(Message::text(format!("40{namespace},{auth}")))
        .await
        .map_err(|e| e.to_string())?;
    loop {
        let text = next_text(&mut ws).await?;
        if text.starts_with(&format!("40{namespace},")) {
            return Ok(ws);
        }
        if text.starts_with("44") {
            return Err(format!("refused: {text}"));
        }
        if text == "2" {
            ws.send(Message::text("3"))
                .await
                .map_err(|e| e.to_string())?;
        }
    }
}

/// The next text frame, answering pings on the way.
pub async fn next_text(ws: &mut Ws) -> Result<String, String> {
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) => {
                if text.as_str() == "2" {
                    ws.send(Message::text("3"))
                        .await
                        .map_err(|e| e.to_string())?;
                    continue;
                }
                return Ok(text.to_string());
            }
            Some(Ok(Message::Close(_))) | None => return Err("closed".into()),
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(e.to_string()),
        }
    }
}

/// An event frame: `42<ns>,<ack id>["event",payload]`.
pub fn event(namespace: &str, ack: Option<u64>, name: &str, payload: &str) -> Message {
    let ack = ack.map(|a| a.to_string()).unwrap_or_default();
    Message::text(format!("42{namespace},{ack}[\"{name}\",{payload}]"))
}
