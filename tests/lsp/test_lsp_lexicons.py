"""Extra lexicon folders from the editor settings: their rules (with links) apply, the
reloadLexicons command picks up edits, and a broken folder falls back to the built-in rules."""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI

pytestmark = pytest.mark.slow  # starts real language servers

RULE = '''group = "S"
title = "本单位用语"

[[rules]]
id = "S399"
kind = "existence"
level = "warning"
name = "本单位不用的套话"
terms = ["新篇章"]
boundary = "char"
message = "{message}"
source = "本单位文风规定第1条"
link = "https://example.org/wenfeng/S399"
[[rules.examples]]
bad = "谱写发展新篇章。"
good = "推动发展。"
'''
TEXT = QINGSHI.replace("我们认真落实", "谱写发展新篇章")


async def test_own_rules_with_links_and_reload(start, tmp_path):
    folder = tmp_path / "our-lexicons"
    (folder / "rules").mkdir(parents=True)
    rule_file = folder / "rules" / "ours.toml"
    rule_file.write_text(RULE.format(message="本单位不用“{found}”"), encoding="utf-8")
    s = await start(configuration={"lexiconPaths": [str(folder)]})
    uri = s.open("draft.txt", TEXT)
    [ours] = [d for d in await s.diagnostics(uri, 1) if d.code == "S399"]
    assert ours.message.startswith("本单位不用“新篇章”") and "本单位文风规定第1条" in ours.message
    assert ours.code_description.href == "https://example.org/wenfeng/S399"

    rule_file.write_text(RULE.format(message="请删去“{found}”"), encoding="utf-8")
    published = len(s.publications(uri))
    answer = await s.command("wenfeng.server.reloadLexicons")
    assert answer["rules"] > 50
    [ours] = [d for d in await s.diagnostics(uri, 1, after=published) if d.code == "S399"]
    assert ours.message.startswith("请删去“新篇章”")


async def test_a_missing_lexicon_folder_falls_back_to_the_built_in_rules(start, tmp_path):
    s = await start(configuration={"lexiconPaths": [str(tmp_path / "nowhere")]})
    uri = s.open("draft.txt", QINGSHI)
    assert any(d.code == "H201" for d in await s.diagnostics(uri, 1))
    [message] = await s.wait_for(lambda: s.client.messages)
    assert "已改用内置词库" in message.message and "nowhere" in message.message
