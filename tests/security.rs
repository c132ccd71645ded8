//! Security checks on the real binary:
//!
//! - tact opens no network connection: `tact check` and a `tact lsp`
//!   session run under `strace -f -e trace=network` make no AF_INET or
//!   AF_INET6 socket, and `Cargo.lock` holds no networking crate.
//! - `tact check FOLDER` touches only that folder, the `.tact.toml` and
//!   ignore files of its ancestors, git's global ignore settings and the
//!   system files any program loads; it writes nothing. A `tact lsp`
//!   session writes only the `.tact.toml` that "ignore this term" edits.
//! - Symlink loops do not trap the folder walk.
//!
//! The strace tests need `strace` (Debian: `apt-get install -y strace`).
//! Without it they print SKIPPED, except in CI (`CI=true`), where a missing
//! strace fails them. Linux only.

mod common;
#[path = "common/process.rs"]
mod process;

use serde_json::{Value, json};
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TACT: &str = env!("CARGO_BIN_EXE_tact");

/// Crates that speak HTTP, TLS, WebSocket or DNS, or open sockets.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "h3",
    "ureq",
    "curl",
    "curl-sys",
    "isahc",
    "attohttpc",
    "surf",
    "quinn",
    "native-tls",
    "openssl",
    "openssl-sys",
    "rustls",
    "tokio-rustls",
    "tungstenite",
    "tokio-tungstenite",
    "trust-dns-resolver",
    "hickory-resolver",
    "socket2",
];

#[test]
fn cargo_lock_has_no_networking_crate() {
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(names.contains(&"tact"), "no packages read from Cargo.lock");
    let found: Vec<&&str> = names
        .iter()
        .filter(|n| NETWORK_CRATES.contains(n))
        .collect();
    assert!(
        found.is_empty(),
        "networking crates in Cargo.lock: {found:?}"
    );
    // tokio's network driver comes with its `net` feature (mio + socket2).
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let tokio = manifest
        .lines()
        .find(|l| l.starts_with("tokio ="))
        .expect("tokio in Cargo.toml");
    assert!(
        !tokio.contains("\"net\"") && !tokio.contains("\"full\""),
        "{tokio}"
    );
}

