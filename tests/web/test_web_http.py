"""The page's HTTP side: security headers, the access token off loopback, size limits, uploads
(with the CLI's refusals for hostile files) and the .docx downloads."""

from __future__ import annotations

import base64
import io
import tempfile
import zipfile

import pytest
from starlette.websockets import WebSocketDisconnect

import docx
from wenfeng.sources.docx import safety
from wenfeng.web.guard import Access, Limits

LAN = "http://192.168.1.20:8740"


def test_page_has_security_headers(client):
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert client.get("/static/app.js").headers["content-security-policy"] == csp


def test_missing_build_is_one_clear_line(make_client, static):
    (static / "app.js").unlink()
    with make_client() as c:
        answer = c.get("/")
    assert answer.status_code == 500 and "npm run build" in answer.text and "\n" not in answer.text


def test_cli_refuses_to_start_without_the_built_page(run_cli, monkeypatch, tmp_path):
    from wenfeng.web import app

    monkeypatch.setattr(app, "STATIC", tmp_path / "nowhere")
    code, out, err = run_cli("web", "--port", "1")
    assert code == 2 and err.count("\n") == 1 and "npm" in err


def test_loopback_refuses_other_host_names(make_client):
    with make_client(base_url="http://evil.example:8740") as c:  # DNS rebinding
        assert c.get("/").status_code == 421


def test_cross_site_websocket_is_refused(client):
    with pytest.raises(WebSocketDisconnect):
        with client.websocket_connect("ws://127.0.0.1:8740/lsp",
                                      headers={"origin": "http://evil.example"}) as ws:
            ws.receive_text()


def test_lan_needs_the_token(make_client):
    access = Access.for_bind("0.0.0.0", 8740, no_auth=False)
    assert access.token and len(access.token) >= 20
    with make_client(access=access, base_url=LAN) as c:
        assert c.get("/").status_code == 401
        assert c.get("/?token=wrong").status_code == 401
        assert c.post("/api/open?name=a.txt", content="x".encode()).status_code == 401
        with pytest.raises(WebSocketDisconnect):
            with c.websocket_connect("ws://192.168.1.20:8740/lsp") as ws:
                ws.receive_text()
        entry = c.get(f"/?token={access.token}", follow_redirects=False)
        assert entry.status_code == 303 and entry.headers["location"] == "/"
        assert "httponly" in entry.headers["set-cookie"].lower()
        assert c.get("/").status_code == 200  # the cookie now carries the token
        with c.websocket_connect("ws://192.168.1.20:8740/lsp") as ws:
            ws.send_text('{"jsonrpc": "2.0", "id": 1, "method": "initialize", '
                         '"params": {"processId": null, "rootUri": null, "capabilities": {}}}')
            assert '"capabilities"' in ws.receive_text()


def test_no_auth_is_explicit():
    assert Access.for_bind("0.0.0.0", 8740, no_auth=True).token is None
    assert Access.for_bind("127.0.0.1", 8740, no_auth=False).token is None
    assert Access.for_bind("::1", 8740, no_auth=False).token is None
    assert Access.for_bind("10.0.0.5", 8740, no_auth=False).token is not None


def test_upload_text_and_docx(client, request_docx):
    text = client.post("/api/open?name=草稿.txt", content="关于开会的通知\n请准时参加。\n".encode())
    assert text.json() == {"name": "草稿.txt", "fmt": "txt", "text": "关于开会的通知\n请准时参加。\n"}
    word = client.post("/api/open?name=请示.docx", content=request_docx).json()
    assert word["fmt"] == "docx" and "尊敬的领导" in word["text"]


