"""Absolute URLs for mail and feeds, built from the configured public address (never from the request)."""

from __future__ import annotations

from typing import Any

from flask import current_app, url_for


def external_url(endpoint: str, **values: Any) -> str:
    """The absolute URL of `endpoint` under PUBLIC_URL (MATCHMAKER_PUBLIC_URL)."""
    base = str(current_app.config["PUBLIC_URL"]).rstrip("/")
    return base + url_for(endpoint, **values)