/// Whether strace can trace here; fails in CI when it cannot.
fn strace_works() -> bool {
    let ok = Command::new("strace")
        .args(["-f", "-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        let why = "strace is missing or cannot trace (apt-get install -y strace)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
        eprintln!("SKIPPED: {why}");
    }
    ok
}

/// One traced system call.
#[derive(Debug)]
struct Call {
    line: String,
    name: String,
    args: Vec<String>,
    /// The return value with its decoded path (`3</tmp/x>`), if any.
    result: String,
}

/// Splits `a, "b, c", {d, e}` at its top-level commas.
fn split_args(s: &str) -> Vec<String> {
    let (mut out, mut current, mut depth, mut quoted, mut escaped) =
        (Vec::new(), String::new(), 0i32, false, false);
    for c in s.chars() {
        if quoted {
            current.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                quoted = false;
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Reads an strace -f -y output file. Calls split by another thread
/// (`<unfinished ...>`) are read from their first half.
fn parse_trace(text: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    for line in text.lines() {
        // "PID name(args) = result" or "PID name(args <unfinished ...>"
        let Some((_, rest)) = line.split_once(' ') else {
            continue;
        };
        let rest = rest.trim_start();
        if rest.starts_with("<...") || rest.starts_with("+++") || rest.starts_with("---") {
            continue;
        }
        let Some(open) = rest.find('(') else {
            continue;
        };
        let name = rest[..open].to_string();
        let body = &rest[open + 1..];
        let (args, result) = if let Some(at) = body.rfind(") = ") {
            (&body[..at], body[at + 4..].to_string())
        } else if let Some(at) = body.find(" <unfinished ...>") {
            (&body[..at], String::new())
        } else {
            continue;
        };
        calls.push(Call {
            line: line.to_string(),
            name,
            args: split_args(args),
            result,
        });
    }
    calls
}

/// The text of a quoted strace string (`"a\"b"` -> `a"b`), if it is one.
fn unquote(arg: &str) -> Option<String> {
    let inner = arg.strip_prefix('"')?;
    let inner = inner
        .strip_suffix("\"...")
        .or_else(|| inner.strip_suffix('"'))?;
    Some(inner.replace("\\\"", "\"").replace("\\\\", "\\"))
}

/// The folder of a `-y` file descriptor argument (`AT_FDCWD</tmp>`, `3</x>`).
fn fd_path(arg: &str) -> Option<PathBuf> {
    let start = arg.find('<')?;
    Some(PathBuf::from(arg[start + 1..].strip_suffix('>')?))
}

/// `path` with `.` and `..` taken out, without touching the disk.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The paths a call names, made absolute; `cwd` for calls without a dirfd.
fn paths_of(call: &Call, cwd: &Path) -> Vec<PathBuf> {
    let at = |dirfd: &str, path: &str| -> Option<PathBuf> {
        let path = unquote(path)?;
        if path.is_empty() {
            return None; // an operation on the descriptor itself
        }
        let path = Path::new(&path);
        Some(normal(&if path.is_absolute() {
            path.to_path_buf()
        } else {
            fd_path(dirfd)
                .unwrap_or_else(|| cwd.to_path_buf())
                .join(path)
        }))
    };
    let a = |i: usize| call.args.get(i).map(String::as_str).unwrap_or("");
    let mut paths: Vec<Option<PathBuf>> = match call.name.as_str() {
        "getcwd" => vec![],
        "openat" | "openat2" | "newfstatat" | "fstatat64" | "statx" | "faccessat"
        | "faccessat2" | "readlinkat" | "mkdirat" | "unlinkat" | "fchmodat" | "fchownat"
        | "utimensat" | "mknodat" | "name_to_handle_at" | "inotify_add_watch" => {
            vec![at(a(0), a(1))]
        }
        "renameat" | "renameat2" | "linkat" => vec![at(a(0), a(1)), at(a(2), a(3))],
        "symlinkat" => vec![at(a(1), a(2))],
        "rename" | "link" => vec![at("", a(0)), at("", a(1))],
        "symlink" => vec![at("", a(1))],
        _ => vec![at("", a(0))],
    };
    // Where an opened descriptor really points (through symlinks).
    if call.result.contains('<') {
        paths.push(fd_path(&call.result).map(|p| normal(&p)));
    }
    paths.into_iter().flatten().collect()
}

/// Whether a call changes the file system.
fn writes(call: &Call) -> bool {
    const WRITING: &[&str] = &[
        "rename",
        "renameat",
        "renameat2",
        "unlink",
        "unlinkat",
        "mkdir",
        "mkdirat",
        "rmdir",
        "symlink",
        "symlinkat",
        "link",
        "linkat",
        "chmod",
        "fchmodat",
        "chown",
        "fchownat",
        "lchown",
        "truncate",
        "utime",
        "utimes",
        "utimensat",
        "mknod",
        "mknodat",
        "creat",
    ];
    if WRITING.contains(&call.name.as_str()) {
        return true;
    }
    let flags = match call.name.as_str() {
        "open" => call.args.get(1),
        "openat" => call.args.get(2),
        _ => None,
    };
    flags.is_some_and(|f| {
        ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
            .iter()
            .any(|w| f.contains(w))
    })
}

/// Files every dynamically linked program reads, and what the Rust
/// runtime reads (stack guard, CPU count from cgroups and sysfs).
fn system_file(path: &Path) -> bool {
    let s = path.to_string_lossy();
    let library = [
        "/lib/",
        "/lib64/",
        "/usr/lib/",
        "/usr/lib64/",
        "/usr/local/lib/",
    ]
    .iter()
    .any(|p| s.starts_with(p))
        && (s.ends_with(".so")
            || s.contains(".so.")
            || s.contains("/locale/")
            || s.ends_with("/tls")
            || s.contains("/glibc-hwcaps"));
    let proc_self = s.starts_with("/proc/self/")
        || s.starts_with("/proc/thread-self/")
        || s.strip_prefix("/proc/").is_some_and(|r| {
            r.split('/')
                .next()
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
    library
        || proc_self
        || [
            "/etc/ld.so.cache",
            "/etc/ld.so.preload",
            "/etc/gitconfig",
            "/dev/null",
        ]
        .contains(&&*s)
        || s.starts_with("/sys/devices/system/cpu/")
        || s.starts_with("/sys/fs/cgroup/")
        || s.starts_with("/usr/share/locale/")
}

/// Runs `args` under `strace -f -y -e trace=FILTER` in `cwd` with `home`
/// as HOME; the calls and the exit code.
fn traced(filter: &str, args: &[&str], cwd: &Path, home: &Path) -> (Vec<Call>, Option<i32>) {
    let out = tempfile::NamedTempFile::new().unwrap();
    let status = Command::new("strace")
        .args(["-f", "-y", "-qq", "-e", &format!("trace={filter}"), "-o"])
        .arg(out.path())
        .arg(TACT)
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        // cargo points the loader at its own folders; tact needs none.
        .env_remove("LD_LIBRARY_PATH")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run strace");
    let text = std::fs::read_to_string(out.path()).unwrap();
    (parse_trace(&text), status.code())
}

/// The network calls in `calls`: those on internet (or netlink) sockets,
/// and the local ones.
fn network_calls(calls: &[Call]) -> (Vec<String>, Vec<String>) {
    const NETWORK: &[&str] = &[
        "socket",
        "socketpair",
        "connect",
        "bind",
        "listen",
        "accept",
        "accept4",
        "sendto",
        "sendmsg",
        "sendmmsg",
        "recvfrom",
        "recvmsg",
    ];
    let (internet, local): (Vec<&Call>, Vec<&Call>) = calls
        .iter()
        .filter(|c| NETWORK.contains(&c.name.as_str()))
        .partition(|c| {
            c.line.contains("AF_INET") // also AF_INET6
                || c.line.contains("AF_NETLINK")
                || c.line.contains("TCP")
                || c.line.contains("UDP")
                || c.name == "connect" && !c.line.contains("AF_UNIX")
        });
    let lines = |v: Vec<&Call>| v.into_iter().map(|c| c.line.clone()).collect();
    (lines(internet), lines(local))
}

/// Asserts no call uses an internet socket; returns the local ones seen.
fn no_internet(calls: &[Call], what: &str) -> Vec<String> {
    let (internet, local) = network_calls(calls);
    assert!(
        internet.is_empty(),
        "{what} used the network: {internet:#?}"
    );
    local
}

/// A project: `.tact.toml` with a ruleset folder, Markdown in subfolders,
/// a `.gitignore`d file, and a symlink to a file outside it.
struct Project {
    _temp: tempfile::TempDir,
    root: PathBuf,
    home: PathBuf,
    outside: PathBuf,
}

fn project() -> Project {
    let temp = tempfile::tempdir().unwrap();
    let base = temp.path().canonicalize().unwrap();
    let root = base.join("project");
    let home = base.join("home");
    let outside = base.join("outside");
    for dir in [
        &root.join("docs/nested"),
        &root.join("rules/en"),
        &home,
        &outside,
    ] {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(
        root.join(".tact.toml"),
        "glossary = [\"SSO\"]\n[rulesets]\nextend = [\"rules\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("rules/en/jargon.toml"),
        "[[term]]\nterm = \"synergy\"\nsuggest = [\"working together\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("docs/mail.md"),
        "Hi Sam,\n\nWe will deploy it on Friday, for synergy.\n\nBest,\nAnna\n",
    )
    .unwrap();
    std::fs::write(
        root.join("docs/nested/note.md"),
        "We use SSO for the login.\n",
    )
    .unwrap();
    std::fs::write(root.join(".gitignore"), "ignored.md\n").unwrap();
    std::fs::write(root.join("docs/ignored.md"), "We deploy.\n").unwrap();
    std::fs::write(outside.join("secret.md"), "A secret: we deploy.\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.join("secret.md"), root.join("docs/linked.md")).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("docs/outside-link")).unwrap();
    }
    Project {
        _temp: temp,
        root,
        home,
        outside,
    }
}

/// The paths `calls` touch outside what `tact check ROOT` may touch.
fn unexpected_paths(calls: &[Call], p: &Project, cwd: &Path, extra: &[PathBuf]) -> Vec<String> {
    let ancestors: Vec<&Path> = p.root.ancestors().collect();
    let allowed = |path: &Path| -> bool {
        if path.starts_with(&p.root) && !path.starts_with(&p.outside) {
            return true;
        }
        // `.tact.toml` and ignore files are looked up in every folder above.
        if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
            let name = name.to_string_lossy();
            if ancestors.contains(&parent)
                && [".tact.toml", ".gitignore", ".ignore", ".git"].contains(&&*name)
            {
                return true;
            }
        }
        if ancestors
            .iter()
            .any(|a| path == a.join(".git/info/exclude"))
        {
            return true;
        }
        // Git's global ignore settings, which the walk honours.
        if [".gitconfig", ".config/git/config", ".config/git/ignore"]
            .iter()
            .any(|f| path == p.home.join(f))
        {
            return true;
        }
        ancestors.contains(&path)
            || path == Path::new(TACT)
            || path == cwd
            || extra.iter().any(|e| path == e)
            || system_file(path)
    };
    let mut out: Vec<String> = calls
        .iter()
        .flat_map(|c| paths_of(c, cwd).into_iter().map(move |path| (c, path)))
        .filter(|(_, path)| !allowed(path))
        .map(|(c, path)| format!("{}: {}", path.display(), c.line))
        .collect();
    out.dedup();
    out
}

#[test]
#[cfg(target_os = "linux")]
fn tact_check_opens_no_socket_and_reads_only_its_folder() {
    if !strace_works() {
        return;
    }
    let p = project();
    let root = p.root.to_str().unwrap();
    let cwd = p.root.parent().unwrap().to_path_buf();
    let (calls, code) = traced(
        "network,%file",
        &["check", "--format", "json", root],
        &cwd,
        &p.home,
    );
    assert_eq!(code, Some(1), "findings, so exit code 1");
    assert!(calls.iter().any(|c| c.name == "execve"), "nothing traced");

    let local = no_internet(&calls, "tact check");
    if !local.is_empty() {
        eprintln!("observed: local sockets in tact check: {local:#?}");
    }
    // Read: the documents and the ruleset, under the folder.
    let read = |name: &str| {
        calls
            .iter()
            .any(|c| c.name.starts_with("open") && c.line.contains(name))
    };
    assert!(read("docs/mail.md") && read("docs/nested/note.md") && read("rules/en/jargon.toml"));
    // Never the ignored file, nor anything outside through the symlinks.
    let unexpected = unexpected_paths(&calls, &p, &cwd, &[]);
    assert!(unexpected.is_empty(), "tact check touched: {unexpected:#?}");
    assert!(
        !calls
            .iter()
            .any(|c| c.line.contains("secret.md") || c.line.contains(p.outside.to_str().unwrap())),
        "followed a symlink out of the folder"
    );
    assert!(
        !calls
            .iter()
            .any(|c| c.name.starts_with("open") && c.line.contains("ignored.md")),
        "read a .gitignored file"
    );
    let written: Vec<&str> = calls
        .iter()
        .filter(|c| writes(c))
        .map(|c| c.line.as_str())
        .collect();
    assert!(written.is_empty(), "tact check wrote: {written:#?}");
}

#[test]
#[cfg(target_os = "linux")]
fn a_tact_lsp_session_opens_no_socket_and_writes_only_the_glossary() {
    use process::Process;
    if !strace_works() {
        return;
    }
    let p = project();
    let trace = tempfile::NamedTempFile::new().unwrap();
    let mut command = Command::new("strace");
    command
        .args(["-f", "-y", "-qq", "-e", "trace=network,%file", "-o"])
        .arg(trace.path())
        .arg(TACT)
        .arg("lsp")
        .current_dir(&p.root)
        .env("HOME", &p.home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("LD_LIBRARY_PATH");
    let mut lsp = Process::spawn(command);
    let root_uri = common::lsp::file_uri(&p.root);
    lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "workspaceFolders": [{"uri": root_uri, "name": "p"}],
               "capabilities": {"workspace": {"workspaceEdit": {"documentChanges": true}}}}),
    );
    lsp.notify("initialized", json!({}));
    let mail = format!("{root_uri}/docs/mail.md");
    let text = std::fs::read_to_string(p.root.join("docs/mail.md")).unwrap();
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": mail, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let published = lsp
        .wait_for(
            |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == mail,
            Duration::from_secs(30),
        )
        .expect("diagnostics");
    let diagnostics = published["params"]["diagnostics"].clone();
    assert!(!diagnostics.as_array().unwrap().is_empty());
    let range = diagnostics[0]["range"].clone();
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": mail}, "range": range, "context": {"diagnostics": diagnostics}}),
    );
    assert!(!actions.as_array().unwrap().is_empty());
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": mail}, "position": range["start"]}),
    );
    assert!(hover["contents"].is_object(), "{hover}");
    lsp.request(
        "workspace/executeCommand",
        json!({"command": "tact.ignoreTerm", "arguments": [mail, "deploy"]}),
    );
    lsp.request("shutdown", Value::Null);
    lsp.notify("exit", Value::Null);
    let status = lsp
        .exit_status(Duration::from_secs(20))
        .expect("the server ends");
    assert_eq!(status.code(), Some(0));
    let config = std::fs::read_to_string(p.root.join(".tact.toml")).unwrap();
    assert!(config.contains("\"deploy\""), "{config}");

    let calls = parse_trace(&std::fs::read_to_string(trace.path()).unwrap());
    assert!(calls.iter().any(|c| c.name == "execve"), "nothing traced");
    let local = no_internet(&calls, "tact lsp");
    if !local.is_empty() {
        eprintln!("observed: local sockets in tact lsp: {local:#?}");
    }
    // Written: the glossary, through a temporary file beside it.
    let config_path = p.root.join(".tact.toml");
    let written: Vec<(PathBuf, &str)> = calls
        .iter()
        .filter(|c| writes(c))
        .flat_map(|c| {
            paths_of(c, &p.root)
                .into_iter()
                .map(move |path| (path, c.line.as_str()))
        })
        .collect();
    assert!(!written.is_empty(), "the glossary write was not traced");
    for (path, line) in &written {
        let temp = path.parent() == Some(&p.root)
            && path.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with("..tact.toml.") && n.ends_with(".tmp")
            });
        assert!(
            *path == config_path || temp,
            "tact lsp wrote {}: {line}",
            path.display()
        );
    }
    // Read: nothing outside the workspace but config lookups and system files.
    let unexpected = unexpected_paths(&calls, &p, &p.root, &[]);
    assert!(unexpected.is_empty(), "tact lsp touched: {unexpected:#?}");
}

