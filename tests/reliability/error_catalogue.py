"""Every error message the ``wenfeng`` command can print: its cause, what to do, and how to make
it happen (each scenario is run by ``test_errors.py``).

``skeleton`` is the message as written in the source with each formatted part replaced by "…";
``test_errors.py`` scans the source and fails when a message is missing here (or listed here but
gone), so the README table generated from this file stays complete.

A scenario is a small function ``(w: World) -> Case`` that builds files in a temporary folder and
says which command to run and which file the error line must name.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .hostile import _patch_size, document_xml, write_bomb_entry, write_docx

SPEECH = "在全市工作会议上的讲话\n尊敬的各位领导、同志们：\n今天召开会议，进行研究部署。\n"
CLEAN = "关于申请经费的请示\n市政府：\n为做好防汛工作，拟申请经费20万元。\n妥否，请批示。\n"


@dataclass
class Case:
    argv: list[str]
    names: list[str] = field(default_factory=list)   # strings the error line must contain
    code: int = 2
    patch: Callable | None = None                     # patch(monkeypatch) before running


class World:
    """A temporary folder with helpers to write drafts, configs and lexicons."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def file(self, name: str, data: bytes | str = CLEAN) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    def check(self, name: str, data: bytes | str = CLEAN, *extra: str) -> Case:
        """``wenfeng check FILE``; the error line names FILE."""
        path = self.file(name, data)
        return Case(["check", *extra, str(path)], [str(path)])

    def config(self, toml: str) -> Case:
        """A draft under a wenfeng.toml; the error line names the wenfeng.toml."""
        cfg = self.file("wenfeng.toml", toml)
        draft = self.file("d.txt")
        return Case(["check", str(draft)], [str(cfg)])

    def rule(self, table: str, extra_files: dict[str, str] | None = None) -> Case:
        """A user lexicon with one rule file; the error line names that file."""
        path = self.file("lex/rules/mine.toml", table)
        for name, text in (extra_files or {}).items():
            self.file(f"lex/{name}", text)
        self.file("wenfeng.toml", 'lexicons = ["lex"]\n')
        draft = self.file("d.txt")
        return Case(["check", str(draft)], [str(path)])

    def profile(self, toml: str) -> Case:
        path = self.file("lex/profiles/mine.toml", toml)
        self.file("lex/rules/.keep", "")
        self.file("wenfeng.toml", 'lexicons = ["lex"]\n')
        draft = self.file("d.txt")
        return Case(["check", str(draft)], [str(path)])

    def docx(self, name: str = "speech.docx", text: str = SPEECH) -> Path:
        import docx

        d = docx.Document()
        for line in text.splitlines():
            d.add_paragraph(line)
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        d.save(path)
        return path

    def zipped(self, name: str, **kwargs) -> Case:
        path = write_docx(self.root / name, **kwargs)
        return Case(["check", str(path)], [str(path)])


def rule(body: str, kind: str = "existence", examples: str = '[[rules.examples]]\nbad = "老总"\n',
         header: str = "") -> str:
    """A rule table; ``body`` holds the kind's keys."""
    return (f'{header}[[rules]]\nid = "Z901"\nkind = "{kind}"\nlevel = "info"\nname = "测试"\n'
            f'message = "x"\nsource = "本单位"\n{body}\n{examples}')


PROFILE = ('name = "mine"\ntitle = "本单位"\nsource = "本单位规定"\n'
           '[limits."请示"]\nwords = {{ {limit} }}\n')


def _groups(w: World, toml: str) -> Case:
    """A lexicon folder whose groups.toml is ``toml``."""
    path = w.file("lex/groups.toml", toml)
    w.file("lex/rules/.keep", "")
    w.file("wenfeng.toml", 'lexicons = ["lex"]\n')
    return Case(["check", str(w.file("d.txt"))], [str(path)])


def _ole(marker: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + marker.encode("utf-16-le") + b"\0" * 64


def _content_types(main_type: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            f'ContentType="{main_type}"/></Types>')


def _rels(target: str = "word/document.xml", kind: str = "officeDocument") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/{kind}" Target="{target}"/></Relationships>')


def _without(w: World, name: str, missing: str) -> Case:
    path = w.root / name
    write_docx(path)
    data = zipfile.ZipFile(path)
    entries = {i.filename: data.read(i.filename) for i in data.infolist() if i.filename != missing}
    data.close()
    with zipfile.ZipFile(path, "w") as zf:
        for entry, content in entries.items():
            zf.writestr(entry, content)
    return Case(["check", str(path)], [str(path)])


def _duplicate(w: World) -> Case:
    import warnings

    path = write_docx(w.root / "dup.docx")
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as zf:
        warnings.simplefilter("ignore")
        zf.writestr("word/document.xml", document_xml("重复"))
    return Case(["check", str(path)], [str(path)])


def _encrypted_entry(w: World) -> Case:
    path = write_docx(w.root / "enc.docx")
    data = bytearray(path.read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:  # set the "encrypted" flag bit of every entry in the central directory
        data[pos + 8] |= 0x1
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    return Case(["check", str(path)], [str(path)])


def _declared_total(w: World) -> Case:
    """301 entries each declared at 1 MiB (small enough to escape the ratio test): 301 MiB."""
    path = write_docx(w.root / "total.docx")
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(301):
            zf.writestr(f"word/media/p{i}.bin", bytes(range(256)) * 8)
    for i in range(301):
        _patch_size(path, f"word/media/p{i}.bin", 1 << 20)
    return Case(["check", str(path)], [str(path)])


def _many_entries(w: World) -> Case:
    path = write_docx(w.root / "many.docx")
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(5100):
            zf.writestr(f"customXml/item{i}.bin", b"")
    return Case(["check", str(path)], [str(path)])


def _fifo(w: World) -> Case:
    path = w.root / "pipe.txt"
    os.mkfifo(path)
    return Case(["check", str(path)], [str(path)])


def _too_big(w: World) -> Case:
    path = w.root / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    return Case(["check", str(path)], [str(path)])


def _unreadable(w: World) -> Case:
    path = w.file("d.txt")

    def patch(mp):
        def denied(self):
            raise PermissionError(13, "Permission denied")
        mp.setattr(Path, "read_bytes", denied)
    return Case(["check", str(path)], [str(path), "Permission denied"], patch=patch)


def _config_not_utf8(w: World) -> Case:
    case = w.config("")
    w.file("wenfeng.toml", b"profile = '\xff\xfe'\n")
    return case


def _allowlist_not_utf8(w: World) -> Case:
    w.rule(rule('terms = ["老总"]'))
    bad = w.file("lex/allowlists/bad.txt", b"\xff\xfe\x00")
    return Case(["check", str(w.root / "d.txt")], [str(bad)])


def _interrupted(w: World) -> Case:
    path = w.file("d.txt")

    def patch(mp):
        from wenfeng import api

        def interrupted(*a, **k):
            raise KeyboardInterrupt
        mp.setattr(api, "check_path", interrupted)
    return Case(["check", str(path)], [], code=130, patch=patch)


def _internal_error(w: World) -> Case:
    path = w.file("d.txt")

    def patch(mp):
        from wenfeng import api

        def defect(*a, **k):
            raise OverflowError("cannot convert float infinity to integer")
        mp.setattr(api, "check_path", defect)
    return Case(["check", str(path)], [str(path)], patch=patch)


class _FakeOs:
    """``os`` as ``wenfeng.files`` sees it, with some calls replaced (the rest are the real ones)."""

    def __init__(self, **replaced) -> None:
        self.__dict__.update(replaced)

    def __getattr__(self, name):
        return getattr(os, name)


def _write_patch(**replaced):
    def patch(mp):
        from wenfeng import files

        mp.setattr(files, "os", _FakeOs(**replaced))
    return patch


def _denied(*a, **k):
    raise PermissionError(1, "Operation not permitted")


def _other_owner(w: World) -> Case:
    path = w.file("speech.txt", SPEECH)

    def fstat(fd):  # the new file is ours, the draft another user's
        st = os.fstat(fd)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid + 1,
                               st.st_gid, st.st_size, st.st_atime, st.st_mtime, st.st_ctime))
    return Case(["check", "--fix", str(path)], [str(path)], patch=_write_patch(fchown=_denied, fstat=fstat))


