#!/usr/bin/env python3
"""Drives `tact lsp` over stdio with the shared corpus and reports:

- didOpen -> publishDiagnostics time for the 10 KB, 100 KB and 1 MB books;
- keystroke -> publishDiagnostics latency: 200 single-character incremental
  edits typed into a prose paragraph of keystroke-20k.md and of book-1m.md,
  each sent after the previous one's diagnostics arrived (p50, p99, max);
- the server's resident memory (VmRSS, VmHWM) with book-1m.md open.

Usage: python3 bench/lsp.py [--tact target/release/tact] [--corpus DIR]
                            [--write BENCHMARKS.md]
"""

import argparse
import json
import os
import statistics
import subprocess
import threading
import time
import queue

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Server:
    def __init__(self, tact):
        self.proc = subprocess.Popen(
            [tact, "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            _, m = self.messages.get(timeout=60)
            if m.get("id") == rid and "method" not in m:
                return m

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri, version):
        while True:
            at, m = self.messages.get(timeout=60)
            if (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            ):
                return at, m["params"]["diagnostics"]

    def rss(self):
        out = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0]) / 1024
        return out

    def stop(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=10)


def start(tact):
    s = Server(tact)
    s.request(
        "initialize",
        {
            "processId": None,
            "rootUri": None,
            "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
        },
    )
    s.notify("initialized", {})
    return s


def open_doc(s, uri, text):
    t0 = time.perf_counter()
    s.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
    )
    at, diagnostics = s.wait_diagnostics(uri, 1)
    return (at - t0) * 1000, len(diagnostics)


def prose_line(text):
    """The line number and length of a long prose line near the middle."""
    lines = text.split("\n")
    in_code = False
    candidates = []
    for i, line in enumerate(lines):
        if line.startswith("```"):
            in_code = not in_code
            continue
        if not in_code and len(line) > 60 and line[0].isalpha():
            candidates.append(i)
    i = candidates[len(candidates) // 2]
    return i, len(lines[i])


def typing(s, uri, text, keys=200):
    line, length = prose_line(text)
    col = length // 2
    version = 1
    latencies = []
    word = "clientfriendly "
    for k in range(keys):
        version += 1
        ch = word[k % len(word)]
        t0 = time.perf_counter()
        s.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {
                        "range": {
                            "start": {"line": line, "character": col},
                            "end": {"line": line, "character": col},
                        },
                        "text": ch,
                    }
                ],
            },
        )
        at, _ = s.wait_diagnostics(uri, version)
        latencies.append((at - t0) * 1000)
        col += 1
    return latencies


def pct(values, p):
    values = sorted(values)
    k = min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))
    return values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tact", default=os.path.join(ROOT, "target/release/tact"))
    ap.add_argument(
        "--corpus",
        default=os.environ.get("TACT_CORPUS", os.path.join(ROOT, "..", "shared", "corpus")),
    )
    ap.add_argument("--write", help="replace the LSP section of this Markdown file")
    args = ap.parse_args()
    read = lambda name: open(os.path.join(args.corpus, name), encoding="utf-8").read()

    rows = []
    s = start(args.tact)
    # Warm up: the first open builds the linter (compiles the rulesets).
    open_doc(s, "file:///warm.md", "Hello.")
    for name in ["book-10k.md", "book-100k.md", "book-1m.md"]:
        times = []
        for run in range(5):
            uri = f"file:///bench/{run}/{name}"
            ms, n = open_doc(s, uri, read(name))
            times.append(ms)
            s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        rows.append((f"didOpen `{name}`", f"{statistics.median(times):.1f} ms median of 5 ({n} diagnostics)"))

    typed = {}
    for name in ["keystroke-20k.md", "book-1m.md"]:
        uri = f"file:///bench/typing/{name}"
        open_doc(s, uri, read(name))
        lat = typing(s, uri, read(name))
        typed[name] = lat
        rows.append(
            (
                f"keystroke `{name}` (200 edits)",
                f"p50 {pct(lat, 50):.1f} ms · p99 {pct(lat, 99):.1f} ms · max {max(lat):.1f} ms",
            )
        )
        if name == "book-1m.md":
            mem = s.rss()
            rows.append(
                ("memory with `book-1m.md` open", f"{mem['VmRSS']:.1f} MiB resident (peak {mem['VmHWM']:.1f} MiB)")
            )
    s.stop()

    table = "| measurement | result |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
    print(table)
    if args.write:
        path = args.write
        text = open(path, encoding="utf-8").read()
        start_marker = "<!-- lsp-bench:start -->"
        end_marker = "<!-- lsp-bench:end -->"
        block = f"{start_marker}\n{table}{end_marker}"
        if start_marker in text:
            before = text.split(start_marker)[0]
            after = text.split(end_marker)[1]
            text = before + block + after
        else:
            text += "\n" + block + "\n"
        open(path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
