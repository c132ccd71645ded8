//! A bare JSON-RPC client over any command's stdin and stdout, for the
//! tests that start the server in a way `lsp::Lsp` does not: under
//! `strace`, or with stdin closed without `exit`. It frames and reads
//! messages as `lsp::Lsp` does and answers the server's requests with
//! `null`. Test files include it with `#[path = "common/process.rs"]`.
#![allow(dead_code)]

use crate::common::lsp::pipes;
use serde_json::{Value, json};
use std::io::Write;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

pub struct Process {
    pub child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Every message received that was not the answer waited for.
    pub received: Vec<Value>,
}

impl Process {
    /// Starts `command` with piped stdin and stdout (stderr discarded).
    pub fn spawn(mut command: Command) -> Process {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let (stdin, rx) = pipes(&mut child);
        Process {
            child,
            stdin,
            rx,
            next_id: 1,
            received: Vec::new(),
        }
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(&body).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response; `None` if none came
    /// within `timeout`.
    pub fn request_within(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Option<Value> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(
            |m| m["id"] == json!(id) && m.get("method").is_none(),
            timeout,
        )
    }

    /// Sends a request and returns its result, panicking on an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self
            .request_within(method, params, Duration::from_secs(30))
            .unwrap_or_else(|| panic!("no response to {method}"));
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The next message matching `want` within `timeout`; others are kept
    /// in `received`, and the server's requests are answered with `null`.
    pub fn wait_for(&mut self, want: impl Fn(&Value) -> bool, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let message = self.rx.recv_timeout(left).ok()?;
            if message.get("id").is_some() && message.get("method").is_some() {
                let id = message["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
            if want(&message) {
                return Some(message);
            }
            self.received.push(message);
        }
    }

    /// Closes the server's stdin: the end of its input.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// The exit status within `timeout`, or `None` (the process is killed).
    pub fn exit_status(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
