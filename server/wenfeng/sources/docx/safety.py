"""Refuse hostile or broken .docx files before python-docx ever parses them.

A .docx is a ZIP of XML parts, and people send us whatever has a .docx name: old .doc files,
password-protected files (an encrypted OLE container), truncated downloads, and occasionally
something built to hurt a parser (zip bombs, ``../`` entry names, XML entity expansion, absurdly
deep nesting).  Everything is checked here from the bytes and the ZIP directory, without
decompressing more than the declared budget, and each problem becomes one :class:`InputError`
line.  ``safe_package`` returns the bytes the caller then hands to python-docx, so the file that
was checked is the file that is parsed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ...errors import InputError

MAX_FILE_BYTES = 100 * 1024 * 1024        # on disk (images make real files big, not text)
MAX_TOTAL_UNCOMPRESSED = 300 * 1024 * 1024  # all entries together, as declared by the directory
MAX_ENTRIES = 5000
MAX_RATIO = 150                            # uncompressed / compressed, for entries over 1 MiB
RATIO_FLOOR = 1024 * 1024
MAX_XML_DEPTH = 256                        # libxml2's limit without XML_PARSE_HUGE (kept off)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OFFICE_DOCUMENT_REL = re.compile(r"/officeDocument$")
_OTHER_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": "启用宏的 Word 文档（.docm）",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        "Word 模板（.dotx）",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "Word 模板（.dotm）",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "Excel 表格（.xlsx）",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml":
        "PowerPoint 演示文稿（.pptx）",
}
_SAVE_AS = "请在 Word 或 WPS 中“另存为” .docx 后再检查"


# No entities, no DTD loading, no network, libxml2's size and depth limits left on.
_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _refuse(message: str, path: str) -> InputError:
    return InputError(message, path=path)


def _sniff_non_zip(data: bytes, path: str) -> None:
    """Name what the file really is when it is not a ZIP."""
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _refuse("文件有密码保护（已加密），无法读取；请去掉密码后另存一份再检查", path)
        if "WordDocument".encode("utf-16-le") in data:
            raise _refuse(f"这是旧版 Word 97-2003（.doc）文件，只是扩展名改成了 .docx；{_SAVE_AS}", path)
        raise _refuse(f"这是 OLE 复合文件（如 .doc、.wps、.xls），不是 .docx；{_SAVE_AS}", path)
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        raise _refuse("这是 PDF 文件，不是 .docx", path)
    if head.startswith(b"{\\rtf"):
        raise _refuse(f"这是 RTF 文件，不是 .docx；{_SAVE_AS}", path)
    low = head[:200].lower()
    if low.startswith((b"<?xml", b"<html", b"<!doctype html", b"\xef\xbb\xbf<")):
        raise _refuse(f"这是 XML/HTML 文件（可能是“单个文件网页”或 Word 2003 XML），不是 .docx；{_SAVE_AS}",
                      path)
    raise _refuse("不是有效的 .docx 文件（不是 ZIP 格式，可能已损坏或是改了扩展名的其他文件）", path)


def _check_directory(zf: zipfile.ZipFile, path: str) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _refuse(f"压缩包内条目过多（{len(infos)} 个），不像正常的 Word 文件", path)
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if (name.startswith(("/", "\\")) or "\\" in name or "\x00" in name or ".." in parts
                or re.match(r"^[A-Za-z]:", name)):
            raise _refuse(f"压缩包内有可疑的路径 “{name[:80]}”（路径穿越），拒绝读取", path)
        key = name.lower()
        if key in seen:
            raise _refuse(f"压缩包内有重名条目 “{name[:80]}”，文件结构异常", path)
        seen.add(key)
        if info.flag_bits & 0x1:
            raise _refuse("压缩包条目已加密，无法读取；请去掉密码后另存一份再检查", path)
        total += info.file_size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise _refuse(f"解压后内容过大（超过 {MAX_TOTAL_UNCOMPRESSED // 1024 // 1024} MB），"
                          "疑似压缩炸弹，拒绝读取", path)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            raise _refuse(f"条目 “{name[:60]}” 压缩比异常（{ratio}:1），疑似压缩炸弹，拒绝读取", path)


#: How an XML document may begin, in the encodings libxml2 detects (with or without a BOM).
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00",
               b"\x00\x00\x00<", b"\x00\x00\xfe\xff")


def _looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b" \t\r\n")[:4].startswith(_XML_STARTS)


def _scan_xml(data: bytes, name: str, path: str) -> etree._Element | None:
    """Parse one XML part without entities, DTDs or network, within libxml2's depth limit."""
    text = data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 parts are legal, if rare
        text = data.decode("utf-16", errors="ignore").encode("utf-8")
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        raise _refuse(f"部件 {name} 含 DOCTYPE/实体声明（Office 文件不应有），可能是恶意文件，拒绝读取", path)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():  # libxml2's own limit, without XML_PARSE_HUGE
            raise _refuse(f"部件 {name} 嵌套过深（超过 {MAX_XML_DEPTH} 层），拒绝读取", path) from None
        raise _refuse(f"部件 {name} 的 XML 已损坏（{str(exc)[:80]}）", path) from None
    # what the parser itself saw, in whatever encoding it accepted (UTF-16 without a BOM,
    # UTF-32 …): the byte search above only covers the common ones
    info = root.getroottree().docinfo if root is not None else None
    if info is not None and (info.doctype or info.internalDTD is not None):
        raise _refuse(f"部件 {name} 含 DOCTYPE/实体声明（Office 文件不应有），可能是恶意文件，拒绝读取", path)
    return root


