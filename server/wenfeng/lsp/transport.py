"""How ``wenfeng serve`` talks to editors: stdio, or TCP with one session per connection.

Both run pygls's own message loop (``pygls.io_.run_async``) over a :class:`.framing.FrameReader`,
so a damaged frame is skipped instead of derailing every message after it.

TCP: pygls's ``start_tcp`` gives every connection the same server and output channel — a second
connection would receive the editor's diagnostics (fragments of the draft), and closing any
connection, even a port probe, stops the server.  Here each connection gets its own server
(documents, settings, checks) and ends alone; ``exit`` ends that session only, and the process
keeps listening until it is interrupted.  The default host is loopback: the drafts an editor
sends must not be reachable from the network.

WebSocket (``wenfeng web``): :func:`serve_websocket` runs one session over a connection shaped
like the ``websockets`` library's (pygls's ``run_websocket``: one JSON message per frame); the
web adapter supplies the connection and many such sessions share one process.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import signal
import sys
import threading
from typing import Any, Callable

from pygls.io_ import StdoutWriter, run_async, run_websocket

from ..errors import InputError
from .framing import BoundedStdinReader, FrameReader

log = logging.getLogger(__name__)


def _reporter(server) -> Callable[[str], None]:
    from lsprotocol import types

    return lambda message: server.log(message, types.MessageType.Warning)


def serve_stdio(server, stdin, stdout) -> int:
    """Serve one session on stdin/stdout; the exit code LSP asks for: 0 after ``shutdown``,
    1 when ``exit`` (or the end of input) came without it."""
    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout))
    reader = FrameReader(BoundedStdinReader(stdin, server.thread_pool), _reporter(server))
    try:
        asyncio.run(run_async(stop_event=server._stop_event, reader=reader,
                              protocol=server.protocol, logger=log,
                              error_handler=server.report_server_error))
    except BrokenPipeError:
        log.error("编辑器的连接已断开，语言服务器退出")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
    return 0 if server.protocol._shutdown else 1


async def serve_websocket(server, connection) -> None:
    """Serve one session over ``connection`` (``recv``/``send``/``close``, as pygls expects of a
    WebSocket) until it closes; then end the session so that nothing of it outlives it."""
    server.one_of_many = True  # ended sessions must be collectable: no gc.freeze
    server._stop_event = threading.Event()
    try:
        await run_websocket(websocket=connection, stop_event=server._stop_event,
                            protocol=server.protocol, logger=log,
                            error_handler=server.report_server_error)
    finally:
        server.end_session()


def serve_tcp(build: Callable[[], Any], host: str, port: int) -> int:
    """Listen on ``host:port``; each connection is its own session.  Runs until interrupted."""
    try:
        if not ipaddress.ip_address(host).is_loopback:
            log.warning("语言服务器在 %s 上监听：网络上的其他计算机也能连接并读取送检的文稿", host)
    except ValueError:  # a host name
        if host != "localhost":
            log.warning("语言服务器在 %s 上监听：网络上的其他计算机可能也能连接", host)

    async def session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        log.info("新连接 %s", peer)
        server = build()
        server.one_of_many = True  # ended sessions must be collectable: no gc.freeze
        server._stop_event = threading.Event()
        server.protocol.set_writer(writer)
        try:
            await run_async(stop_event=server._stop_event,
                            reader=FrameReader(reader, _reporter(server)),
                            protocol=server.protocol, logger=log,
                            error_handler=server.report_server_error)
        except SystemExit:  # ``exit``: this session ends, the others go on
            pass
        except (ConnectionError, OSError) as exc:
            log.info("连接 %s 断开：%s", peer, exc)
        finally:
            server.end_session()
            writer.close()
            log.info("连接 %s 已结束", peer)

    async def main() -> None:
        try:
            listener = await asyncio.start_server(session, host, port)
        except (OSError, OverflowError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise InputError(f"无法在 {host}:{port} 监听：{reason}", key="--port") from None
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, stop.set)
            except (NotImplementedError, RuntimeError):  # not on this platform / thread
                pass
        print(f"wenfeng: 语言服务器在 {host}:{port} 等待连接（每个连接一个会话；Ctrl+C 结束）",
              file=sys.stderr, flush=True)
        async with listener:
            await stop.wait()

    asyncio.run(main())
    return 0
