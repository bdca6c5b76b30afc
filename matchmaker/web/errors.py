"""Error pages, including a clean 503 when the database is away."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

PAGES = {400, 403, 404, 405, 409, 413, 429, 500, 503}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def init_app(app: Flask) -> None:
    """Register handlers that render friendly, localised error pages."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        code = exc.code or 500
        if _wants_json():
            return jsonify({"status": "error", "code": code, "error": exc.name}), code
        template = f"errors/{code}.html" if code in PAGES else "errors/generic.html"
        return render_template(template, code=code, description=exc.description), code

    @app.errorhandler(OperationalError)
    @app.errorhandler(DBAPIError)
    def database_unavailable(exc: Exception) -> Any:
        # Connection trouble is temporary: tell the user to retry instead of showing a crash.
        app.logger.warning("database unavailable: %s", exc.__class__.__name__)
        if _wants_json():
            return jsonify({"status": "unavailable"}), 503, {"Retry-After": "10"}
        return render_template("errors/503.html", code=503), 503, {"Retry-After": "10"}
