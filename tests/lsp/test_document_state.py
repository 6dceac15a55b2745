"""Stored per-document choices (wenfeng.editor_state): where they live, persistence, damage."""

from __future__ import annotations

import json
from pathlib import Path

from wenfeng.editor_state import STATE_FILE, DocumentState, state_dir

URI = "file:///公文/草稿.txt"


def test_state_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WENFENG_STATE_DIR", str(tmp_path / "explicit"))
    assert state_dir() == tmp_path / "explicit"
    monkeypatch.delenv("WENFENG_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "xdg" / "wenfeng"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "wenfeng"


def test_choices_persist_and_merge_between_instances(tmp_path):
    first, second = DocumentState(tmp_path), DocumentState(tmp_path)
    first.set_doctype(URI, "请示")
    second.add_ignore("file:///other.txt", "H201", "H201|a|尊敬的|b")  # another editor's write
    first.add_ignore(URI, "S301", "fp")
    first.add_ignore(URI, "S301", "fp")  # twice is once
    reread = DocumentState(tmp_path)
    assert reread.doctype(URI) == "请示"
    assert reread.ignores(URI) == {("S301", "fp")}
    assert reread.ignores("file:///other.txt") == {("H201", "H201|a|尊敬的|b")}
    reread.set_doctype(URI, None)
    reread.clear_ignores(URI)
    assert URI not in json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))["documents"]
    assert not list(tmp_path.glob("*.wenfeng-tmp"))  # written atomically, no leftovers


def test_a_damaged_file_is_set_aside_not_lost(tmp_path):
    (tmp_path / STATE_FILE).write_text("{not json", encoding="utf-8")
    state = DocumentState(tmp_path)
    assert state.doctype(URI) is None
    [aside] = tmp_path.glob(f"{STATE_FILE}.damaged-*")
    assert aside.read_text(encoding="utf-8") == "{not json"
    state.set_doctype(URI, "讲话")
    assert DocumentState(tmp_path).doctype(URI) == "讲话"


def test_an_unwritable_folder_keeps_the_choice_for_the_session(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    state = DocumentState(Path(blocker) / "sub")  # cannot create a folder under a file
    state.set_doctype(URI, "请示")
    assert state.doctype(URI) == "请示"