/// Runs `tact check --format json ARGS` in `cwd`, killed after 30 s.
fn check_json(cwd: &Path, args: &[&str]) -> (Option<i32>, Value, String, Duration) {
    let started = Instant::now();
    let mut child = Command::new(TACT)
        .args(["check", "--format", "json"])
        .args(args)
        .current_dir(cwd)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let limit = Duration::from_secs(30);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("tact check {args:?} did not end within {limit:?}: a symlink loop?");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

fn checked_paths(report: &Value) -> Vec<String> {
    let mut paths: Vec<String> = report["files"]
        .as_array()
        .map(|files| {
            files
                .iter()
                .map(|f| f["path"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
}

#[test]
#[cfg(unix)]
fn symlink_loops_end_quickly_and_symlinks_are_not_followed_in_a_walk() {
    use std::os::unix::fs::symlink;
    let temp = tempfile::tempdir().unwrap();
    let base = temp.path();
    let root = base.join("loops");
    std::fs::create_dir_all(root.join("b")).unwrap();
    std::fs::write(root.join("note.md"), "We deploy on Fridays.\n").unwrap();
    std::fs::write(root.join("b/real.md"), "We deploy on Mondays.\n").unwrap();
    symlink(".", root.join("a")).unwrap(); // a -> .
    symlink("../b", root.join("b/c")).unwrap(); // b/c -> ../b
    symlink("self.md", root.join("self.md")).unwrap(); // a loop of one
    symlink("note.md", root.join("linked.md")).unwrap(); // a file, twice
    symlink("missing.md", root.join("dangling.md")).unwrap();

    // The walk: each real file once; symlinks (to files or folders, loops
    // or not) are not followed.
    let (code, report, stderr, took) = check_json(base, &["loops"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        checked_paths(&report),
        ["loops/b/real.md", "loops/note.md"],
        "{report}"
    );
    eprintln!("observed: tact check over the loops took {took:?}; stderr: {stderr:?}");

    // A symlink named on the command line is followed: to a folder (then
    // walked as above, the loops inside not followed) or to a file.
    let (code, report, stderr, _) = check_json(base, &["loops/a"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        checked_paths(&report),
        ["loops/a/b/real.md", "loops/a/note.md"],
        "{report}"
    );
    let (code, report, stderr, _) = check_json(base, &["loops/b/c/c/c"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        checked_paths(&report),
        ["loops/b/c/c/c/real.md"],
        "{report}"
    );
    let (code, report, stderr, _) = check_json(base, &["loops/linked.md"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(checked_paths(&report), ["loops/linked.md"], "{report}");

    // A symlink to itself or to nothing, named: an error, exit code 2.
    for name in ["loops/self.md", "loops/dangling.md"] {
        let (code, _, stderr, took) = check_json(base, &[name]);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name}: {stderr}");
        assert!(took < Duration::from_secs(10), "{name}: {took:?}");
    }
}

/// The trace reader catches what the tests above look for, so that a
/// passing test means something.
#[test]
fn the_trace_reader_catches_sockets_stray_reads_and_writes() {
    let p = project();
    let root = p.root.display();
    let outside = p.outside.display();
    let trace = format!(
        "10 socket(AF_INET6, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3<TCPv6:[1]>\n\
         10 connect(3<TCP:[2]>, {{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"1.2.3.4\")}}, 16 <unfinished ...>\n\
         11 socketpair(AF_UNIX, SOCK_STREAM, 0, [4<UNIX:[5]>, 5<UNIX:[6]>]) = 0\n\
         11 openat(AT_FDCWD</>, \"{root}/docs/linked.md\", O_RDONLY|O_CLOEXEC) = 6<{outside}/secret.md>\n\
         11 openat(AT_FDCWD<{root}>, \"../elsewhere/notes.md\", O_RDONLY) = -1 ENOENT (No such file or directory)\n\
         11 statx(7<{root}/docs>, \"mail.md\", AT_STATX_SYNC_AS_STAT, STATX_ALL, {{stx_mask=STATX_ALL}}) = 0\n\
         11 openat(AT_FDCWD</>, \"{root}/docs/mail.md\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 8<{root}/docs/mail.md>\n\
         11 renameat2(AT_FDCWD</>, \"{root}/a\", AT_FDCWD</>, \"{root}/b\", RENAME_NOREPLACE) = 0\n\
         11 <... connect resumed>) = -1 ECONNREFUSED (Connection refused)\n\
         11 +++ exited with 0 +++\n"
    );
    let calls = parse_trace(&trace);
    assert_eq!(calls.len(), 8, "{calls:#?}");
    let (internet, local) = network_calls(&calls);
    assert_eq!(
        internet.len(),
        2,
        "the AF_INET6 socket and the connect: {internet:#?}"
    );
    assert_eq!(
        local.len(),
        1,
        "a local socketpair is reported, not refused: {local:#?}"
    );
    let cwd = p.root.clone();
    let unexpected = unexpected_paths(&calls, &p, &cwd, &[]);
    let joined = unexpected.join("\n");
    assert!(
        joined.contains("secret.md"),
        "a symlink followed out of the folder: {joined}"
    );
    assert!(
        joined.contains("elsewhere/notes.md"),
        "a relative path out of the folder: {joined}"
    );
    assert!(
        !joined.contains("docs/mail.md:"),
        "a read inside the folder: {joined}"
    );
    let written: Vec<&str> = calls
        .iter()
        .filter(|c| writes(c))
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(written, ["openat", "renameat2"]);
    assert_eq!(
        paths_of(&calls[5], &cwd),
        [p.root.join("docs/mail.md")],
        "a path relative to a directory descriptor"
    );
}
