"""The JSON API v1 (`/api/v1/`): token auth, problem+json errors, cursor pagination, ETags, per-token rate
limits, and an OpenAPI 3.1 description generated from the code (docs/api.md is the guide)."""

from __future__ import annotations

# Importing the view modules registers their routes on bp.
from . import auth, problems, views_followup, views_meta, views_offers, views_people  # noqa: F401
from .blueprint import bp
from .setup import init_app

problems.register(bp)

__all__ = ["bp", "init_app"]
