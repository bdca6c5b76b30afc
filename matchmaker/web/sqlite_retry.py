"""The SQLite demo under concurrent writers: writing requests take the write lock first, and a request that
still meets "database is locked" is run again as a whole (it committed nothing), instead of answering 503.

PostgreSQL (production) needs none of this; there the middleware is not installed.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Iterable
from typing import Any

from flask import Flask, request

from matchmaker.models.database import WRITE_INTENT

ATTEMPTS = 5
LOCKED = "matchmaker.database_locked"


class RetryLocked:
    """WSGI middleware: replay a request whose transaction found the database locked (the body is kept)."""

    def __init__(self, wsgi_app: Any, max_body: int) -> None:
        self.wsgi_app = wsgi_app
        self.max_body = max_body

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0) if str(environ.get("CONTENT_LENGTH", "")).isdigit() else 0
        if length > self.max_body:
            return self.wsgi_app(environ, start_response)  # refused as too large anyway (413)
        body = environ["wsgi.input"].read(length) if length else b""
        for attempt in range(ATTEMPTS):
            env = dict(environ, **{"wsgi.input": io.BytesIO(body)})
            env.pop(LOCKED, None)
            captured: list[Any] = []

            def capture(status: str, headers: list[Any], exc_info: Any = None, _c: list[Any] = captured) -> Any:
                _c[:] = [status, headers, exc_info]
                return lambda _data: None  # nobody writes through it: Flask returns an iterable

            result = self.wsgi_app(env, capture)
            if env.get(LOCKED) and attempt < ATTEMPTS - 1:
                if hasattr(result, "close"):
                    result.close()
                time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))  # let the other writer finish
                continue
            start_response(*captured)
            return result
        raise AssertionError("unreachable")  # pragma: no cover


def init_app(app: Flask) -> None:
    """On SQLite: POSTs begin their transaction with the write lock; a locked request is replayed."""
    if not str(app.config["DATABASE_URL"]).startswith("sqlite"):
        return

    @app.before_request
    def _write_intent() -> None:
        WRITE_INTENT.set(request.method not in ("GET", "HEAD", "OPTIONS"))

    @app.teardown_request
    def _no_write_intent(_exc: BaseException | None) -> None:
        # The thread serves other requests (and tests open their own sessions) after this one.
        WRITE_INTENT.set(False)

    app.wsgi_app = RetryLocked(app.wsgi_app, int(app.config["MAX_CONTENT_LENGTH"]))  # type: ignore[method-assign]


def mark_locked() -> None:
    """Called by the 503 handler when the cause was a locked SQLite database: the middleware replays the request."""
    request.environ[LOCKED] = True
