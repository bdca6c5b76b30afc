"""Error pages: friendly localised HTTP errors, 409 on edit conflicts, a clean 503 when the database is away."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, render_template, request
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from matchmaker.core.errors import Conflict, NotFound
from matchmaker.core.paging import PastLastPage
from matchmaker.models.database import is_locked_error

from . import sqlite_retry

PAGES = {400, 403, 404, 405, 409, 413, 429, 500, 503}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _rollback() -> None:
    # The failed unit of work must leave nothing behind; teardown would roll back too, but the
    # error page may touch the session (menu, locale) and must not see a broken transaction.
    from .extensions import db

    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone (database outage); the page must still render
        pass


def init_app(app: Flask) -> None:
    """Register handlers that render friendly, localised error pages."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        code = exc.code or 500
        if request.path.startswith("/api/"):
            # Unknown API paths and wrong methods never reach the API blueprint's handlers: same problem+json.
            from .api.problems import werkzeug_problem

            return werkzeug_problem(exc)
        if _wants_json():
            return jsonify({"status": "error", "code": code, "error": exc.name}), code
        template = f"errors/{code}.html" if code in PAGES else "errors/generic.html"
        headers = {"Retry-After": "60"} if code == 429 else {}
        try:
            return render_template(template, code=code, description=exc.description), code, headers
        except (OperationalError, DBAPIError):
            # The page's menu needs the user, which needs the database: if that is away, say so cleanly.
            return database_unavailable(exc)

    @app.errorhandler(PastLastPage)
    def past_last_page(exc: PastLastPage) -> Any:
        # The same list with the same filters, on its last page (a stale link, a hand-typed number).
        args = request.args.to_dict(flat=False)
        args["page"] = [str(exc.last)]
        return redirect(f"{request.path}?{urlencode(args, doseq=True)}", 302)

    @app.errorhandler(NotFound)
    def not_found(exc: NotFound) -> Any:
        # Services raise NotFound for objects the caller may not see as well as for missing ones, so that
        # existence does not leak: both are the ordinary 404, and nothing the request began is kept.
        _rollback()
        if _wants_json():
            return jsonify({"status": "error", "code": 404, "error": "Not Found"}), 404
        return render_template("errors/404.html", code=404), 404

    @app.errorhandler(StaleDataError)
    @app.errorhandler(Conflict)
    @app.errorhandler(IntegrityError)
    def edit_conflict(exc: Exception) -> Any:
        # Optimistic locking refused a stale edit, or a concurrent request created the same row first
        # (unique constraint): nothing was written; the user reloads and retries.
        _rollback()
        app.logger.info("edit conflict on %s: %s", request.path, exc.__class__.__name__)
        if _wants_json():
            return jsonify({"status": "conflict"}), 409
        return render_template("errors/409.html", code=409), 409

    @app.errorhandler(DataError)
    def bad_data(exc: Exception) -> Any:
        # The database refused a value (too long, out of range, NUL byte): the input is at fault, not the service.
        _rollback()
        app.logger.warning("database refused a value on %s: %s", request.path, exc.__class__.__name__)
        if _wants_json():
            return jsonify({"status": "error", "code": 400}), 400
        return render_template("errors/400.html", code=400), 400

    @app.errorhandler(OperationalError)
    @app.errorhandler(DBAPIError)
    def database_unavailable(exc: Exception) -> Any:
        # Connection trouble is temporary: tell the user to retry instead of showing a crash.
        # The driver's first line says what failed ("database is locked", "connection refused"), never the data.
        reason = (str(getattr(exc, "orig", None) or exc).splitlines() or [""])[0][:200]
        if is_locked_error(exc):
            sqlite_retry.mark_locked()  # the demo's SQLite was busy: the request is run again (web/sqlite_retry.py)
        app.logger.warning("database unavailable: %s: %s", exc.__class__.__name__, reason)
        if _wants_json():
            return jsonify({"status": "unavailable"}), 503, {"Retry-After": "10"}
        # Rendered straight through Jinja: render_template would run the context processors, and Flask-Login's
        # looks the user up in the very database that is away.
        page = app.jinja_env.get_template("errors/503.html").render(code=503)
        return page, 503, {"Retry-After": "10"}
