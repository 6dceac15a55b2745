#!/usr/bin/env bash
# The README's test command: set up (idempotent) and run every test of the project.
#   1. a virtual environment in .venv with wenfeng installed editable plus its test extra;
#   2. the gates: ruff (lint, import order, docstrings) and mypy (types) on the Python code;
#   3. the Python suite (core, rules, CLI, .docx, language server; editor e2e tests run when
#      neovim/code-server are installed — .ci/run installs them).  Arguments go to pytest:
#      scripts/test.sh -m "not slow" is the fast inner loop;
#   4. the VS Code extension: npm ci, lint + type-check + unit tests, build and package
#      (WENFENG_SKIP_VSCODE=1 skips it).
#   The web page (`wenfeng web`) is built first (clients/web: npm ci, esbuild →
#   server/wenfeng/web/static), so tests/web and clients/web/e2e find it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[test]'

status=0
if command -v npm >/dev/null 2>&1; then
  (cd clients/web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) || status=$?
else
  echo "scripts/test.sh: npm not found — the web page (wenfeng web) was not built" >&2
  status=1
fi
.venv/bin/ruff check server tests scripts bench || status=$?
.venv/bin/mypy || status=$?
.venv/bin/python -m pytest "$@" || status=$?

if [ -f clients/vscode/package.json ] && [ "${WENFENG_SKIP_VSCODE:-}" != 1 ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd clients/vscode && npm ci --no-audit --no-fund --loglevel=error && npm test && npm run build && npm run package) || status=$?
  else
    echo "scripts/test.sh: npm not found — the VS Code extension was not built or tested" >&2
    status=1
  fi
fi
exit $status