def test_upload_leaves_nothing_behind(client, request_docx, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert client.post("/api/open?name=a.docx", content=request_docx).status_code == 200
    assert client.post("/api/open?name=b.docx", content=b"PK\x03\x04broken").status_code == 422
    assert list(scratch.iterdir()) == []


def test_upload_over_the_size_limit(make_client):
    with make_client(limits=Limits(upload_bytes=1000)) as c:
        answer = c.post("/api/open?name=长.txt", content=("字" * 400).encode())
    assert answer.status_code == 413 and "长.txt：文件过大" in answer.json()["error"]


def test_document_over_the_length_limit(make_client):
    with make_client(limits=Limits(document_chars=100)) as c:
        answer = c.post("/api/open?name=长.txt", content=("字" * 200).encode())
    assert answer.status_code == 413 and "文档过长" in answer.json()["error"]


def test_other_kinds_of_file_are_refused(client):
    answer = client.post("/api/open?name=表格.xlsx", content=b"PK")
    assert answer.status_code == 400 and "只能打开 .docx、.txt 或 .md" in answer.json()["error"]


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/zeros.bin", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize("data, expected", [
    (safety.OLE_MAGIC + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 600,
     "Word 97-2003（.doc）"),
    (safety.OLE_MAGIC + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600, "密码保护"),
    (_bomb(), "压缩炸弹"),
], ids=["renamed-doc", "encrypted", "zip-bomb"])
def test_hostile_uploads_get_the_cli_refusal(client, run_cli, tmp_path, data, expected):
    answer = client.post("/api/open?name=来文.docx", content=data)
    assert answer.status_code == 422
    message = answer.json()["error"]
    assert message.startswith("来文.docx：") and expected in message
    path = tmp_path / "来文.docx"
    path.write_bytes(data)
    code, _, err = run_cli("check", str(path))
    assert code == 2 and message.split("：", 1)[1] in err  # word for word what the CLI says


def test_annotated_copy_has_one_comment_per_finding(client, request_docx):
    answer = client.post("/api/annotated?name=请示.docx&doctype=请示", content=request_docx)
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    comments = list(docx.Document(io.BytesIO(answer.content)).comments)
    assert any("H201" in c.text for c in comments)
    bad = client.post("/api/annotated?name=请示.docx&doctype=诗歌", content=request_docx)
    assert bad.status_code == 400 and "未知文种" in bad.json()["error"]


def test_tracked_copy_marks_the_edits(client, request_docx):
    text = client.post("/api/open?name=请示.docx", content=request_docx).json()["text"]
    edited = text.replace("尊敬的领导，", "").replace("一批", "一套")
    answer = client.post("/api/tracked", json={
        "name": "请示.docx", "docx": base64.b64encode(request_docx).decode(), "text": edited})
    assert answer.status_code == 200
    assert answer.headers["x-wenfeng-changes"] == "2,0"
    xml = zipfile.ZipFile(io.BytesIO(answer.content)).read("word/document.xml").decode()
    assert xml.count("<w:del ") == 2 and xml.count("<w:ins ") == 1 and ">套<" in xml
    from wenfeng.sources.docx import read_paragraphs  # deletions are marked, not lost

    assert "尊敬的领导" in xml and "\n".join(
        p.text for p in read_paragraphs(docx.Document(io.BytesIO(answer.content)))) == edited


def test_behind_a_proxy_the_public_name_needs_the_shared_token(make_client):
    access = Access.for_bind("127.0.0.1", 8741, no_auth=False, public_names=("wenfeng.office.lan",),
                             token="a-shared-token-for-all-workers")
    assert access.token == "a-shared-token-for-all-workers"
    with make_client(access=access, base_url="http://wenfeng.office.lan") as c:
        assert c.get("/").status_code == 401
        assert c.get("/?token=a-shared-token-for-all-workers").status_code == 200
        with c.websocket_connect("ws://wenfeng.office.lan/lsp",
                                 headers={"origin": "https://wenfeng.office.lan"}) as ws:
            ws.send_text('{"jsonrpc": "2.0", "id": 1, "method": "initialize", '
                         '"params": {"processId": null, "rootUri": null, "capabilities": {}}}')
            assert '"capabilities"' in ws.receive_text()
    with make_client(access=access, base_url="http://other.example") as c:
        assert c.get("/?token=a-shared-token-for-all-workers").status_code == 421
