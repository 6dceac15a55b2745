"""Bad and hostile .docx files: one clear Chinese error each, exit 2 for that file, batch goes on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx_builders import body_xml, plain_docx, rewrite_part
from lxml import etree

import docx
from wenfeng.errors import InputError
from wenfeng.sources import load_path
from wenfeng.sources.docx import safety


def good(path: Path) -> Path:
    return plain_docx("关于开展检查的通知\n各单位：\n　　现将有关事项通知如下。", path)


def with_entries(path: Path, extra: dict[str, bytes], drop: set[str] = frozenset()) -> Path:
    data = good(path).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in drop:
                zout.writestr(info, zin.read(info.filename))
        for name, blob in extra.items():
            zout.writestr(name, blob)
    path.write_bytes(out.getvalue())
    return path


def refused(path: Path) -> str:
    with pytest.raises(InputError) as info:
        load_path(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    return message


def test_not_a_zip(tmp_path):
    path = tmp_path / "text.docx"
    path.write_text("这其实是纯文本", encoding="utf-8")
    assert "不是有效的 .docx" in refused(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert "文件为空" in refused(path)


def test_old_doc_renamed(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(safety.OLE_MAGIC + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    assert "Word 97-2003（.doc）" in refused(path)


def test_encrypted_ole(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(safety.OLE_MAGIC + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
                     + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600)
    assert "密码保护" in refused(path)


def test_pdf_and_rtf_named(tmp_path):
    pdf = tmp_path / "a.docx"
    pdf.write_bytes(b"%PDF-1.7\n...")
    assert "PDF" in refused(pdf)
    rtf = tmp_path / "b.docx"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    assert "RTF" in refused(rtf)


def test_truncated_zip(tmp_path):
    data = good(tmp_path / "g.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    assert "已损坏" in refused(path)


def test_zip_bomb_refused_from_directory_without_decompressing(tmp_path, monkeypatch):
    path = with_entries(tmp_path / "bomb.docx", {"word/media/zeros.bin": b"\0" * (20 * 1024 * 1024)})
    assert path.stat().st_size < 200_000

    def no_reading(*args, **kwargs):
        raise AssertionError("an entry was decompressed before the directory check")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    assert "压缩炸弹" in refused(path)


def test_total_uncompressed_budget(tmp_path, monkeypatch):
    path = good(tmp_path / "big.docx")
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 10_000)
    assert "解压后内容过大" in refused(path)


@pytest.mark.parametrize("name", ["../../evil.xml", "/etc/evil.xml", "word\\..\\evil.xml", "C:/x.xml"])
def test_path_traversal_entry_names(tmp_path, name):
    path = with_entries(tmp_path / "trav.docx", {name: b"<x/>"})
    assert "路径穿越" in refused(path)


def test_missing_main_part(tmp_path):
    path = with_entries(tmp_path / "nomain.docx", {}, drop={"word/document.xml"})
    assert "缺少正文部件 word/document.xml" in refused(path)


def test_missing_content_types(tmp_path):
    path = with_entries(tmp_path / "notypes.docx", {}, drop={"[Content_Types].xml"})
    assert "缺少 [Content_Types].xml" in refused(path)


def test_spreadsheet_renamed(tmp_path):
    path = good(tmp_path / "sheet.docx")
    rewrite_part(path, "[Content_Types].xml", lambda xml: xml.replace(
        "wordprocessingml.document.main+xml", "spreadsheetml.sheet.main+xml"))
    assert "Excel" in refused(path)


def test_entity_expansion_refused(tmp_path):
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    path = good(tmp_path / "laughs.docx")
    rewrite_part(path, "word/document.xml",
                 lambda xml: laughs + body_xml("<w:p><w:r><w:t>&c;</w:t></w:r></w:p>").split("?>", 1)[1])
    assert "DOCTYPE/实体" in refused(path)


def test_external_entity_refused(tmp_path):
    path = good(tmp_path / "xxe.docx")
    rewrite_part(path, "word/styles.xml", lambda xml: xml.replace(
        "?>", '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1))
    assert "DOCTYPE/实体" in refused(path)


def test_python_docx_parser_does_not_expand_entities():
    """Defence in depth: python-docx's own parser leaves entities unexpanded."""
    from docx.oxml.parser import oxml_parser

    root = etree.fromstring(b'<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', oxml_parser)
    assert "boom" not in etree.tostring(root).decode()


def test_deep_nesting(tmp_path):
    depth = 300
    inner = "<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>深</w:t></w:r></w:p>" \
        + "</w:sdtContent></w:sdt>" * depth
    path = good(tmp_path / "deep.docx")
    rewrite_part(path, "word/document.xml", lambda _: body_xml(inner))
    assert "嵌套过深" in refused(path)


def test_malformed_xml(tmp_path):
    path = good(tmp_path / "broken.docx")
    rewrite_part(path, "word/document.xml", lambda xml: xml[: len(xml) // 2])
    assert "XML 已损坏" in refused(path)


def test_no_text(tmp_path):
    path = tmp_path / "blank.docx"
    docx.Document().save(path)
    assert "没有可检查的文字" in refused(path)


def test_cli_batch_goes_on(tmp_path, capsys):
    from wenfeng.cli import main

    ok = good(tmp_path / "ok.docx")
    bad1 = tmp_path / "bad1.docx"
    bad1.write_text("not a zip", encoding="utf-8")
    bad2 = tmp_path / "bad2.docx"
    bad2.write_bytes(safety.OLE_MAGIC + b"\0" * 600 + "WordDocument".encode("utf-16-le"))
    code = main(["check", str(bad1), str(ok), str(bad2), "--fail-on", "error"])
    out, err = capsys.readouterr()
    assert code == 2
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 2 and str(bad1) in lines[0] and str(bad2) in lines[1]
    assert "Traceback" not in err
    assert "ok.docx" in out  # the good file was still checked
