"""The VS Code client and the server agree on command ids and setting keys.

The client keeps its ids in ``clients/vscode/src/core/ids.ts`` and its setting keys in
``src/core/settings.ts`` (its own test compares them with package.json); here they are compared
with what the server registers and reads, so a rename on either side fails a test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from wenfeng.config import EDITOR_KEYS, EDITOR_ONLY_KEYS

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "vscode"
#: Editor-only keys the server itself acts on (the rest of EDITOR_ONLY_KEYS it just accepts).
SERVER_READS = set(EDITOR_KEYS) | {"debounceMs", "languages"}


def _ts_array(path: Path, name: str) -> list[str]:
    body = re.search(rf"export const {name} = \[(.*?)\]", path.read_text(encoding="utf-8"), re.S)
    return re.findall(r'"([^"]+)"', body.group(1))


async def test_every_server_command_the_client_sends_is_registered(start):
    s = await start()
    registered = set(s.result.capabilities.execute_command_provider.commands)
    ids = (CLIENT / "src" / "core" / "ids.ts").read_text(encoding="utf-8")
    sent = set(re.findall(r'"(wenfeng\.server\.\w+)"', ids))
    assert sent and sent <= registered, sent - registered


def test_package_json_settings_are_keys_the_server_knows():
    properties = json.loads((CLIENT / "package.json").read_text(encoding="utf-8"))[
        "contributes"]["configuration"]["properties"]
    keys = {k.removeprefix("wenfeng.").split(".")[0] for k in properties}
    assert keys <= set(EDITOR_KEYS) | EDITOR_ONLY_KEYS, keys - set(EDITOR_KEYS) - EDITOR_ONLY_KEYS


def test_settings_the_client_sends_are_ones_the_server_reads():
    sent = _ts_array(CLIENT / "src" / "core" / "settings.ts", "SERVER_KEYS")
    assert sent and set(sent) <= SERVER_READS, set(sent) - SERVER_READS
    client_only = _ts_array(CLIENT / "src" / "core" / "settings.ts", "CLIENT_KEYS")
    assert not set(client_only) & SERVER_READS
