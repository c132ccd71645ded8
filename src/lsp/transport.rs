//! The stdio transport between the editor and the protocol library. It
//! reads each framed message itself and hands the library only messages it
//! can decode: tower-lsp-server stops reading its input for good after one
//! undecodable message (tokio-util's framed reader ends its stream on a
//! decode error), and a language server must survive a client's garbage.
//! Invalid JSON gets a `-32700` parse error, valid JSON that is no JSON-RPC
//! message a `-32600`, a frame without `Content-Length` is skipped with a
//! log line, and bytes between frames are skipped up to the next header.
//! Every message written to stdout goes through one writer, so replies from
//! here never interleave with the library's.

use super::Log;
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Messages larger than this are read and dropped, not kept in memory.
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// One framed message read from the wire.
#[derive(Debug, PartialEq)]
pub enum Frame {
    Body(Vec<u8>),
    /// A message over [`MAX_MESSAGE`], skipped.
    TooLarge(usize),
    /// Bytes that were no frame, skipped.
    Garbage(String),
}

/// Reads the next frame; `None` at the end of the input.
pub async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Frame> {
    let mut length: Option<usize> = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            match length {
                Some(n) => break read_body(reader, n).await,
                None => continue,
            }
        }
        // A header may follow garbage on the same line; header names are
        // case-insensitive, as in HTTP.
        const HEADER: &str = "content-length:";
        let Some(at) = text.to_ascii_lowercase().find(HEADER) else {
            if length.is_none() && !text.contains(':') {
                return Some(Frame::Garbage(text.chars().take(80).collect()));
            }
            continue;
        };
        match text[at + HEADER.len()..].trim().parse::<usize>() {
            Ok(n) => length = Some(n),
            Err(_) => return Some(Frame::Garbage(text.chars().take(80).collect())),
        }
    }
}

async fn read_body<R: AsyncRead + Unpin>(reader: &mut BufReader<R>, n: usize) -> Option<Frame> {
    if n > MAX_MESSAGE {
        let skipped = tokio::io::copy(&mut reader.take(n as u64), &mut tokio::io::sink())
            .await
            .ok()?;
        return (skipped as usize == n).then_some(Frame::TooLarge(n));
    }
    let mut body = vec![0; n];
    reader.read_exact(&mut body).await.ok()?;
    Some(Frame::Body(body))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_reply(id: Value, code: i64, message: &str) -> Vec<u8> {
    let reply = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    frame(reply.to_string().as_bytes())
}

/// Whether `value` is a JSON-RPC 2.0 request, notification or response the
/// library decodes; else the error to answer with.
fn check(value: &Value) -> Result<(), &'static str> {
    let object = value.as_object().ok_or("a message must be a JSON object")?;
    if object.get("jsonrpc") != Some(&json!("2.0")) {
        return Err("`jsonrpc` must be \"2.0\"");
    }
    let id_ok = |id: Option<&Value>| {
        id.is_none_or(|id| id.is_null() || id.is_string() || id.is_i64() || id.is_u64())
    };
    if !id_ok(object.get("id")) {
        return Err("`id` must be a number or a string");
    }
    match object.get("method") {
        Some(method) if method.is_string() => match object.get("params") {
            None | Some(Value::Array(_) | Value::Object(_) | Value::Null) => Ok(()),
            Some(_) => Err("`params` must be an object or an array"),
        },
        Some(_) => Err("`method` must be a string"),
        None => {
            let error_ok = object
                .get("error")
                .is_none_or(|e| e["code"].is_i64() && e["message"].is_string());
            if object.contains_key("id")
                && (object.contains_key("result") || object.contains_key("error"))
                && error_ok
            {
                Ok(())
            } else {
                Err("neither a request, a notification nor a response")
            }
        }
    }
}

