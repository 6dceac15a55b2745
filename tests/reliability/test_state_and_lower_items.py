"""The language server's state file, and the lower items of issue 19 (items 8 and 9).

- ``documents.json`` that is not UTF-8, nested past the parser's limit or oversized is set
  aside and the server starts; the file stays bounded in bytes however long the URIs;
- the DOCTYPE guard sees what the XML parser sees: UTF-16 without BOM, UTF-32, a main part not
  named ``.xml``;
- a short GBK draft is read as GB18030, not refused as "疑似 cp949".
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from .hostile import run_cli
from .raw_lsp import RawClient, initialize, notify, request

DOCTYPE = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


# --- the state file ----------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b'{"documents": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                                     b'{"version": 1, "documents": {}}' + b" " * (3 * 1024 * 1024)])
def test_a_damaged_state_file_is_set_aside_and_the_server_starts(tmp_path, content):
    state = tmp_path / "state"
    state.mkdir()
    (state / "documents.json").write_bytes(content)
    c = RawClient.stdio({"WENFENG_STATE_DIR": str(state)})
    try:
        c.send(initialize(root=tmp_path))
        answer = c.answer(1)
        assert answer is not None and "result" in answer
        c.send(request(2, "shutdown"))
        assert c.answer(2) is not None
        c.send(notify("exit"))
        assert c.process.wait(20) == 0
    finally:
        c.stop()
    assert list(state.glob("documents.json.damaged-*")), "the damaged file was not set aside"


def test_state_file_is_bounded_in_bytes(tmp_path, monkeypatch):
    from wenfeng import editor_state as state_mod

    monkeypatch.setattr(state_mod, "MAX_BYTES", 200_000)  # (the real bound is 2 MB)
    st = state_mod.DocumentState(tmp_path)
    for i in range(20):
        st.set_doctype("file:///" + f"{i:02d}" + "x" * 1_000_000, "请示")  # 1 MB URIs
    for i in range(50):  # 50 × 6 KB: over the bound
        st.set_doctype(f"file:///drafts/{i}-" + "长" * 2000 + ".txt", "通知")
    size = st.path.stat().st_size
    assert size <= state_mod.MAX_BYTES, size
    again = state_mod.DocumentState(tmp_path)
    assert again.doctype("file:///drafts/49-" + "长" * 2000 + ".txt") == "通知"  # newest kept
    assert st.doctype("file:///00" + "x" * 1_000_000) == "请示"  # this session still knows it


def test_state_file_keeps_ignores_bounded(tmp_path, monkeypatch):
    from wenfeng import editor_state as state_mod

    monkeypatch.setattr(state_mod, "MAX_IGNORES", 30)
    st = state_mod.DocumentState(tmp_path)
    for i in range(state_mod.MAX_IGNORES + 50):
        st.add_ignore("file:///a.txt", "H201", f"fp{i}")
    assert len(json.loads(st.path.read_text(encoding="utf-8"))["documents"]["file:///a.txt"]["ignores"]) \
        == state_mod.MAX_IGNORES


# --- the DOCTYPE guard ------------------------------------------------------------------------

def _docx(tmp_path: Path, document: bytes, main: str = "word/document.xml") -> Path:
    content_types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                     'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                     'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                     '"application/xml"/><Override PartName="/' + main + '" ContentType="application/vnd.'
                     'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="' + main + '"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr(main, document)
    path = tmp_path / "x.docx"
    path.write_bytes(buf.getvalue())
    return path


def _document(encoding_name: str) -> str:
    return (f'<?xml version="1.0" encoding="{encoding_name}"?>{DOCTYPE}<w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>关于&x;的请示</w:t></w:r>'
            '</w:p></w:body></w:document>')


@pytest.mark.parametrize("codec, name", [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                         ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_doctype_in_any_encoding_is_refused(tmp_path, codec, name):
    path = _docx(tmp_path, _document(name).encode(codec))
    run = run_cli("check", str(path))
    assert run.code == 2 and len(run.err_lines) == 1, run.err
    assert "DOCTYPE" in run.err_lines[0] and "passwd" not in run.out


def test_doctype_in_a_main_part_not_named_xml_is_refused(tmp_path):
    path = _docx(tmp_path, _document("UTF-8").encode("utf-8"), main="word/document.bin")
    run = run_cli("check", str(path))
    assert run.code == 2 and len(run.err_lines) == 1, run.err
    assert "DOCTYPE" in run.err_lines[0]


# --- short GBK drafts ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["各位领导：", "请示：拟申请经费。", "妥否，请批示。", "关于召开会议的通知"])
def test_short_gbk_drafts_are_read(tmp_path, text):
    from wenfeng.sources import load_path

    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("gbk"))
    doc = load_path(path)
    assert doc.text == text and doc.encoding == "gb18030"


@pytest.mark.parametrize("data", ["Ceci n'est pas du chinois: café, élève".encode("latin-1"),
                                  "これは日本語の文章です。".encode("shift_jis")])
def test_short_non_chinese_files_are_still_refused(tmp_path, data):
    from wenfeng.errors import InputError
    from wenfeng.sources import load_path

    path = tmp_path / "other.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="无法识别文件编码"):
        load_path(path)
