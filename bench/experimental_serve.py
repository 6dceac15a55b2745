"""Experiment: the language server publishing its first diagnostics before jieba is loaded.

Not part of wenfeng — a measurement aid for the LSP owner.  It runs the real server
(``wenfeng.lsp.server.build``) with two changes: the warm-up compiles the lexicons but leaves
jieba's dictionary for later (loading it holds the GIL for about a second, so a check running
meanwhile stalls), and until the dictionary is loaded checks use ``Engine.check_now``
(token-boundary rules wait for paragraphs not segmented yet); after the first result the
dictionary is loaded and an incomplete result is followed by a full re-check.  The cold
start benchmark starts this script next to the real server to show what the change would buy.

    python bench/experimental_serve.py      # speaks LSP on stdio, like `wenfeng serve`
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading


def main() -> int:
    from wenfeng.lsp import server as lsp_server

    srv = lsp_server.build()
    original = type(srv)._run_check

    def run_check(self, snapshot):
        from wenfeng.rules.engine import get_engine  # imported lazily, as the server does

        engine = get_engine(())
        if engine.segmenter.ready:
            return original(self, snapshot)
        complete = [True]

        def check_now(document, settings=None, doctype=None):
            report, done = engine.check_now(document, settings, doctype)
            complete[0] = done
            return report

        engine.check = check_now  # at start-up this experiment checks one document at a time
        try:
            result = original(self, snapshot)
        finally:
            del engine.check
        loop = loops[0]

        def load_then_recheck() -> None:  # after the first result, not before it
            engine.segmenter.initialize()
            if not complete[0]:
                loop.call_soon_threadsafe(self.recheck, snapshot.uri)
        threading.Thread(target=load_then_recheck, daemon=True).start()
        return result

    srv.scheduler._run = lambda snapshot: run_check(srv, snapshot)  # bound at construction

    def warm_up(self) -> None:  # compile the lexicons only; jieba loads after the first check
        def warm() -> None:
            from wenfeng.rules.engine import get_engine
            get_engine(())
        threading.Thread(target=warm, daemon=True).start()

    type(srv).warm_up = warm_up
    loops = []
    start = srv.scheduler._start

    def start_and_note_loop(uri):  # _start runs on the event loop: remember it
        if not loops:
            loops.append(asyncio.get_running_loop())
        return start(uri)

    srv.scheduler._start = start_and_note_loop
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr
    srv.start_io(sys.stdin.buffer, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