def _read(zf: zipfile.ZipFile, name: str, path: str) -> bytes:
    try:
        return zf.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise _refuse(f"文件已损坏：压缩包条目 {name} 无法解压（{exc}）", path) from None


def _main_part(zf: zipfile.ZipFile, names: set[str], path: str) -> None:
    """The package must name a Word main document that exists, with the right content type."""
    for required in ("[Content_Types].xml", "_rels/.rels"):
        if required not in names:
            raise _refuse(f"文件不完整：缺少 {required}，不是有效的 .docx", path)
    rels = _scan_xml(_read(zf, "_rels/.rels", path), "_rels/.rels", path)
    target = None
    for rel in rels if rels is not None else ():
        if OFFICE_DOCUMENT_REL.search(rel.get("Type", "")) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            break
    if not target:
        raise _refuse("文件不完整：找不到正文部件（officeDocument 关系），不是有效的 .docx", path)
    part = posixpath.normpath(target.lstrip("/"))
    if part not in names:
        raise _refuse(f"文件不完整：缺少正文部件 {part}", path)
    types = _scan_xml(_read(zf, "[Content_Types].xml", path), "[Content_Types].xml", path)
    content_type = None
    for node in types if types is not None else ():
        tag = etree.QName(node).localname
        if tag == "Override" and node.get("PartName", "").lstrip("/") == part:
            content_type = node.get("ContentType")
            break
    if content_type is None:
        ext = part.rsplit(".", 1)[-1].lower()
        for node in types if types is not None else ():
            if (etree.QName(node).localname == "Default"
                    and node.get("Extension", "").lower() == ext):
                content_type = node.get("ContentType")
    if content_type != WML_MAIN:
        what = _OTHER_MAIN_TYPES.get(content_type or "")
        if what:
            raise _refuse(f"这是{what}，不是 .docx 文档；{_SAVE_AS}", path)
        raise _refuse(f"正文部件的类型不对（{content_type or '未声明'}），不是有效的 .docx", path)


def safe_package(path: Path) -> bytes:
    """Read ``path`` and run every check; return the bytes for python-docx."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(f"文件过大（{size // 1024 // 1024} MB），超过 "
                          f"{MAX_FILE_BYTES // 1024 // 1024} MB 的上限", name)
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(f"无法读取：{exc.strerror or exc}", name) from None
    if not data:
        raise _refuse("文件为空，没有可检查的内容", name)
    if not data.startswith(b"PK"):
        _sniff_non_zip(data, name)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError,
            NotImplementedError) as exc:
        raise _refuse(f"文件已损坏：ZIP 结构无法读取（{exc}）", name) from None
    with zf:
        _check_directory(zf, name)
        names = {info.filename for info in zf.infolist()}
        _main_part(zf, names, name)
        # every XML part python-docx may parse: no DTDs, bounded depth, well-formed
        for info in zf.infolist():
            if info.filename in ("[Content_Types].xml", "_rels/.rels") or info.is_dir():
                continue
            part = _read(zf, info.filename, name)
            # by name or by content: a part python-docx parses need not be named .xml
            if info.filename.lower().endswith((".xml", ".rels")) or _looks_like_xml(part):
                _scan_xml(part, info.filename, name)
    return data
