"""Hatch build hook: a wheel must carry the built web page (``wenfeng web``).

The page is built from ``clients/web/`` by npm into ``server/wenfeng/web/static/`` (git-ignored).
For a wheel it is built here when missing; without npm the build stops with one line saying what
to do.  Editable installs skip this (``wenfeng web`` itself says how to build the page).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ASSETS = ("index.html", "app.js", "app.css")


class WebAssetsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        static = root / "server" / "wenfeng" / "web" / "static"
        if all((static / name).is_file() for name in ASSETS):
            return
        client = root / "clients" / "web"
        npm = shutil.which("npm")
        if npm is None or not (client / "package.json").is_file():
            raise RuntimeError("构建 wheel 需要先构建网页文件：npm ci --prefix clients/web && "
                               "npm run build --prefix clients/web（未找到 npm 或 clients/web）")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=client, check=True)
        subprocess.run([npm, "run", "build"], cwd=client, check=True)
