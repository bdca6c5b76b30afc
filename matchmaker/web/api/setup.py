"""Wiring of the API into the app: CSRF exemption, rate limits per token, body checks, the spec's error shapes."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path
from typing import Any

import flask_swagger_ui
from flask import Flask, Response, current_app, request, send_from_directory

from ..extensions import csrf, limiter
from ..hardening import CSP
from .blueprint import bp
from .problems import Problem, problem_response

SWAGGER_DIST = Path(flask_swagger_ui.__file__).parent / "dist"
BODY_LIMIT = 1024 * 1024
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "instance": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["field", "reason"],
            "properties": {"field": {"type": "string"}, "reason": {"type": "string"}}}},
    },
}
VERSIONED = {"updateOffer", "submitOffer", "moveApplication"}


def token_key() -> str:
    """Rate-limit key: the presented token (hashed), else the client address."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer ") and len(header) > 7:
        return "api-token:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:32]
    return "api-addr:" + (request.remote_addr or "")


def _rate() -> str:
    return str(current_app.config.get("API_RATE_LIMIT", "300 per minute"))


def _merge_duplicates(spec: dict[str, Any]) -> None:
    # apiflask registers a schema again (as "Offer1") when apispec met it nested first: point every reference
    # at the first, identical definition and drop the copy, so each schema has one name.
    schemas = spec["components"]["schemas"]
    renames = {name: name.rstrip("0123456789") for name in list(schemas)
               if name[-1:].isdigit() and schemas.get(name.rstrip("0123456789")) == schemas[name]}
    for name in renames:
        del schemas[name]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in renames:
                node["$ref"] = "#/components/schemas/" + renames[ref.rsplit("/", 1)[-1]]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)


def openapi_spec(app: Flask) -> dict[str, Any]:
    """The app's OpenAPI description (generated once, then cached)."""
    with warnings.catch_warnings():
        # The re-registration that _merge_duplicates undoes warns in apispec; the result is checked by tests.
        warnings.filterwarnings("ignore", message=".*has already been added to the spec", category=UserWarning)
        return app._get_spec("json")  # type: ignore[attr-defined, no-any-return]


def process_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Errors are problem+json (RFC 9457); updates take If-Match; every operation may be rate limited."""
    _merge_duplicates(spec)
    spec.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for name in ("HTTPError", "ValidationError"):
        spec["components"]["schemas"].pop(name, None)
    spec["servers"] = [{"url": str(current_app.config["PUBLIC_URL"]).rstrip("/")}]
    spec["info"]["description"] = (
        "Matchmaker's JSON API: Karriärsök offers, applications, matches, Kompetenskontraktet. Authenticate with "
        "a personal access token (settings page → API tokens). Errors are application/problem+json. The guide: "
        "docs/api.md.")
    for path in spec.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            responses.setdefault("429", {"description": "Too many requests with this token"})
            responses.setdefault("400", {"description": "Malformed request (invalid JSON, a forged cursor)"})
            if "requestBody" in operation:
                responses.setdefault("413", {"description": "Body larger than 1 MB"})
                responses.setdefault("415", {"description": "Body not sent as application/json"})
            for code, response in responses.items():
                if code.isdigit() and int(code) >= 400:
                    response["content"] = {"application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Problem"}}}
            if operation.get("operationId") in VERSIONED:
                operation.setdefault("parameters", []).append({
                    "name": "If-Match", "in": "header", "required": True, "schema": {"type": "string"},
                    "description": "The ETag you read (required: 428 without it, 412 when stale)."})
    return spec


def init_app(app: Flask) -> None:
    """CSRF does not apply to token requests; limits are per token; the spec documents problems."""
    csrf.exempt(bp)
    for blueprint in app.blueprints.values():
        # apiflask reads this flag on every blueprint with before_request hooks; the HTML areas are no API.
        if not hasattr(blueprint, "enable_openapi"):
            blueprint.enable_openapi = False  # type: ignore[attr-defined]
    limiter.limit(_rate, key_func=token_key)(bp)
    app.spec_processor(process_spec)  # type: ignore[attr-defined]
    app.config.setdefault("API_RATE_LIMIT", "300 per minute")
    app.config["AUTO_OPERATION_ID"] = False


@bp.before_request
def refuse_cookies_and_big_bodies() -> None:
    """Ids beyond the database's integers are unknown (404); bodies over 1 MB are refused; JSON must say so."""
    if any(isinstance(v, int) and not 0 < v < 2**31 for v in (request.view_args or {}).values()):
        raise Problem(404, "No such resource, or not visible with this token.")
    if request.content_length is not None and request.content_length > BODY_LIMIT:
        raise Problem(413, "The body is larger than the API accepts (1 MB).", {"body": "is too large"})
    if request.method in ("POST", "PUT", "PATCH") and request.content_length and not request.is_json:
        raise Problem(415, "Send the body as application/json.", {"header.Content-Type": "must be application/json"})


@bp.after_request
def api_headers(response: Response) -> Response:
    """Answers are not cached by intermediaries; the docs page may load Swagger UI's inline styles."""
    response.headers["Cache-Control"] = response.headers.get("Cache-Control", "no-store")
    if request.endpoint == "api.docs":
        response.headers["Content-Security-Policy"] = CSP.replace("style-src 'self'",
                                                                  "style-src 'self' 'unsafe-inline'")
    return response


@bp.route("/docs/assets/<path:filename>")
@bp.doc(hide=True)
def docs_asset(filename: str) -> Response:
    """Swagger UI's files, from the installed flask-swagger-ui package."""
    if filename not in {"swagger-ui-bundle.js", "swagger-ui.css"}:
        return problem_response(404, "No such file.")
    response = send_from_directory(SWAGGER_DIST, filename, max_age=86400)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
