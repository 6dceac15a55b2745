"""Soak test: one ``wenfeng serve --tcp`` process for a long time (issue 19).

An editor session on loopback makes random incremental edits at typing speed and asks for
hovers and code actions, while hostile frames arrive on its connection, ``wenfeng.toml``
changes under it, and extra TCP connections come and go (bare probes, garbage, whole sessions,
sessions dropped without shutdown).  At the end the server must be alive, every request
answered, its diagnostics for the final text equal to a fresh check of that text by the core
(``wenfeng.api.check_text``, same config), and its resident memory grown by less than 50 MB
since warm-up.

    .venv/bin/python bench/soak_lsp.py --duration 600      # the full run (10 minutes)
    .venv/bin/python bench/soak_lsp.py --duration 30       # what tests/reliability runs (slow)

Prints one JSON line with the numbers; exit 0 when every condition holds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from reliability.raw_lsp import (  # noqa: E402
    RawClient,
    did_open,
    free_port,
    initialize,
    notify,
    request,
)

PIECES = ["尊敬的", "进行研究", "认真落实", "，", "。", "\n", "各位领导、同志们：", "𠀀", "积极推进",
          "一、", "（一）", "关于", "的通知", "加强", "工作", "2024年3月1日", "附件：", "特此报告。",
          "高度重视", "切实加强", "全力以赴", "abc", "１２３", "e\u0301"]
START = ("在全市工作会议上的讲话\n尊敬的各位领导、同志们：\n今天召开会议，进行研究部署。\n"
         + "全市各级各部门认真落实年度目标任务，重点项目建设有序推进，民生保障持续加强。\n" * 20)
CONFIGS = ['[levels]\nH201 = "error"\n', '[rules]\nS301 = false\n', "", '[levels]\nH201 = "hint"\n']


def utf16_position(text: str, offset: int) -> dict:
    line_start = text.rfind("\n", 0, offset) + 1
    return {"line": text.count("\n", 0, offset),
            "character": len(text[line_start:offset].encode("utf-16-le")) // 2}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def random_edit(rng: random.Random, text: str) -> tuple[int, int, str]:
    n = len(text)
    start = rng.randint(0, n)
    if n > 5000:
        op = 0.6
    elif n < 800:
        op = 0.0
    else:
        op = rng.random()
    new = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
    if op < 0.5:
        return start, start, new
    end = min(n, start + rng.choice([1, 2, 5, 20, 120]))
    return start, end, "" if op < 0.75 else new


HOSTILE = [
    b"Content-Length: abc\r\n\r\n{not json",
    b"Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\": \"2.0\"}",
    b"Content-Length: 5\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": \"x\"",
    b"Content-Length: 80\r\n\r\n{broken",
    b"\x00\xff\xfe garbage without a line end ",
    b"Content-Length: 99999999999\r\n\r\n",
]


def extra_connection(port: int, rng: random.Random, root: Path, n: int) -> str:
    kind = rng.choice(["probe", "garbage", "session", "dropped", "silent"])
    if kind == "probe":
        socket.create_connection(("127.0.0.1", port), timeout=10).close()
        return kind
    c = RawClient.tcp(port)
    try:
        if kind == "garbage":
            c.send(rng.choice(HOSTILE) + os.urandom(rng.randint(1, 200)))
        elif kind == "silent":
            time.sleep(0.2)
        else:
            c.send(initialize(root=root))
            if c.answer(1, 30) is None:
                raise RuntimeError("an extra session was not answered")
            c.send(notify("initialized", {}))
            uri = (root / f"extra{n}.txt").as_uri()
            c.send(did_open(uri, START))
            got = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri, 60)
            if got is None:
                raise RuntimeError("an extra session got no diagnostics")
            if kind == "session":
                c.send(request(2, "shutdown"))
                c.answer(2, 30)
                c.send(notify("exit"))
    finally:
        c.close()
    return kind


def run(duration: float, seed: int, workdir: Path) -> dict:
    rng = random.Random(seed)
    port = free_port()
    draft = workdir / "draft.txt"
    draft.write_text(START, encoding="utf-8")
    config = workdir / "wenfeng.toml"
    (workdir / ".git").mkdir(exist_ok=True)  # the project root: no config above it applies
    env = {**os.environ, "WENFENG_STATE_DIR": str(workdir / "state")}
    log = open(workdir / "server.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "wenfeng", "serve", "--tcp", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=log, env=env, cwd=workdir)
    stats = {"edits": 0, "requests": 0, "answered": 0, "hostile_frames": 0, "config_changes": 0,
             "extra_connections": {}, "seconds": duration}
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                main = RawClient.tcp(port)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start")
                time.sleep(0.2)
        main.send(initialize(root=workdir))
        if main.answer(1, 60) is None:
            raise RuntimeError("initialize not answered")
        main.send(notify("initialized", {}))
        uri = draft.as_uri()
        text, version = START, 1
        main.send(did_open(uri, text))
        main.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics", 60)
        time.sleep(5)  # jieba loaded, provisional results re-checked
        rss_start = rss_mb(server.pid)
        pending: dict[int, float] = {}
        next_id = 100
        started = time.monotonic()
        timers = {"hover": started, "hostile": started + 3, "config": started + 7, "extra": started + 2}
        n_extra = 0
        while time.monotonic() - started < duration:
            now = time.monotonic()
            start, end, new = random_edit(rng, text)
            version += 1
            main.send(notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": utf16_position(text, start),
                                              "end": utf16_position(text, end)}, "text": new}]}))
            text = text[:start] + new + text[end:]
            stats["edits"] += 1
            if now >= timers["hover"]:
                timers["hover"] = now + rng.uniform(0.5, 2)
                offset = rng.randint(0, len(text))
                method = rng.choice(["textDocument/hover", "textDocument/codeAction"])
                params = {"textDocument": {"uri": uri}, "position": utf16_position(text, offset)}
                if method == "textDocument/codeAction":
                    params = {"textDocument": {"uri": uri}, "context": {"diagnostics": []},
                              "range": {"start": utf16_position(text, offset), "end": utf16_position(text, offset)}}
                main.send(request(next_id, method, params))
                pending[next_id] = now
                next_id += 1
                stats["requests"] += 1
            if now >= timers["hostile"]:
                timers["hostile"] = now + rng.uniform(2, 6)
                main.send(rng.choice(HOSTILE))
                stats["hostile_frames"] += 1
            if now >= timers["config"]:
                timers["config"] = now + rng.uniform(8, 20)
                config.write_text(rng.choice(CONFIGS), encoding="utf-8")
                main.send(notify("workspace/didChangeWatchedFiles",
                                 {"changes": [{"uri": config.as_uri(), "type": 2}]}))
                stats["config_changes"] += 1
            if now >= timers["extra"]:
                timers["extra"] = now + rng.uniform(3, 10)
                n_extra += 1
                kind = extra_connection(port, rng, workdir, n_extra)
                stats["extra_connections"][kind] = stats["extra_connections"].get(kind, 0) + 1
            while (m := main.next(0)) is not None:
                if m.get("id") in pending and "method" not in m:
                    pending.pop(m["id"])
                    stats["answered"] += 1
            main.seen.clear()
            time.sleep(rng.uniform(0.01, 0.05))
            if server.poll() is not None:
                raise RuntimeError(f"the server ended (exit {server.returncode})")
        # the end: the final text's diagnostics, compared with the core's
        deadline = time.monotonic() + 60
        final = None
        while time.monotonic() < deadline and (pending or final is None):
            m = main.next(max(0.1, deadline - time.monotonic()))
            if m is None:
                break
            if m.get("id") in pending and "method" not in m:
                pending.pop(m["id"])
                stats["answered"] += 1
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri \
                    and m["params"].get("version") == version:
                final = m["params"]["diagnostics"]
        from wenfeng.api import check_text
        from wenfeng.config import settings_for_path

        report = check_text(text, path=str(draft), settings=settings_for_path(str(draft)))
        expected = sorted((f.rule, f.start, f.end) for f in report.findings)
        got = sorted((d["code"], d["data"]["start"], d["data"]["end"]) for d in final or [])
        main.send(request(next_id, "textDocument/hover", {"textDocument": {"uri": uri},
                                                          "position": {"line": 0, "character": 0}}))
        alive = main.answer(next_id, 30) is not None
        rss_end = rss_mb(server.pid)
        stats.update({
            "unanswered": len(pending), "final_diagnostics": len(got), "expected": len(expected),
            "diagnostics_match": final is not None and got == expected, "alive": alive and server.poll() is None,
            "rss_start_mb": round(rss_start, 1), "rss_end_mb": round(rss_end, 1),
            "rss_growth_mb": round(rss_end - rss_start, 1), "final_length": len(text),
        })
        stats["ok"] = (stats["diagnostics_match"] and stats["alive"] and not pending
                       and stats["rss_growth_mb"] < 50)
        main.send(request(next_id + 1, "shutdown"))
        main.answer(next_id + 1, 30)
        main.send(notify("exit"))
        main.close()
        return stats
    finally:
        server.kill()
        server.wait()
        log.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=float, default=600, help="seconds of editing (600 = 10 min)")
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="wenfeng-soak-") as tmp:
        stats = run(args.duration, args.seed, Path(tmp))
    print(json.dumps(stats, ensure_ascii=False))
    return 0 if stats.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
