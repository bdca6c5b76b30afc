"""Problem details (RFC 9457): every API error is `application/problem+json` with a type, title, status and detail,
plus `errors` naming each refused field and why. Nothing a failed request began is kept (rolled back)."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint, HTTPError
from flask import Response, current_app, json, request
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from matchmaker.core.errors import Conflict, Forbidden, NotFound, ValidationError

PROBLEM_TYPE = "application/problem+json"
TYPE_BASE = "/api/v1/problems/"
TITLES = {
    400: "Bad request", 401: "Authentication required", 403: "Forbidden", 404: "Not found",
    405: "Method not allowed", 406: "Not acceptable", 409: "Conflict", 412: "Precondition failed",
    413: "Request too large", 415: "Unsupported media type", 422: "Validation failed",
    428: "Precondition required", 429: "Too many requests", 500: "Internal error", 503: "Service unavailable",
}
SLUGS = {
    400: "bad-request", 401: "unauthenticated", 403: "forbidden", 404: "not-found", 405: "method-not-allowed",
    406: "not-acceptable", 409: "conflict", 412: "precondition-failed", 413: "too-large",
    415: "unsupported-media-type", 422: "validation", 428: "precondition-required", 429: "rate-limited",
    500: "internal", 503: "unavailable",
}


class Problem(Exception):
    """Raised by API views to answer with a problem; `errors` maps a field (dotted path) to its reason."""

    def __init__(self, status: int, detail: str = "", errors: dict[str, str] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers = status, detail, errors or {}, headers or {}


def problem_response(status: int, detail: str = "", errors: dict[str, str] | None = None,
                     headers: dict[str, str] | None = None) -> Response:
    """A problem+json response."""
    body: dict[str, Any] = {
        "type": TYPE_BASE + SLUGS.get(status, "error"), "title": TITLES.get(status, "Error"), "status": status,
        "detail": detail or TITLES.get(status, "Error"), "instance": request.path,
    }
    if errors:
        body["errors"] = [{"field": field, "reason": reason} for field, reason in sorted(errors.items())]
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _flatten(messages: Any, prefix: str = "") -> dict[str, str]:
    """webargs/marshmallow messages ({"json": {"title": ["..."]}}) as {"title": "..."} (dotted for nesting)."""
    out: dict[str, str] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.update(_flatten(value, name))
    elif isinstance(messages, list | tuple):
        if all(isinstance(m, str) for m in messages):
            out[prefix or "body"] = " ".join(messages)
        else:
            for i, value in enumerate(messages):
                out.update(_flatten(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        out[prefix or "body"] = str(messages)
    return out


def validation_fields(detail: Any) -> dict[str, str]:
    """Field errors of a validation HTTPError, without the location level (json, query, headers)."""
    if isinstance(detail, dict) and set(detail) <= {"json", "query", "headers", "form", "files", "path"}:
        merged: dict[str, str] = {}
        for location, messages in detail.items():
            for field, reason in _flatten(messages).items():
                merged[field if location != "headers" else f"header.{field}"] = reason
        return merged
    return _flatten(detail) if detail else {}


def _rollback() -> None:
    from ..extensions import db

    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone; the problem must still be answered
        pass


def from_http_error(error: HTTPError) -> Response:
    """apiflask's errors (request validation, auth, abort) as problems."""
    _rollback()
    status = error.status_code
    if status == 400 and error.message == "Invalid JSON body.":
        return problem_response(400, "The body is not valid JSON.", {"body": "is not valid JSON"})
    fields = validation_fields(error.detail) if status == 422 else {}
    detail = "Some fields were refused; see errors." if fields else str(error.message or "")
    return problem_response(status, detail, fields, dict(error.headers or {}))


def register(bp: APIBlueprint) -> None:
    """Answer every error raised inside the API blueprint with a problem."""

    @bp.errorhandler(Problem)
    def _problem(exc: Problem) -> Response:
        _rollback()
        return problem_response(exc.status, exc.detail, exc.errors, exc.headers)

    @bp.errorhandler(HTTPError)
    def _http_error(exc: HTTPError) -> Response:
        return from_http_error(exc)

    @bp.errorhandler(HTTPException)
    def _werkzeug(exc: HTTPException) -> Response:
        return werkzeug_problem(exc)

    @bp.errorhandler(ValidationError)
    def _invalid(exc: ValidationError) -> Response:
        _rollback()
        return problem_response(422, "Some fields were refused; see errors.", exc.errors)

    @bp.errorhandler(NotFound)
    def _not_found(_exc: NotFound) -> Response:
        # The same answer for missing objects and objects the caller may not see: existence does not leak.
        _rollback()
        return problem_response(404, "No such resource, or not visible with this token.")

    @bp.errorhandler(Forbidden)
    def _forbidden(exc: Forbidden) -> Response:
        _rollback()
        return problem_response(409, str(exc))

    @bp.errorhandler(Conflict)
    @bp.errorhandler(StaleDataError)
    def _stale(_exc: Exception) -> Response:
        # The version given in If-Match is not the current one (or a concurrent change won the race).
        _rollback()
        return problem_response(412, "The resource was changed since you read it; fetch it again for its ETag.",
                                {"header.If-Match": "does not match the current version"})

    @bp.errorhandler(IntegrityError)
    def _integrity(_exc: IntegrityError) -> Response:
        _rollback()
        return problem_response(409, "A concurrent request created the same thing first; retry.")

    @bp.errorhandler(DataError)
    def _data(_exc: DataError) -> Response:
        _rollback()
        return problem_response(422, "The database refused a value (too long or out of range).")

    @bp.errorhandler(OperationalError)
    @bp.errorhandler(DBAPIError)
    def _unavailable(exc: Exception) -> Response:
        _rollback()
        current_app.logger.warning("database unavailable (api): %s", exc.__class__.__name__)
        return problem_response(503, "The database is unavailable; retry shortly.", headers={"Retry-After": "10"})


def werkzeug_problem(exc: HTTPException) -> Response:
    """A werkzeug HTTP error (404 of an unknown path, 405, 413, 429 ...) as a problem."""
    _rollback()
    status = exc.code or 500
    headers = {k: v for k, v in exc.get_headers() if k.lower() not in ("content-type", "content-length")}
    if status == 429:
        headers.setdefault("Retry-After", "60")
    detail = {413: "The body is larger than the API accepts.", 429: "Too many requests with this token; slow down."}
    messages = (getattr(exc, "data", None) or {}).get("messages")  # webargs: {"json": ["Invalid JSON body."]}
    if status == 400 and messages:
        return problem_response(400, "The body is not valid JSON.", {"body": "is not valid JSON"}, headers)
    return problem_response(status, detail.get(status, exc.name), headers=headers)