def _xattr_lost(w: World) -> Case:
    path = w.file("speech.txt", SPEECH)
    return Case(["check", "--fix", str(path)], [str(path)], patch=_write_patch(
        listxattr=lambda p: [] if isinstance(p, int) else ["user.origin"],
        getxattr=lambda p, n: b"x", setxattr=_denied))


def _read_only(w: World) -> Case:
    path = w.file("speech.txt", SPEECH)
    path.chmod(0o444)
    return Case(["check", "--fix", str(path)], [str(path)])


def _hard_link(w: World) -> Case:
    path = w.file("speech.txt", SPEECH)
    os.link(path, w.root / "link.txt")
    return Case(["check", "--fix", str(path)], [str(path)])


def _fifo_output(w: World) -> Case:
    os.mkfifo(w.root / "out.docx")
    return Case(["check", "--annotate", str(w.root / "out.docx"), "--force", str(w.docx())],
                [str(w.root / "speech.docx")])


def _fifo_in_lexicon(w: World) -> Case:
    case = w.rule(rule('terms = ["老总"]'))
    os.mkfifo(w.root / "lex" / "rules" / "pipe.toml")  # would block the read for ever
    return Case(case.argv, [str(w.root / "lex" / "rules" / "pipe.toml")])


def _dictionary_to_dev_zero(w: World) -> Case:
    case = w.rule(rule('terms = ["老总"]'))
    (w.root / "lex" / "dicts").mkdir()
    (w.root / "lex" / "dicts" / "words.txt").symlink_to("/dev/zero")  # would fill memory
    return Case(case.argv, [str(w.root / "lex" / "dicts" / "words.txt")])


def _saved_while_checked(path: Path, text: str):
    """A patch: the file is saved again (an editor's save) right after wenfeng checked it."""
    def patch(mp):
        from wenfeng import api

        real = api.check_document

        def then_saved(*a, **k):
            report = real(*a, **k)
            path.write_text(text + "新的一段。\n", encoding="utf-8")
            return report
        mp.setattr(api, "check_document", then_saved)
    return patch


def _changed_during_fix(w: World) -> Case:
    path = w.file("d.txt", SPEECH)
    return Case(["check", "--fix", str(path)], [str(path)], patch=_saved_while_checked(path, SPEECH))


def _changed_before_annotate(w: World) -> Case:
    src = w.docx()
    out = w.root / "out.docx"

    def patch(mp):
        from wenfeng import api

        real = api.check_document

        def then_saved(*a, **k):
            report = real(*a, **k)
            w.docx(text=SPEECH + "新的一段。\n")
            return report
        mp.setattr(api, "check_document", then_saved)
    return Case(["check", "--annotate", str(out), str(src)], [str(src)], patch=patch)


def _write_fails(err: int, what: str):
    def scenario(w: World) -> Case:
        path = w.file("d.txt", SPEECH)

        def patch(mp):
            import tempfile

            from wenfeng import files

            def fail(*a, **k):
                raise OSError(err, os.strerror(err))
            if what == "mkstemp":
                mp.setattr(tempfile, "mkstemp", fail)
            else:
                mp.setattr(files.os, "replace", fail)
        return Case(["check", "--fix", str(path)], [str(path)], patch=patch)
    return scenario


def _annotate_write_fails(w: World) -> Case:
    src = w.docx()
    out = w.root / "out.docx"

    def patch(mp):
        from pathlib import Path as P

        real_mkdir = P.mkdir

        def fail(self, *a, **k):
            if self == out.parent:
                raise PermissionError(13, "Permission denied")
            return real_mkdir(self, *a, **k)
        mp.setattr(P, "mkdir", fail)
    return Case(["check", "--annotate", str(out), str(src)], [str(src), str(out)], patch=patch)


def _no_builtin_lexicons(w: World) -> Case:
    def patch(mp):
        from wenfeng import datafiles
        from wenfeng.rules import engine

        mp.delenv("WENFENG_BUILTIN_LEXICONS", raising=False)
        mp.setattr(datafiles, "__file__", str(w.root / "a" / "b" / "datafiles.py"))
        mp.setattr(engine, "_ENGINES", {})
    return Case(["rules"], [], patch=patch)


def _no_default_profile(w: World) -> Case:
    w.file("builtin/rules/.keep", "")

    def patch(mp):
        from wenfeng.rules import engine

        mp.setenv("WENFENG_BUILTIN_LEXICONS", str(w.root / "builtin"))
        mp.setattr(engine, "_ENGINES", {})
    return Case(["rules"], [str(w.root / "builtin")], patch=patch)


def _docx_structure_error(w: World) -> Case:
    src = w.docx()

    def patch(mp):
        from wenfeng.sources import docx as docx_source

        def broken(*a, **k):
            raise ValueError("unexpected element")
        mp.setattr(docx_source, "document_from", broken)
    return Case(["check", str(src)], [str(src)], patch=patch)


def _docx_parse_error(w: World) -> Case:
    src = w.docx()

    def patch(mp):
        import docx

        def broken(*a, **k):
            raise KeyError("word/document.xml")
        mp.setattr(docx, "Document", broken)
    return Case(["check", str(src)], [str(src)], patch=patch)


