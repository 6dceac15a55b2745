"""``wenfeng check``/``stats`` read the editor's state file (wenfeng.editor_state) but never
change it; the same file reached by another path is the same entry."""

from __future__ import annotations

import os

from wenfeng.editor_state import STATE_FILE, DocumentState, path_key, state_dir

QINGSHI = "关于申请专项经费的请示\n市政府：\n为加强管理，尊敬的各位领导，我们认真落实。\n妥否，请批示。\n"


def test_a_choice_stored_under_the_resolved_path_applies_through_a_symlink(tmp_path, run_cli):
    draft = tmp_path / "draft.txt"
    draft.write_text(QINGSHI, encoding="utf-8")
    os.symlink(draft, tmp_path / "link.txt")
    DocumentState().set_doctype(path_key(draft), "函")
    code, out, err = run_cli("stats", str(tmp_path / "link.txt"), "-v")
    assert out.startswith(f"{tmp_path / 'link.txt'}: 函")
    assert "沿用编辑器中的选择：文种“函”" in err


def test_a_damaged_state_file_is_left_alone_and_the_check_goes_on(tmp_path, run_cli):
    draft = tmp_path / "draft.txt"
    draft.write_text(QINGSHI, encoding="utf-8")
    state_dir().mkdir(parents=True)
    damaged = state_dir() / STATE_FILE
    damaged.write_bytes(b"{not json")
    code, out, err = run_cli("check", str(draft), "-v")
    assert code == 1 and " H201 " in out and "沿用编辑器" not in err
    assert damaged.read_bytes() == b"{not json"
    assert sorted(p.name for p in state_dir().iterdir()) == [STATE_FILE]


def test_a_stored_name_this_version_does_not_know_is_passed_over(tmp_path, run_cli):
    draft = tmp_path / "draft.txt"
    draft.write_text(QINGSHI, encoding="utf-8")
    DocumentState().set_doctype(path_key(draft), "备忘录")  # written by some other version
    code, out, err = run_cli("check", str(draft), "-v")
    assert code == 1 and out.startswith(f"{draft}: 请示（标题识别）")
    assert "沿用编辑器" not in err
