//! A local server on 127.0.0.1 that answers every request like OpenAI Chat Completions with a
//! short stream (`words` as text deltas, then usage), and reports each request body it read.
//! Shared by the API test and the `stream` example.
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// The SSE body of a reply made of `words` (5 input tokens, one output token per word).
pub fn reply(words: &[&str]) -> String {
    let chunk = |delta: &str, finish: &str, usage: &str| {
        format!("data: {{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"local\",\"choices\":[{{\"index\":0,\"delta\":{delta},\"finish_reason\":{finish}}}]{usage}}}\n\n")
    };
    let mut body: String = words
        .iter()
        .map(|w| chunk(&format!("{{\"content\":{w:?}}}"), "null", ""))
        .collect();
    let usage = format!(
        ",\"usage\":{{\"prompt_tokens\":5,\"completion_tokens\":{n},\"total_tokens\":{}}}",
        5 + words.len(),
        n = words.len()
    );
    body.push_str(&chunk("{}", "\"stop\"", &usage));
    body.push_str("data: [DONE]\n\n");
    body
}

/// Reads one HTTP/1.1 request (head and `Content-Length` body); its body, or `None` if the
/// connection closed first.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<String> {
    let mut request = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        request.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&request).into_owned();
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            if request.len() >= head_end + 4 + length {
                return Some(text[head_end + 4..].to_owned());
            }
        }
    }
}

/// Starts the server; every connection gets `body` (with `connection: close`). Returns the base
/// URL and a receiver of the request bodies.
pub async fn start(body: String) -> (String, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (tx, body) = (tx.clone(), body.clone());
            tokio::spawn(async move {
                let Some(request) = read_request(&mut socket).await else {
                    return;
                };
                let _ = tx.send(request);
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(body.as_bytes()).await;
            });
        }
    });
    (format!("http://{addr}/v1"), rx)
}
