"""The page's 精简到限额 panel, server side: ``wenfeng.server.trimPlan`` through the page's
WebSocket — the plan, the ticked cuts narrowed to their edits, and what the page shows when no
plan is possible."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(120)

URI = "untitled:草稿.txt"
WS = "ws://127.0.0.1:8740/lsp"
TRIM = "wenfeng.server.trimPlan"
DRAFT = (Path(__file__).parents[1] / "trim" / "drafts" / "15-请示-2010-10.txt").read_text("utf-8")


def _offset(text: str, position: dict) -> int:
    """An LSP position (UTF-16) → a code-point offset."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:position["line"]])
    line, units, index = lines[position["line"]], 0, 0
    while units < position["character"]:
        units += 2 if ord(line[index]) > 0xFFFF else 1
        index += 1
    return start + index


def _apply(text: str, edits: list[dict]) -> str:
    """Apply disjoint edits, last first, as the page does in one transaction."""
    spans = sorted(((_offset(text, e["range"]["start"]), _offset(text, e["range"]["end"]),
                     e["newText"]) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def test_the_page_gets_the_plan_and_the_ticked_cuts_count_true(client, lsp):
    with client.websocket_connect(WS) as ws:
        session = lsp(ws).start()
        session.open(URI, DRAFT)
        before = session.wait("wenfeng/stats", lambda p: p["complete"])["counts"]["words"]
        plan = session.command(TRIM, URI)["result"]
        assert plan["before"] == before > plan["limit"] == 1500
        safe = [c["id"] for c in plan["cuts"] if c["grade"] == "safe"]
        others = [c["id"] for c in plan["cuts"] if c["grade"] != "safe"]
        assert safe and others  # the panel pre-ticks the first, leaves the second to the drafter
        assert all(c["gradeLabel"] in ("安全", "较稳妥", "需斟酌") and c["context"]["text"]
                   for c in plan["cuts"])

        ticked = safe + others[:1]
        narrowed = session.command(TRIM, URI, "general", ticked)["result"]
        assert sorted(c["id"] for c in narrowed["cuts"]) == sorted(ticked)
        assert narrowed["version"] == plan["version"] and narrowed["before"] == before
        assert plan["after"] <= narrowed["after"] < before

        # the page applies the narrowed edits; the next check counts what the panel projected
        trimmed = _apply(DRAFT, narrowed["edits"])
        session.notify("textDocument/didChange", {
            "textDocument": {"uri": URI, "version": plan["version"] + 1},
            "contentChanges": [{"text": trimmed}]})
        stats = session.wait("wenfeng/stats", lambda p: p["complete"]
                             and p["version"] == plan["version"] + 1)
        assert stats["counts"]["words"] == narrowed["after"]


def test_within_the_limit_and_without_a_limit(client, lsp):
    short = "关于申请购置办公设备经费的请示\n市财政局：\n拟购置办公设备一批。\n妥否，请批示。\n"
    with client.websocket_connect(WS) as ws:
        session = lsp(ws).start()
        session.open(URI, short)
        session.wait("wenfeng/stats", lambda p: p["complete"])
        within = session.command(TRIM, URI)["result"]
        assert within["cuts"] == [] and "无需精简" in within["headline"]
        session.command("wenfeng.server.setDoctype", URI, "讲话")  # limited in minutes, not 字
        without = session.command(TRIM, URI)["result"]
        assert without["cuts"] == [] and without["error"]