def _directory_via_api(w: World) -> Case:
    """The CLI expands folders; an editor or the API may still hand one over."""
    folder = w.root / "folder.txt"
    folder.mkdir()
    return Case(["api", str(folder)], [str(folder)])


# an over-limit 专项报告 with 套话 to cut, for the ``wenfeng trim`` scenarios
TRIM_DRAFT = ("关于排查工作情况的报告\n\n市人民政府：\n"
              + "各单位要切实提高认识，高度重视，认真组织开展安全生产大检查，全面排查整治各类隐患。\n" * 70
              + "特此报告。\n")


def _trim_docx(w: World, name: str = "report.docx") -> Path:
    return w.docx(name, TRIM_DRAFT)


def _web_without_uvicorn(w: World) -> Case:
    def patch(mp):
        import sys

        mp.setitem(sys.modules, "uvicorn", None)  # import uvicorn → ImportError
    return Case(["web", "--port", "65000"], ["uvicorn"], patch=patch)


def _trim_changed(w: World) -> Case:
    path = w.file("report.txt", TRIM_DRAFT)
    return Case(["trim", "--apply", str(path)], [str(path)],
                patch=_saved_while_checked(path, TRIM_DRAFT))


def _trim_docx_changed(w: World) -> Case:
    src = _trim_docx(w)

    def patch(mp):
        from wenfeng import api

        real = api.check_document

        def then_saved(*a, **k):
            report = real(*a, **k)
            w.docx(src.name, TRIM_DRAFT + "新的一段。\n")
            return report
        mp.setattr(api, "check_document", then_saved)
    return Case(["trim", "--apply", str(src)], [str(src)], patch=patch)


def _typo_list(name: str, data: str | bytes):
    """A user lexicon with a typos/ list; the error line names that list."""
    def scenario(w: World) -> Case:
        path = w.file(f"lex/typos/{name}", data)
        # a typo rule reads the lists (the tests' built-in lexicons have none)
        w.file("lex/rules/mine.toml", rule('checks = ["list"]\ngrade = "必错"', kind="typo",
                                           examples='[[rules.examples]]\ngood = "安排"\n'))
        w.file("wenfeng.toml", 'lexicons = ["lex"]\n')
        return Case(["check", str(w.file("d.txt"))], [str(path)])
    return scenario


_TYPO_ENTRY = 'id = "MY-1"\nwrong = "按排"\nsuggestion = "安排"\n'


def _trim_lexicon(name: str, toml: str):
    def scenario(w: World) -> Case:
        path = w.file(f"lex/trim/{name}", toml)
        w.file("lex/rules/.keep", "")
        w.file("wenfeng.toml", 'lexicons = ["lex"]\n')
        return Case(["trim", str(w.file("report.txt", TRIM_DRAFT))], [str(path)])
    return scenario


@dataclass
class Entry:
    skeleton: str
    cause: str
    action: str
    scenarios: tuple[Callable[[World], Case], ...]
    group: str = ""


def E(group: str, skeleton: str, cause: str, action: str, *scenarios) -> Entry:
    return Entry(skeleton, cause, action, tuple(scenarios), group)


A, F, W, D, C, L, R = "命令行", "读取文件", "写回文件（--fix）", "Word 文件（.docx）", "配置（wenfeng.toml）", "词库", "规则"
T = "压到限额（wenfeng trim）"

