"""Settings: initializationOptions, workspace/configuration, didChangeConfiguration and
wenfeng.toml, their precedence, and invalid values (a message, then the default)."""

from __future__ import annotations

import pytest
from lsp_session import QINGSHI, long_qingshi
from lsprotocol import types

pytestmark = pytest.mark.slow  # starts real language servers


def codes(diagnostics):
    return {d.code for d in diagnostics}


async def test_precedence_toml_then_init_options_then_configuration(start, tmp_path):
    (tmp_path / "ws" / "wenfeng.toml").write_text('[rules]\nH = false\n', encoding="utf-8")
    s = await start(init_options={"settings": {"rules": {"V": False}}})
    uri = s.open("draft.txt", QINGSHI.replace("为加强", "要进一步加强"))
    assert not {"H201", "V407"} & codes(await s.diagnostics(uri, 1))  # toml and init options

    s = await start(init_options={"settings": {"rules": {"H": True}}})  # init beats toml
    uri = s.open("draft.txt", QINGSHI)
    assert "H201" in codes(await s.diagnostics(uri, 1))

    s = await start(init_options={"settings": {"rules": {"H": True}}},
                    configuration={"rules": {"H201": False}})  # configuration beats init
    uri = s.open("draft.txt", QINGSHI)
    assert "H201" not in codes(await s.diagnostics(uri, 1))


async def test_did_change_configuration_rechecks_open_documents(start):
    s = await start()
    uri = s.open("draft.txt", long_qingshi(1600))
    assert "L101" in codes(await s.diagnostics(uri, 1))
    published = len(s.publications(uri))
    s.client.set_configuration({"limits": {"请示": {"words": {"general": 3000}}}}, section="wenfeng")
    s.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert "L101" not in codes(await s.diagnostics(uri, 1, after=published))
    await s.stats(uri, lambda st: st["limits"][0]["general"] == 3000)


async def test_pushed_settings_for_clients_that_cannot_be_asked(start):
    s = await start("neovim@v0.7.0")  # its capabilities do not offer workspace/configuration
    assert not s.client.capabilities.workspace.configuration
    uri = s.open("draft.txt", QINGSHI)
    assert "H201" in codes(await s.diagnostics(uri, 1))
    published = len(s.publications(uri))
    s.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"wenfeng": {"rules": {"H": False}}}))
    assert "H201" not in codes(await s.diagnostics(uri, 1, after=published))


async def test_invalid_values_are_reported_and_fall_back_key_by_key(start):
    s = await start(init_options={"settings": {"speakingRate": 999, "rules": {"H": False},
                                               "profile": "no-such-profile", "colour": "red"}})
    uri = s.open("draft.txt", QINGSHI)
    assert "H201" not in codes(await s.diagnostics(uri, 1))  # the valid key still applies
    stats = await s.stats(uri)
    assert (stats["profile"], stats["counts"]["rate"]) == ("jingzhou-2019", 200)
    shown = "\n".join(m.message for m in await s.wait_for(lambda: len(s.client.messages) >= 3
                                                           and s.client.messages))
    assert "speakingRate" in shown and "120–300" in shown
    assert "no-such-profile" in shown and "colour" in shown


async def test_broken_wenfeng_toml_is_reported_and_skipped(start, tmp_path):
    (tmp_path / "ws" / "wenfeng.toml").write_text('[rules\nH = false\n', encoding="utf-8")
    s = await start()
    uri = s.open("draft.txt", QINGSHI)
    assert "H201" in codes(await s.diagnostics(uri, 1))
    [message] = await s.wait_for(lambda: s.client.messages)
    assert "wenfeng.toml" in message.message and message.type == types.MessageType.Warning


async def test_languages_setting_selects_documents(start):
    s = await start(configuration={"languages": ["markdown"], "debounceMs": 0})
    md = s.open("draft.md", "# 关于申请专项经费的请示\n\n尊敬的各位领导，我们认真落实。\n", language="markdown")
    txt = s.open("draft.txt", QINGSHI)
    assert "H201" in codes(await s.diagnostics(md, 1))
    await s.stats(md)
    assert s.publications(txt) == [] and all(st["uri"] == md for st in s.rec.stats)