/// Serves `serve` (the library's server, given the pipe ends it must read
/// from and write to) on this process's stdin and stdout.
pub async fn stdio<F, Fut>(log: Arc<Log>, serve: F)
where
    F: FnOnce(tokio::io::DuplexStream, tokio::io::DuplexStream) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let (server_in, mut to_server) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    // `None` tells the writer to stop once what came before is written.
    let (tx, mut rx) = mpsc::unbounded_channel::<Option<Vec<u8>>>();

    let writer = tokio::spawn(async move {
        let mut stdout = tokio::io::stdout();
        while let Some(Some(bytes)) = rx.recv().await {
            if stdout.write_all(&bytes).await.is_err() || stdout.flush().await.is_err() {
                break;
            }
        }
    });

    let replies = tx.clone();
    let closer = tx.clone();
    let forward_out = tokio::spawn(async move {
        let mut reader = BufReader::new(from_server);
        while let Some(f) = read_frame(&mut reader).await {
            if let Frame::Body(body) = f
                && replies.send(Some(frame(&body))).is_err()
            {
                break;
            }
        }
    });

    let reader_log = log.clone();
    tokio::spawn(async move {
        let mut reader = BufReader::new(tokio::io::stdin());
        while let Some(f) = read_frame(&mut reader).await {
            let body = match f {
                Frame::Body(body) => body,
                Frame::TooLarge(n) => {
                    reader_log.write(
                        "warning",
                        &format!("skipped a message of {n} bytes (limit {MAX_MESSAGE})"),
                    );
                    let _ = tx.send(Some(error_reply(Value::Null, -32600, "message too large")));
                    continue;
                }
                Frame::Garbage(start) => {
                    reader_log.write(
                        "warning",
                        &format!("skipped bytes that are no message: {start:?}"),
                    );
                    continue;
                }
            };
            let value: Value = match serde_json::from_slice(&body) {
                Ok(v) => v,
                Err(e) => {
                    reader_log.write(
                        "warning",
                        &format!("a message that is not JSON ({e}); answered with a parse error"),
                    );
                    let _ = tx.send(Some(error_reply(Value::Null, -32700, "Parse error")));
                    continue;
                }
            };
            if let Err(why) = check(&value) {
                reader_log.write(
                    "warning",
                    &format!("an invalid message ({why}); answered with an error"),
                );
                let id = value
                    .get("id")
                    .filter(|id| id.is_string() || id.is_number())
                    .cloned();
                let _ = tx.send(Some(error_reply(id.unwrap_or(Value::Null), -32600, why)));
                continue;
            }
            // tower-lsp-server drops `$/` requests without an answer; the
            // protocol wants MethodNotFound for the ones a server lacks.
            if let Some(id) = value
                .get("id")
                .filter(|id| id.is_string() || id.is_number())
                && value
                    .get("method")
                    .and_then(Value::as_str)
                    .is_some_and(|m| m.starts_with("$/"))
            {
                reader_log.write("info", "a $/ request this server does not know; answered");
                let _ = tx.send(Some(error_reply(id.clone(), -32601, "Method not found")));
                continue;
            }
            if to_server.write_all(&frame(&body)).await.is_err() {
                break;
            }
        }
        // The end of stdin: the library sees the end of its input.
        let _ = to_server.shutdown().await;
    });

    serve(server_in, server_out).await;
    // Let the last replies (the answer to `shutdown`) reach stdout.
    let _ = forward_out.await;
    let _ = closer.send(None);
    let _ = writer.await;
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn write_frames(out: &mut Vec<u8>, bodies: &[&[u8]]) {
        for body in bodies {
            out.write_all(&frame(body)).await.unwrap();
        }
    }

    #[tokio::test]
    async fn frames_survive_garbage_and_bad_lengths() {
        let mut input = Vec::new();
        write_frames(&mut input, &[b"{\"a\":1}"]).await;
        input.extend_from_slice(b"garbage without a header\r\n");
        input.extend_from_slice(b"Content-Length: nope\r\n\r\n");
        input.extend_from_slice(b"junkContent-Length: 2\r\n\r\n{}");
        let mut reader = BufReader::new(&input[..]);
        assert_eq!(
            read_frame(&mut reader).await,
            Some(Frame::Body(b"{\"a\":1}".to_vec()))
        );
        assert!(matches!(
            read_frame(&mut reader).await,
            Some(Frame::Garbage(_))
        ));
        assert!(matches!(
            read_frame(&mut reader).await,
            Some(Frame::Garbage(_))
        ));
        assert_eq!(
            read_frame(&mut reader).await,
            Some(Frame::Body(b"{}".to_vec()))
        );
        assert_eq!(read_frame(&mut reader).await, None);
    }

    #[test]
    fn only_messages_the_library_decodes_pass() {
        assert!(check(&json!({"jsonrpc": "2.0", "method": "x", "params": {}})).is_ok());
        assert!(check(&json!({"jsonrpc": "2.0", "id": 1, "method": "x"})).is_ok());
        assert!(check(&json!({"jsonrpc": "2.0", "id": "a", "result": null})).is_ok());
        assert!(
            check(&json!({"jsonrpc": "2.0", "id": 1, "error": {"code": 1, "message": "m"}}))
                .is_ok()
        );
        assert!(check(&json!([1, 2])).is_err());
        assert!(check(&json!({"jsonrpc": 5})).is_err());
        assert!(check(&json!({"jsonrpc": "2.0", "id": {}, "method": "x"})).is_err());
        assert!(check(&json!({"jsonrpc": "2.0", "method": 3})).is_err());
        assert!(check(&json!({"jsonrpc": "2.0", "method": "x", "params": 3})).is_err());
        assert!(check(&json!({"jsonrpc": "2.0", "id": 1})).is_err());
        assert!(check(&json!({"jsonrpc": "2.0", "id": 1, "error": "bad"})).is_err());
    }
}
