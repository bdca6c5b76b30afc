"""The `api` blueprint object and its token authentication (documented in the OpenAPI description)."""

from __future__ import annotations

from apiflask import APIBlueprint, HTTPTokenAuth

bp = APIBlueprint("api", __name__, url_prefix="/api/v1", tag="api")

auth = HTTPTokenAuth(
    scheme="Bearer",
    description="A personal access token from the settings page (Account → API tokens), sent as "
                "`Authorization: Bearer mm_...`. Each operation names the scope it needs.",
)