ENTRIES: list[Entry] = [
    # -- the command line ------------------------------------------------------------------
    E(A, "用法错误：…（wenfeng --help 查看用法）", "命令或选项写错、缺少文件参数", "按提示改正命令，或运行 wenfeng --help",
      lambda w: Case(["check"], [])),
    E(A, "没有规则 …（wenfeng rules 列出全部）", "wenfeng explain 的规则编号不存在", "用 wenfeng rules 查看编号",
      lambda w: Case(["explain", "Z999"], ["Z999"])),
    E(A, "已中断", "按了 Ctrl+C（退出码 130）", "重新运行；--fix 中断时原文件不会半写", _interrupted),
    E(A, "文件不存在", "路径写错或文件已移走", "检查路径（相对路径从当前文件夹算起）",
      lambda w: Case(["check", str(w.root / "missing.txt")], [str(w.root / "missing.txt")])),
    E(A, "文件夹中没有可检查的 .txt、.md 或 .docx 文件", "给的文件夹里没有这三类文件（隐藏文件夹和 ~$ 临时文件不算）",
      "换成放草稿的文件夹，或直接给出文件",
      lambda w: (w.root.joinpath("empty").mkdir(), Case(["check", str(w.root / "empty")], [str(w.root / "empty")]))[1]),
    E(A, "检查此文件时出现内部错误（…：…），已跳过；请报告问题", "wenfeng 自身的缺陷（只影响这一个文件，其余文件照常检查）",
      "把出错的文件和这一行报告给维护者", _internal_error),
    # -- reading a draft -------------------------------------------------------------------
    E(F, "这是文件夹，不是文件", "编辑器或程序接口把文件夹当文件传入（命令行会展开文件夹）", "传入文件路径",
      _directory_via_api),
    E(F, "不是普通文件（管道、设备等），无法检查", "路径是命名管道、设备或指向它们的链接", "先把内容保存成普通文件再检查", _fifo),
    E(F, "文件过大（… MB），超过 … MB 的上限", "文本文件超过 20 MB（公文极少超过 1 MB）", "确认选对了文件；必要时拆分后检查",
      _too_big),
    E(F, "无法读取：…", "没有读权限、磁盘错误，或词库/配置文件不是 UTF-8", "检查文件权限；词库和 wenfeng.toml 请存为 UTF-8",
      _unreadable, _config_not_utf8, _allowlist_not_utf8, _fifo_in_lexicon, _dictionary_to_dev_zero),
    E(F, "文件为空，没有可检查的内容", "文件是 0 字节", "确认保存了内容", lambda w: w.check("empty.txt", b""),
      lambda w: w.check("empty.docx", b"")),
    E(F, "文件只有空白，没有可检查的内容", "文件里只有空格、制表符和换行", "确认保存了内容",
      lambda w: w.check("blank.txt", b"  \n\t\r\n")),
    E(F, "文件以 … 标记开头，但第 … 字节处无法按 … 解码", "文件开头有 UTF-8/UTF-16 字节顺序标记，后面内容却不是该编码（文件损坏或拼接）",
      "用编辑器以正确编码打开并另存为 UTF-8", lambda w: w.check("bom.txt", b"\xef\xbb\xbf" + "关于".encode() + b"\xff\xfe\xfd")),
    E(F, "这是二进制文件，不是文本（可检查 .txt、.md、.docx）", "文件含 NUL 字节：图片、压缩包、.doc 等改了扩展名",
      "Word 文件请另存为 .docx", lambda w: w.check("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")),
    E(F, "看起来是 … 编码，但第 … 字节处无法解码", "像 GB18030/Big5 的文件中夹有损坏的字节", "用编辑器打开，修正乱码处后另存为 UTF-8",
      # the guess looks at the first 200 KB; the damage is after it
      lambda w: w.check("gbk.txt", ("关于进一步加强财政资金管理工作的请示。各区县人民政府，市政府各部门："
                                    "为规范财政资金使用，提高资金效益，现就有关事项请示如下。\n" * 1700).encode("gbk") + b"\xff")),
    E(F, "无法识别文件编码：第 … 字节起不是 UTF-8，也不像 GB18030/GBK…；请另存为 UTF-8 后再检查",
      "既不是 UTF-8 也不像中文编码（如 Latin-1、Shift-JIS）", "另存为 UTF-8",
      lambda w: w.check("latin.txt", "Ceci n'est pas du chinois: café, élève, où".encode("latin-1"))),
    E(F, "文件含大量控制字符，不像文本文件", "解码后大部分是控制字符：二进制文件改了扩展名", "确认选对了文件",
      lambda w: w.check("ctl.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + "关于".encode())),
    # -- writing fixes back ----------------------------------------------------------------
    E(W, "--fix 不改写 .docx；请用 --annotate 输出副本 --apply-fixes", "对 Word 文件用了 --fix", "用 --annotate 输出副本 --apply-fixes",
      lambda w: Case(["check", "--fix", str(w.docx())], [str(w.root / "speech.docx")])),
    E(W, "检查期间文件已被修改，未写入修改（以免覆盖新内容）；请重新运行 --fix", "检查的同时文件被另存（如编辑器保存）",
      "重新运行 --fix；文件保留的是较新的内容", _changed_during_fix),
    E(W, "修改后的文字含“…”，无法用原文件的编码 … 保存，原文件未改动；请先另存为 UTF-8",
      "原文件是 Big5 等编码，修改要写入的字在该编码中没有", "把原文件另存为 UTF-8 后再 --fix",
      lambda w: Case(["check", "--fix", str(w.file("big5.txt", (
          "關於加強財政管理工作的報告\n各區縣人民政府：\n為進一步加強財政管理，現將有關事項報告如下。"
          "律師為被告人進行辨护，本市財政收入穩定增長，各項支出得到保障，社會事業持續發展。\n特此報告。\n"
      ).encode("big5hkscs")))], [str(w.root / "big5.txt")])),
    E(W, "无法写入：…", "文件夹没有写权限（写回时先在同一文件夹建临时文件）", "给文件夹写权限，或复制到可写位置再 --fix",
      _write_fails(13, "mkstemp")),
    E(W, "写入失败，原文件未改动：…", "写临时文件或替换时出错（磁盘满、I/O 错误）", "腾出磁盘空间后重试；原文件完好",
      _write_fails(5, "replace")),
    E(W, "文件是只读的，未写入修改；确需修改请先取消只读属性", "文件设了只读（没有写权限）：只读常表示定稿或归档，不应被改动",
      "确需修改时先取消只读（chmod u+w）再 --fix", _read_only),
    E(W, "文件有 … 个硬链接，写回会断开它们，未写入修改；请用 --diff 查看修改后手工改",
      "同一文件有多个名字（硬链接），写回会让它们各成一份", "用 --diff 看改动后手工修改", _hard_link),
    E(W, "文件属于其他用户或用户组，写回会改变其所有者，未写入修改", "以其他身份（如 root）修改别人的文件，而所有者无法保留",
      "以文件所有者的身份运行 --fix", _other_owner),
    E(W, "文件的扩展属性 … 无法保留，未写入修改", "文件带有扩展属性（如标签、访问控制），新文件上无法设置",
      "以有权限的身份运行，或用 --diff 查看后手工修改", _xattr_lost),
    E(W, "不是普通文件（管道、设备或文件夹），拒绝写入", "要写的位置是命名管道、设备或指向它们的链接", "换一个普通文件名",
      _fifo_output),
    # -- .docx -------------------------------------------------------------------------------
    E(D, "文件有密码保护（已加密），无法读取；请去掉密码后另存一份再检查", "Word 文件设了打开密码", "在 Word 中去掉密码后另存",
      lambda w: w.check("pw.docx", _ole("EncryptedPackage"))),
    E(D, "这是旧版 Word 97-2003（.doc）文件，只是扩展名改成了 .docx；…", ".doc 文件被改名为 .docx", "在 Word/WPS 中另存为 .docx",
      lambda w: w.check("old.docx", _ole("WordDocument"))),
    E(D, "这是 OLE 复合文件（如 .doc、.wps、.xls），不是 .docx；…", "其他 Office 旧格式改了扩展名", "另存为 .docx",
      lambda w: w.check("ole.docx", _ole("Workbook"))),
    E(D, "这是 PDF 文件，不是 .docx", "PDF 改了扩展名", "用原始 Word 文件，或把 PDF 转成 .docx", lambda w: w.check("p.docx", b"%PDF-1.7\n")),
    E(D, "这是 RTF 文件，不是 .docx；…", "RTF 改了扩展名", "另存为 .docx", lambda w: w.check("r.docx", b"{\\rtf1\\ansi x}")),
    E(D, "这是 XML/HTML 文件（可能是“单个文件网页”或 Word 2003 XML），不是 .docx；…", "网页或 Word 2003 XML 改了扩展名", "另存为 .docx",
      lambda w: w.check("x.docx", b"<?xml version='1.0'?><w:wordDocument/>")),
    E(D, "不是有效的 .docx 文件（不是 ZIP 格式，可能已损坏或是改了扩展名的其他文件）", "文件不是 ZIP（.docx 的容器）", "重新下载或另存",
      lambda w: w.check("t.docx", "关于测试的请示\n")),
    E(D, "文件已损坏：ZIP 结构无法读取（…）", "下载不完整或文件截断", "重新下载或另存", lambda w: w.check("z.docx", b"PK\x03\x04" + b"\0" * 40)),
    E(D, "压缩包内条目过多（… 个），不像正常的 Word 文件", "ZIP 中条目超过 5000 个", "确认文件来源；正常 Word 文件不会这样", _many_entries),
    E(D, "压缩包内有可疑的路径 “…”（路径穿越），拒绝读取", "ZIP 条目名含 ../、绝对路径或盘符（恶意文件的特征）", "不要打开此文件；向来源核实",
      lambda w: w.zipped("trav.docx", extra={"../../evil.xml": "<x/>"})),
    E(D, "压缩包内有重名条目 “…”，文件结构异常", "ZIP 中同名条目出现两次", "在 Word 中打开后另存", _duplicate),
    E(D, "压缩包条目已加密，无法读取；请去掉密码后另存一份再检查", "ZIP 条目加密", "去掉密码后另存", _encrypted_entry),
    E(D, "解压后内容过大（超过 … MB），疑似压缩炸弹，拒绝读取", "ZIP 声明的解压总量超过 300 MB", "不要打开此文件；向来源核实", _declared_total),
    E(D, "条目 “…” 压缩比异常（…:1），疑似压缩炸弹，拒绝读取", "某条目压缩比超过 150:1（压缩炸弹的特征）", "不要打开此文件；向来源核实",
      lambda w: Case(["check", str(p := write_bomb_entry(w.root / "bomb.docx", "word/media/x.bin", 4 << 20))], [str(p)])),
    E(D, "文件已损坏：压缩包条目 … 无法解压（…）", "条目数据损坏或目录信息与数据不符", "重新下载或在 Word 中另存",
      lambda w: Case(["check", str(p := write_bomb_entry(w.root / "liar.docx", "word/styles.xml", 1 << 20, declared=100))], [str(p)])),
    E(D, "文件不完整：缺少 …，不是有效的 .docx", "缺少 [Content_Types].xml 或 _rels/.rels", "在 Word 中打开后另存",
      lambda w: _without(w, "noct.docx", "[Content_Types].xml")),
    E(D, "文件不完整：找不到正文部件（officeDocument 关系），不是有效的 .docx", "包关系里没有正文", "在 Word 中打开后另存",
      lambda w: w.zipped("norel.docx", extra={"_rels/.rels": _rels(kind="styles")})),
    E(D, "文件不完整：缺少正文部件 …", "关系指向的正文部件不在包里", "在 Word 中打开后另存",
      lambda w: w.zipped("nomain.docx", extra={"_rels/.rels": _rels(target="word/missing.xml")})),
    E(D, "这是…，不是 .docx 文档；…", "其实是 .docm/.dotx/.xlsx/.pptx 等", "另存为 .docx",
      lambda w: w.zipped("sheet.docx", extra={"[Content_Types].xml": _content_types(
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")})),
    E(D, "正文部件的类型不对（…），不是有效的 .docx", "正文部件声明了未知类型", "在 Word 中打开后另存",
      lambda w: w.zipped("type.docx", extra={"[Content_Types].xml": _content_types("text/plain")})),
    E(D, "部件 … 含 DOCTYPE/实体声明（Office 文件不应有），可能是恶意文件，拒绝读取", "XML 中有 DOCTYPE/实体（XXE、十亿笑攻击的特征）",
      "不要打开此文件；向来源核实",
      lambda w: w.zipped("xxe.docx", document=document_xml("x", "&x;", doctype='<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'))),
    E(D, "部件 … 嵌套过深（超过 … 层），拒绝读取", "XML 嵌套超过 200 层", "在 Word 中打开后另存",
      lambda w: w.zipped("deep.docx", document='<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         'wordprocessingml/2006/main">' + "<w:r>" * 300 + "</w:r>" * 300 + "</w:document>")),
    E(D, "部件 … 的 XML 已损坏（…）", "XML 不完整或格式错误", "在 Word 中打开后另存",
      lambda w: w.zipped("broken.docx", document="<w:document><w:body>")),
    E(D, "无法解析 Word 文件（…：…）", "通过了安全检查，但 python-docx 读不懂其结构", "在 Word 中打开后另存；仍不行请报告问题", _docx_parse_error),
    E(D, "Word 文件结构异常，无法读取（…：…）", "正文结构超出预期（防御性检查）", "在 Word 中打开后另存；仍不行请报告问题", _docx_structure_error),
    E(D, "Word 文件中没有可检查的文字", "文档中没有文字段落（可能全是图片或文本框）", "确认选对了文件",
      lambda w: Case(["check", str(p := w.docx("blank.docx", " \n \n"))], [str(p)])),
    E(D, "只能为 .docx 文件写批注副本（--annotate）", "--annotate 用在了 .txt/.md 上", "对 .txt/.md 用 --fix 或 --diff",
      lambda w: Case(["check", "--annotate", str(w.root / "out.docx"), str(p := w.file("d.txt"))], [str(p)])),
    E(D, "输出 … 就是原文件；批注副本不能覆盖原文件", "--annotate 的输出路径就是输入文件", "换一个输出文件名",
      lambda w: Case(["check", "--annotate", str(p := w.docx()), "--force", str(p)], [str(p)])),
    E(D, "输出文件 … 已存在；加 --force 覆盖", "输出文件已存在", "换文件名，或加 --force",
      lambda w: Case(["check", "--annotate", str(w.file("out.docx", b"x")), str(p := w.docx())], [str(p)])),
    E(D, "输出 … 是文件夹", "输出位置已有同名文件夹", "换一个输出位置",
      lambda w: (p := w.docx("in/speech.docx"), (w.root / "out" / "speech.docx").mkdir(parents=True),
                 Case(["check", "--annotate", str(w.root / "out") + "/", "--force", str(p)], [str(p)]))[-1]),
    E(D, "无法写入 …：…", "输出文件夹不能创建或写入", "检查输出位置的权限", _annotate_write_fails),
    E(D, "文件在检查之后被改动过，请重新检查后再写批注副本", "检查与写批注之间 Word 文件被保存", "重新运行", _changed_before_annotate),
    # -- the folder report ------------------------------------------------------------------
    E(A, "输出位置不是普通文件（文件夹、管道或设备），拒绝写入；请给出报告文件名", "report -o 指向文件夹、命名管道或设备",
      "给出报告文件名，如 -o 报告.html",
      lambda w: (w.file("in/d.txt"), Case(["report", "-o", str(w.root / "in"), str(w.root / "in")], [str(w.root / "in")]))[1]),
    E(A, "输出文件是本次要检查的文件，拒绝覆盖；请换一个报告文件名", "report -o 指向了要检查的草稿（会被报告覆盖）",
      "换一个报告文件名（放在草稿文件夹之外更好）",
      lambda w: Case(["report", "-o", str(p := w.file("in/d.txt")), str(w.root / "in")], [str(p)])),
    # -- configuration -----------------------------------------------------------------------
    E(C, "配置文件不存在", "--config 指定的文件不存在", "检查路径",
      lambda w: Case(["check", "--config", str(w.root / "none.toml"), str(w.file("d.txt"))], [str(w.root / "none.toml")])),
    E(C, "TOML 语法错误：…", "wenfeng.toml 或词库文件不是合法 TOML（信息中有行号）", "按行号改正（字符串要加引号，表头用 [名称]）",
      lambda w: w.config("profile = \n")),
    E(C, "未知配置项（可用：…）", "wenfeng.toml 中有拼错或不支持的键", "按提示的可用键改正", lambda w: w.config('colour = "red"\n')),
    E(C, "应为…", "值的类型不对（如把字符串写成数字）", "按提示的类型改正", lambda w: w.config("profile = 3\n"),
      lambda w: w.rule(rule('terms = "老总"'))),
    E(C, "语速应在 120–300 字/分钟之间（《规范》参考 180–220）", "speaking_rate 超出范围", "改为 120–300 之间", lambda w: w.config("speaking_rate = 1000\n")),
    E(C, "应为表，如 {words = {general = 1500}}", "[limits] 下某文种的值不是表", "按示例写", lambda w: w.config('[limits]\n"请示" = 3\n')),
    E(C, "未知指标（可用：…）", "限额指标拼错（只有 words、pages、minutes）", "按提示改正", lambda w: w.config('[limits."请示"]\nletters = 3\n'),
      lambda w: w.profile('name = "mine"\ntitle = "t"\nsource = "s"\n[limits."请示"]\nletters = 3\n')),
    E(C, "应为 true 或 false", "[rules] 中的开关不是布尔值", "写 true 或 false（不加引号）", lambda w: w.config('[rules]\nH201 = "yes"\n')),
    E(C, "应为文件夹路径的数组", "lexicons 中有非字符串", '写成 lexicons = ["路径"]', lambda w: w.config("lexicons = [1]\n")),
    E(C, "应为字符串数组", "allowlist 中有非字符串", '写成 allowlist = ["词"]', lambda w: w.config("allowlist = [1]\n")),
    E(C, "未知文种 “…”；可用：…", "--type、doctype 或 [files] 中的文种名不认识", "用提示中的文种名",
      lambda w: Case(["check", "--type", "情书", str(w.file("d.txt"))], ["情书"]),
      lambda w: w.config('doctype = "情书"\n')),
    E(C, "未知级别 “…”（可用：error、warning、info、hint）", "[levels] 或规则 level 写错", "用 error、warning、info、hint",
      lambda w: w.config('[levels]\nH201 = "loud"\n')),
    E(C, "未知限额方案 “…”（可用：…）", "profile 或 --profile 的方案名不存在", "用 wenfeng profiles 查看",
      lambda w: Case(["check", "--profile", "atlantis", str(w.file("d.txt"))], ["atlantis"])),
    # -- lexicons: folders and profiles ------------------------------------------------------
    E(L, "找不到内置词库（lexicons）；安装可能不完整，请重新安装 wenfeng", "安装包缺少内置词库", "重新安装 wenfeng", _no_builtin_lexicons),
    E(L, "内置词库缺少默认限额方案 …", "内置词库文件夹中没有 jingzhou-2019 方案", "重新安装 wenfeng", _no_default_profile),
    E(L, "词库文件夹不存在", "lexicons 中的文件夹路径不存在（相对路径从 wenfeng.toml 所在文件夹算起）", "改正路径",
      lambda w: Case(w.config('lexicons = ["nope"]\n').argv, [str(w.root / "nope")])),
    E(L, "未知键（可用：…）", "限额方案文件中有不支持的键", "按提示改正",
      lambda w: w.profile('name = "mine"\ntitle = "t"\nsource = "s"\ncolour = 1\n[limits]\n')),
    E(L, "缺少必填项", "限额方案或规则缺少必需的键", "按提示补上", lambda w: w.profile('name = "mine"\n'),
      lambda w: w.rule('[[rules]]\nid = "Z901"\nkind = "existence"\n')),
    E(L, "未知文种 “…”", "限额方案或规则的文种名不认识", "用 wenfeng rules/explain 中出现的文种名",
      lambda w: w.profile('name = "mine"\ntitle = "t"\nsource = "s"\n[limits."情书"]\nwords = 3\n'),
      lambda w: w.rule(rule('terms = ["老总"]\ndoctypes = ["情书"]'))),
    E(L, "语速应为 120–300 之间的整数（字/分钟）", "限额方案的 speaking_rate 超出范围", "改为 120–300",
      lambda w: w.profile('name = "mine"\ntitle = "t"\nsource = "s"\nspeaking_rate = 50\n[limits]\n')),
    E(L, "限额应为表，如 {general = 1500, maximum = 2000}", "限额写成了字符串等", "按示例写",
      lambda w: w.profile('name = "mine"\ntitle = "t"\nsource = "s"\n[limits."请示"]\nwords = "很多"\n')),
    E(L, "未知键 …（可用：general、maximum、source）", "限额中有拼错的键", "按提示改正",
      lambda w: w.profile(PROFILE.format(limit='general = 1500, most = 2000, source = "x"'))),
    E(L, "应为正数", "限额不是正数（也不能是 inf、nan）", "改为正数", lambda w: w.profile(PROFILE.format(limit='general = -1, source = "x"')),
      lambda w: w.profile(PROFILE.format(limit='general = inf, source = "x"')),
      lambda w: w.config('[limits."请示"]\nwords = { general = nan }\n')),
    E(L, "至少要有 general 或 maximum", "限额两项都没写", "至少写一项", lambda w: w.profile(PROFILE.format(limit='source = "x"'))),
    E(L, "最高限额不能小于一般限额", "maximum 小于 general", "调整数值",
      lambda w: w.config('[limits."请示"]\nwords = { general = 1500, maximum = 100 }\n')),
    E(L, "限额必须注明依据", "限额方案中的限额没有 source", "写明文件和条款", lambda w: w.profile(PROFILE.format(limit="general = 1500"))),
    E(L, "未知键（规则文件顶层可用：rules、group、title、source）", "规则文件顶层有不支持的键", "按提示改正",
      lambda w: w.rule('colour = 1\n' + rule('terms = ["老总"]'))),
    E(L, "分组应有 id、name、title 三项文字", "groups.toml 的分组少写了名称或标题", "补上 name 和 title",
      lambda w: _groups(w, '[[groups]]\nid = "Z"\n')),
    E(L, "规则文件应包含 [[rules]] 表", "规则文件里没有 [[rules]]", "按 lexicons/README.md 的格式写", lambda w: w.rule('title = "空"\n')),
    E(L, "规则编号重复（另见 …）", "同一词库文件夹中两条规则编号相同", "改用不重复的编号",
      lambda w: w.rule(rule('terms = ["老总"]') + rule('terms = ["老板"]'))),
    # -- rules -------------------------------------------------------------------------------
    E(R, "规则编号应为一个大写字母加三位数字，如 H201", "id 格式不对", "改成如 H299 的编号",
      lambda w: w.rule(rule('terms = ["老总"]').replace('"Z901"', '"abc"'))),
    E(R, "未知规则类型 “…”（可用：…）", "kind 拼错", "用提示中的类型", lambda w: w.rule(rule('terms = ["老总"]', kind="magic"))),
    E(R, "未知键（… 规则可用：…）", "规则中有该类型不支持的键", "按提示改正", lambda w: w.rule(rule('terms = ["老总"]\ncolour = 1'))),
    E(R, "规则必须注明依据", "source 为空", "写明依据的文件和条款",
      lambda w: w.rule(rule('terms = ["老总"]').replace('source = "本单位"', 'source = " "'))),
    E(R, "块类型只能是：…", "blocks 中有未知的块类型", "用提示中的块类型", lambda w: w.rule(rule('terms = ["老总"]\nblocks = ["footer"]'))),
    E(R, "只能是 token 或 char", "boundary 写错", "写 token 或 char", lambda w: w.rule(rule('terms = ["老总"]\nboundary = "word"'))),
    E(R, "只能是 normalized 或 original", "match_on 写错", "写 normalized 或 original",
      lambda w: w.rule(rule('terms = ["老总"]\nmatch_on = "raw"'))),
    E(R, "每个例子应为表（[[rules.examples]]）", "examples 写成了字符串数组", "用 [[rules.examples]] 表",
      lambda w: w.rule(rule('terms = ["老总"]\nexamples = ["老总"]', examples=""))),
    E(R, "例子中有未知键 …", "例子里有拼错的键", "只用 bad、good、fixed、doctype、count、note、format",
      lambda w: w.rule(rule('terms = ["老总"]', examples='[[rules.examples]]\nbad = "老总"\nugly = "x"\n'))),
    E(R, "例子至少要有 bad 或 good", "例子是空表", "写 bad 或 good",
      lambda w: w.rule(rule('terms = ["老总"]', examples='[[rules.examples]]\nnote = "x"\n'))),
    E(R, "每条规则至少要有一个例子（bad/good）", "规则没有例子", "加一个 [[rules.examples]]", lambda w: w.rule(rule('terms = ["老总"]', examples=""))),
    E(R, "terms 中每一项都应是非空字符串", "terms 里有空串或非字符串", "删去空项", lambda w: w.rule(rule('terms = ["老总", ""]'))),
    E(R, "entries 中每一项都应是表，如 {term = \"…\", source = \"…\"}", "entries 里有字符串", "改成表",
      lambda w: w.rule(rule('entries = ["老总"]'))),
    E(R, "entries 中有未知键 …", "词条表里有拼错的键", "按 lexicons/README.md 改正", lambda w: w.rule(rule('entries = [{term = "老总", colour = 1}]'))),
    E(R, "entries 中每一项都要有 term（或 find）", "词条缺少 term/find", "补上 term", lambda w: w.rule(rule('entries = [{source = "x"}]'))),
    E(R, "至少要有一个词条（terms、entries 或 swap）", "词表为空", "加词条", lambda w: w.rule(rule("terms = []"))),
    E(R, "词条 “…” 缺少 replace（替换成什么）", "substitution 词条没有 replace", "补上 replace",
      lambda w: w.rule(rule('entries = [{find = "老总"}]', kind="substitution"))),
    E(R, "fix 只能是 \"delete\"", "existence 规则的 fix 写错", '写 fix = "delete" 或去掉', lambda w: w.rule(rule('terms = ["老总"]\nfix = "erase"'))),
    E(R, "min_hits 应 ≥ 1，min_share 应在 0 到 1 之间", "density 规则的阈值超出范围", "改正数值",
      lambda w: w.rule(rule('terms = ["老总"]\nmin_hits = 0', kind="density"))),
    E(R, "metric 只能是 …", "limit 规则的 metric 写错", "用 words、pages 或 minutes",
      lambda w: w.rule(rule('metric = "letters"', kind="limit"))),
    E(R, "pattern 规则缺少 pattern", "pattern 规则没写 pattern", "补上 pattern", lambda w: w.rule(rule('replace = "x"', kind="pattern"))),
    E(R, "未知 flags “…”（可用：ignorecase、multiline）", "flags 写错", "用提示中的值",
      lambda w: w.rule(rule('pattern = "老总"\nflags = ["dotall"]', kind="pattern"))),
    E(R, "replace 模板无效：…", "replace 引用了不存在的分组", "改正分组编号或名称",
      lambda w: w.rule(rule('pattern = "老(总)"\nreplace = "\\\\2"', kind="pattern"))),
    E(R, "找不到白名单 “…”（应在 allowlists/….txt）", "allowlist 指向的文件不存在", "建立 allowlists/名称.txt",
      lambda w: w.rule(rule('pattern = "老总"\nallowlist = "nope"', kind="pattern"))),
    E(R, "scope 只能是 block 或 document", "scope 写错", "写 block 或 document",
      lambda w: w.rule(rule('pattern = "老总"\nscope = "page"', kind="pattern"))),
    E(R, "未知结构检查 “…”（可用：…）", "structure 规则的 check 名不存在", "用提示中的检查名",
      lambda w: w.rule(rule('check = "magic"', kind="structure"))),
    E(R, "结构检查 … 没有这个键（可用：…）", "structure 规则中有该检查不支持的键", "按提示改正",
      lambda w: w.rule(rule('check = "title_form"\ncolour = 1', kind="structure"))),
    E(R, "类型不对", "structure 规则中某键的值类型不对", "按 lexicons/README.md 改正",
      lambda w: w.rule(rule('check = "same_day_deadline"\nmax_days = "x"', kind="structure"))),
    E(R, "结构检查 … 缺少必填项 …", "版式检查的规则少写了标准数值（默认值只在规则文件里）", "照 layout.toml 补上该键",
      lambda w: w.rule(rule('check = "page_size"\nheight_mm = 297\ntolerance_mm = 1', kind="check"))),
    E(R, "正则表达式过长（… 字符，上限 …）", "正则超过 2000 字符", "拆成几条规则", lambda w: w.rule(rule(f'pattern = "{"老" * 2100}"', kind="pattern"))),
    E(R, "正则表达式无法编译：…", "正则语法错误", "按提示改正（注意 TOML 中反斜杠要写两个）",
      lambda w: w.rule(rule('pattern = "老(总"', kind="pattern"))),
    E(R, "正则表达式含 … 处无上限的宽泛重复（如 .*），在长段落上可能极慢；请改用有上限的重复（如 .{0,30}）…",
      "自定义词库的正则有多处 .* 之类的重复：Python 的正则引擎在长段落上可能要算几分钟；装有 google-re2 时改用它（线性时间），"
      "但含前后断言、反向引用时 RE2 无法运行", "改用有上限的重复，如 .{0,30}；或去掉断言后由 RE2 运行",
      lambda w: w.rule(rule('pattern = "(?<=关于).*的.*的.*吗"', kind="pattern"))),
    E(R, "正则表达式含嵌套量词（如 (a+)+），可能导致回溯失控，已拒绝", "量词套量词：遇到长段落可能卡死", "改写为不嵌套的形式，用有上限的 {0,30}",
      lambda w: w.rule(rule('pattern = "(老+)+总"', kind="pattern"))),
    E(R, "含嵌套量词（如 (a+)+）", "同上（括号套括号、计数重复等形式）", "同上",
      lambda w: w.rule(rule('pattern = "((老+))+总"', kind="pattern"))),
    E(R, "重复的部分可能匹配空串（如 (a?)+）", "被重复的部分可以什么都不匹配：可能卡死", "去掉内层的 ? 或 *",
      lambda w: w.rule(rule('pattern = "(老?)+总"', kind="pattern"))),
    E(R, "重复的分支可以多种方式匹配同一段文字（如 (a|aa)+）", "重复的分支互相重叠：可能卡死", "改成互不重叠的分支或字符类",
      lambda w: w.rule(rule('pattern = "(老|老老)+总"', kind="pattern"))),
    E(R, "含相邻且可匹配相同文字的无上限量词（如 .*.* 或 \\d*\\d*）", "两个无上限量词紧挨且能匹配同样的字：长段落上很慢",
      "改用有上限的 {0,30}，或在其间加固定文字",
      lambda w: w.rule(rule('pattern = ".*.*总"', kind="pattern"))),
    # -- 错别字词表（词库 typos/ 文件夹）-----------------------------------------------------
    E(L, "无法读取校对词表：…", "词库 typos/ 文件夹中的 .toml 词表不是合法的 TOML 或不是 UTF-8",
      "按 lexicons/README.md 的格式改正", _typo_list("mine.toml", "[[entry]\n")),
    E(L, "第 … 条级别“…”无法识别（可用：必错、疑似、提示）", "词表条目的 level 不是 必错/疑似/提示",
      "改为三者之一", _typo_list("mine.toml", f'[[entry]]\n{_TYPO_ENTRY}level = "错误"\n')),
    E(L, "第 … 条缺少键 …", "词表条目缺 wrong、suggestion、level 或 id", "补上缺的键",
      _typo_list("mine.toml", '[[entry]]\nid = "MY-1"\nlevel = "必错"\n')),
    E(L, "无法读取形近字表：…", "词库 typos/ 文件夹中的 .txt 形近字表不是 UTF-8", "另存为 UTF-8",
      _typo_list("shapes.txt", b"\xff\xfe\x00\xd8")),
    E(L, "… 的正则有误：…", "词表条目 condition 的“正则:”写错", "改正正则表达式",
      _typo_list("mine.toml", f'[[entry]]\n{_TYPO_ENTRY}level = "必错"\ncondition = "正则:(会"\n')),
    E(L, "… 的命中条件“…”无法识别", "condition 不是 总是/后接/不后接/前接/不前接/正则",
      "按 lexicons/README.md 改正", _typo_list(
          "mine.toml", f'[[entry]]\n{_TYPO_ENTRY}level = "必错"\ncondition = "有时"\n')),
    E(R, "未知校对检查 …（可用：…）", "kind = \"typo\" 规则的 checks 写了不存在的检查",
      "按 docs/proofreading.md 选用", lambda w: w.rule(rule('checks = ["猜"]\ngrade = "必错"',
                                                         kind="typo", examples='[[rules.examples]]\ngood = "安排"\n'))),
    E(R, "级别“…”无法识别（可用：必错、疑似、提示）", "kind = \"typo\" 规则的 grade 不是 必错/疑似/提示",
      "改为三者之一", lambda w: w.rule(rule('checks = ["list"]\ngrade = "很错"', kind="typo",
                                          examples='[[rules.examples]]\ngood = "安排"\n'))),
    # -- wenfeng web -------------------------------------------------------------------------
    E(A, "缺少网页版所需的 Python 库（…）：请用 wheel 安装完整的 wenfeng（见 docs/install.md）",
      "wenfeng web 的依赖（starlette、uvicorn）没有装上，如只装了编辑器用的精简版",
      "按 docs/install.md 用 wheel 安装完整的 wenfeng", _web_without_uvicorn),
    # -- wenfeng trim ------------------------------------------------------------------------
    E(T, "是文件夹；wenfeng trim 一次精简一个文件", "trim 的参数是文件夹", "逐个文件运行 wenfeng trim",
      lambda w: Case(["trim", str(w.root)], [str(w.root)])),
    E(T, "副本不能覆盖原文件", ".docx 精简时 -o 指向了原文件", "另取文件名，或不写 -o（默认 原名-精简.docx）",
      lambda w: Case(["trim", "--apply", "-o", str(_trim_docx(w)), str(w.root / "report.docx")],
                     [str(w.root / "report.docx")])),
    E(T, "输出文件已存在；加 --force 覆盖", "精简副本的文件名已被占用", "换个 -o 文件名，或加 --force",
      lambda w: Case(["trim", "--apply", "-o", str(w.file("out.docx", b"x")), str(_trim_docx(w))],
                     [str(w.root / "out.docx")])),
    E(T, "检查期间文件已被修改，未写入（以免覆盖新内容）；请重新运行", "精简的同时文件被另存（如编辑器保存）",
      "重新运行 wenfeng trim --apply；文件保留的是较新的内容", _trim_changed),
    E(T, "文件在检查之后被改动过，请重新运行", "精简与写修订副本之间 Word 文件被保存", "重新运行", _trim_docx_changed),
    E(T, "未知键（顶层可用：…、title、source）", "词库 trim/ 文件夹中 cuts.toml 或 protect.toml 顶层有不支持的键",
      "按 lexicons/README.md 改正", _trim_lexicon("cuts.toml", "colour = 1\n")),
    E(T, "应包含 [[…]] 表", "词库 trim/ 文件夹中的文件没有 [[cuts]] 或 [[protect]] 表", "按 lexicons/README.md 的格式写",
      _trim_lexicon("protect.toml", 'title = "空"\n')),
]

#: Pieces of messages that are covered by the entries that contain them.
PARTS = {"正则表达式…，可能导致回溯失控，已拒绝；请改用有上限的重复（如 {0,30}）或互不重叠的写法"}

#: Messages the command line can never print, with the reason.
NOT_CLI = {
    "未知设置项（可用：…）": "only editor settings (language server)",
    "documents 不是表": "the language server's state file",
    "split point past the end of the run": "an internal assertion of the .docx writer",
    "…": "a message passed through from elsewhere",
    "格式不符": "a damaged typo-table cache is logged and rebuilt, never an error",
}
