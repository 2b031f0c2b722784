//! ChatGPT-subscription login (as the Codex CLI does it): authorization code + PKCE, the browser
//! redirected to a one-shot listener on 127.0.0.1 that takes the code and closes.
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

use crate::credential::Login;
use crate::secret::Secret;

use super::code_flow::{exchange_code, start_code_flow, CodeFlowStart, Pending};
use super::config::{config, OAuthClient};
use super::endpoint::Body;
use super::error::AuthError;

type Callback = oneshot::Receiver<Result<String, AuthError>>;

/// Started logins by `state`: the verifier and the listener's answer.
static PENDING: Pending<(Secret, OAuthClient, Callback)> = Pending::new();

/// Options of `startOAuth('openai', …)`.
#[derive(Debug, Default, Clone, Copy)]
pub struct LoopbackOptions {
    /// Port to listen on; `0` = any free port. Default: the port of the configured redirect URI.
    pub port: Option<u16>,
    pub timeout_ms: Option<u64>,
}

fn invalid(message: String) -> AuthError {
    AuthError::InvalidArgument {
        parameter: "redirectUri".into(),
        message,
    }
}

/// Starts the listener and returns `(url, state)`; the browser must reach the redirect within
/// the timeout, after which the listener is closed.
pub async fn start(options: LoopbackOptions) -> Result<(String, String), AuthError> {
    let cfg = config();
    let mut client = cfg.openai.clone();
    let mut redirect =
        reqwest::Url::parse(&client.redirect_uri).map_err(|e| invalid(format!("{e}")))?;
    if redirect.scheme() != "http" {
        return Err(invalid(
            "the loopback redirect must be an http:// URL".into(),
        ));
    }
    let port = options
        .port
        .or(redirect.port_or_known_default())
        .unwrap_or(0);
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| AuthError::OAuth {
            provider: "openai".into(),
            message: format!("cannot listen on 127.0.0.1:{port} for the login redirect: {e}"),
        })?;
    let port = listener
        .local_addr()
        .map_err(|e| invalid(e.to_string()))?
        .port();
    redirect
        .set_port(Some(port))
        .map_err(|()| invalid("cannot set the redirect port".into()))?;
    client.redirect_uri = redirect.to_string();
    let CodeFlowStart {
        url,
        state,
        verifier,
    } = start_code_flow(
        &client,
        &[
            ("id_token_add_organizations", "true"),
            ("codex_cli_simplified_flow", "true"),
            ("originator", &cfg.chatgpt.originator),
        ],
    )?;
    let (tx, rx) = oneshot::channel();
    let timeout = Duration::from_millis(options.timeout_ms.unwrap_or(cfg.loopback_timeout_ms));
    tokio::spawn(listen(
        listener,
        redirect.path().to_owned(),
        state.clone(),
        timeout,
        tx,
    ));
    PENDING.insert(state.clone(), (verifier, client, rx));
    Ok((url, state))
}

/// Waits for the browser's redirect, then exchanges the code.
pub async fn complete(state: &str) -> Result<super::tokens::Tokens, AuthError> {
    let (verifier, client, callback) = PENDING.take(state).ok_or(AuthError::StateMismatch)?;
    let code = callback
        .await
        .map_err(|_| AuthError::oauth(Login::OpenAi, "the login listener stopped"))??;
    exchange_code(Login::OpenAi, &client, Body::Form, &code, &verifier, None).await
}

/// Serves the redirect: the first request to `path` ends the listener (single use); anything else
/// (a favicon) gets a 404. Gives up after `timeout`.
async fn listen(
    listener: TcpListener,
    path: String,
    state: String,
    timeout: Duration,
    tx: oneshot::Sender<Result<String, AuthError>>,
) {
    let deadline = tokio::time::sleep(timeout);
    tokio::pin!(deadline);
    loop {
        let mut socket = tokio::select! {
            _ = &mut deadline => {
                let _ = tx.send(Err(AuthError::Timeout(format!(
                    "openai: no browser redirect arrived within {} ms; start the login again",
                    timeout.as_millis()
                ))));
                return;
            }
            accepted = listener.accept() => match accepted {
                Ok((socket, _)) => socket,
                Err(_) => continue,
            },
        };
        let Some(target) = read_target(&mut socket).await else {
            continue;
        };
        let Ok(url) = reqwest::Url::parse(&format!("http://127.0.0.1{target}")) else {
            continue;
        };
        if url.path() != path {
            respond(&mut socket, "404 Not Found", "Not found.").await;
            continue;
        }
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        let result = if param("state").as_deref() != Some(state.as_str()) {
            Err(AuthError::StateMismatch)
        } else if let Some(error) = param("error") {
            Err(AuthError::oauth(
                Login::OpenAi,
                format!("the login was not approved ({error})"),
            ))
        } else {
            param("code")
                .filter(|c| !c.is_empty())
                .ok_or_else(|| AuthError::oauth(Login::OpenAi, "the redirect carried no code"))
        };
        match &result {
            Ok(_) => {
                respond(
                    &mut socket,
                    "200 OK",
                    "Signed in to llm-native. You can close this window.",
                )
                .await
            }
            Err(e) => respond(&mut socket, "400 Bad Request", &e.to_string()).await,
        }
        let _ = tx.send(result);
        return;
    }
}

/// The request target of an HTTP/1 request line, read within a few seconds.
async fn read_target(socket: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let read = async {
        let mut chunk = [0u8; 1024];
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
            let n = socket.read(&mut chunk).await.ok()?;
            if n == 0 {
                break;
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        Some(())
    };
    tokio::time::timeout(Duration::from_secs(5), read)
        .await
        .ok()??;
    let line = std::str::from_utf8(&buf).ok()?.lines().next()?;
    let mut parts = line.split(' ');
    (parts.next()? == "GET").then_some(())?;
    Some(parts.next()?.to_owned())
}

async fn respond(socket: &mut TcpStream, status: &str, text: &str) {
    // The text may quote the redirect's `error` parameter: escape it.
    let text = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let body = format!("<!doctype html><meta charset=utf-8><title>llm-native</title><p>{text}</p>");
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = socket.write_all(head.as_bytes()).await;
    let _ = socket.write_all(body.as_bytes()).await;
    let _ = socket.shutdown().await;
}
