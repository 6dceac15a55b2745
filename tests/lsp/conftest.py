"""Fixtures for the end-to-end language-server tests: start real servers over stdio.

``start(...)`` launches ``python -m wenfeng serve`` with its own state folder (so 文种 choices
and ignores are per test) and returns a :class:`lsp_session.Session`; every server started is
shut down after the test.
"""

from __future__ import annotations

import pytest_asyncio
from lsp_session import Session, capabilities, start_session


@pytest_asyncio.fixture
async def start(tmp_path):
    """``await start(profile="visual-studio-code", encodings=None, pull_refresh=False,
    init_options=None, configuration=None, env=None, state=None) -> Session``"""
    sessions: list[Session] = []
    workspace = tmp_path / "ws"
    workspace.mkdir()

    async def launch(profile: str = "visual-studio-code", *, encodings=None, pull_refresh=False,
                     init_options=None, configuration=None, env=None, state=None) -> Session:
        caps = capabilities(profile, encodings=encodings, pull_refresh=pull_refresh)
        session = await start_session(workspace, state or tmp_path / "state", caps,
                                      init_options=init_options, configuration=configuration,
                                      env=env)
        sessions.append(session)
        return session

    yield launch
    for session in sessions:
        await stop(session)


async def stop(session: Session) -> None:
    """Shut a server down the way an editor does (shutdown, exit), then end the client."""
    if session.client._server is not None and session.client._server.returncode is None:
        await session.client.shutdown_session()
    await session.client.stop()
