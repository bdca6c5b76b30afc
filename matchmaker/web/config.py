"""Configuration from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ENVIRONMENTS = ("development", "testing", "production")
# The fixed key of development and tests: public, so never accepted in production.
DEVELOPMENT_SECRET_KEY = "dev-only-not-secret"


class ConfigError(RuntimeError):
    """The configuration cannot run."""


def load_config(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config from MATCHMAKER_* environment variables, then apply overrides."""
    overrides = dict(overrides or {})
    # Whether the environment was named at all: the development key is only for an environment named so.
    explicit = "ENV" in overrides or bool(os.environ.get("MATCHMAKER_ENV"))
    env = overrides.pop("ENV", os.environ.get("MATCHMAKER_ENV") or "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"MATCHMAKER_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    default_db = "sqlite:///" + str(Path(instance_path) / "matchmaker.sqlite")
    secret = os.environ.get("MATCHMAKER_SECRET_KEY", "")
    config: dict[str, Any] = {
        "MATCHMAKER_ENV": env,
        "DATABASE_URL": os.environ.get("MATCHMAKER_DATABASE_URL", default_db),
        "SECRET_KEY": secret,
        "TESTING": env == "testing",
        # "thread": in-process worker (demo); "rq": Redis workers (production); "sync": inline (tests).
        "QUEUE_BACKEND": os.environ.get("MATCHMAKER_QUEUE", "rq" if env == "production" else "thread"),
        "REDIS_URL": os.environ.get("MATCHMAKER_REDIS_URL", "redis://127.0.0.1:6379/0"),
        # Throttling must be shared by every web process in production: Redis there, memory in the demo.
        "RATELIMIT_STORAGE_URI": os.environ.get(
            "MATCHMAKER_RATELIMIT_STORAGE",
            os.environ.get("MATCHMAKER_REDIS_URL", "redis://127.0.0.1:6379/0") if env == "production" else "memory://",
        ),
        # The address users reach the service at: every absolute URL in mail and feeds is built from it, never
        # from the request's Host header (web/urls.py). Required in production.
        "PUBLIC_URL": os.environ.get("MATCHMAKER_PUBLIC_URL", "" if env == "production" else
                                     "http://localhost" if env == "testing" else "http://127.0.0.1:8000"),
        # Extra Host header values to accept in production besides the public URL's (comma-separated).
        "EXTRA_TRUSTED_HOSTS": [h.strip() for h in os.environ.get("MATCHMAKER_TRUSTED_HOSTS", "").split(",")
                                if h.strip()],
        # How many reverse proxies in front of the app set X-Forwarded-For/-Proto (0: the headers are ignored).
        "PROXY_HOPS": _hops(os.environ.get("MATCHMAKER_PROXY_HOPS", "0")),
        # University single sign-on (SAML 2.0, SWAMID); off unless the IdP metadata is configured (README).
        "SAML_IDP_METADATA": os.environ.get("MATCHMAKER_SAML_IDP_METADATA", ""),
        "SAML_IDP_ENTITY_ID": os.environ.get("MATCHMAKER_SAML_IDP_ENTITY_ID", ""),
        "SAML_SP_KEY_FILE": os.environ.get("MATCHMAKER_SAML_SP_KEY_FILE", ""),
        "SAML_SP_CERT_FILE": os.environ.get("MATCHMAKER_SAML_SP_CERT_FILE", ""),
        "SAML_ENTITY_ID": os.environ.get("MATCHMAKER_SAML_ENTITY_ID", ""),
        "SAML_ALLOWED_SCOPES": os.environ.get("MATCHMAKER_SAML_ALLOWED_SCOPES", ""),
        "API_RATE_LIMIT": os.environ.get("MATCHMAKER_API_RATE_LIMIT", "300 per minute"),
        "SMTP_HOST": os.environ.get("MATCHMAKER_SMTP_HOST", ""),
        "SMTP_PORT": int(os.environ.get("MATCHMAKER_SMTP_PORT", "25")),
        "MAIL_FROM": os.environ.get("MATCHMAKER_MAIL_FROM", "noreply@matchmaker.example.org"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": env == "production",
        "PERMANENT_SESSION_LIFETIME": int(os.environ.get("MATCHMAKER_IDLE_TIMEOUT", str(30 * 60))),
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # The offer index refits in a background thread after changes; tests refit inline, because a thread
        # cannot see their open transaction.
        "INDEX_BACKGROUND_REFIT": True,
        # Freshness check at most every 2 s per process (a change made in the process itself at once); a full
        # refit (new words) after 25 changed offers or 10 minutes after a change; changed offers are upserted at
        # once either way (docs/matching.md). The SQLite demo is one process with a small corpus, whose refit
        # costs little: there every change refits (in the background), so a new offer's words are found at once.
        "INDEX_CHECK_SECONDS": float(os.environ.get("MATCHMAKER_INDEX_CHECK_SECONDS", "2")),
        "INDEX_REFIT_CHANGES": int(os.environ.get(
            "MATCHMAKER_INDEX_REFIT_CHANGES",
            "1" if os.environ.get("MATCHMAKER_DATABASE_URL", default_db).startswith("sqlite") else "25")),
        "INDEX_REFIT_SECONDS": float(os.environ.get("MATCHMAKER_INDEX_REFIT_SECONDS", "600")),
        # Several web processes: one refits and saves the index to INDEX_PATH, the others load it.
        "INDEX_PATH": os.environ.get("MATCHMAKER_INDEX_PATH", ""),
        "INDEX_REFITTER": os.environ.get("MATCHMAKER_INDEX_REFITTER", "1") not in ("0", "false", "no"),
        "BABEL_DEFAULT_LOCALE": "sv",
        "WTF_CSRF_TIME_LIMIT": None,
    }
    config.update(overrides)
    if config["MATCHMAKER_ENV"] == "production" and not config["SECRET_KEY"]:
        raise ConfigError("MATCHMAKER_SECRET_KEY must be set in production")
    if config["MATCHMAKER_ENV"] == "production" and not config["PUBLIC_URL"]:
        raise ConfigError("MATCHMAKER_PUBLIC_URL must be set in production (e.g. https://matchmaker.example.org)")
    if not config["SECRET_KEY"]:
        if not explicit:
            # A forgotten MATCHMAKER_ENV must not leave a server signing sessions with a public key.
            raise ConfigError("MATCHMAKER_SECRET_KEY is not set: set it, or set MATCHMAKER_ENV=development "
                              "to run with the fixed development key")
        # Development and tests get a fixed, clearly non-secret key so sessions survive restarts.
        config["SECRET_KEY"] = DEVELOPMENT_SECRET_KEY
    if config["MATCHMAKER_ENV"] == "production" and "ACCEPTED_HOSTS" not in config:
        # Requests for any other Host are refused (400, web/proxy.py), so no header can steer what the app
        # thinks it is called. (Not Flask's TRUSTED_HOSTS: its refusal cannot render an error page.)
        config["ACCEPTED_HOSTS"] = [urlsplit(config["PUBLIC_URL"]).hostname or "", *config["EXTRA_TRUSTED_HOSTS"]]
    return config


def _hops(raw: str) -> int:
    if not (raw.strip().isascii() and raw.strip().isdigit()) or int(raw) > 5:
        raise ConfigError(f"MATCHMAKER_PROXY_HOPS must be a number from 0 to 5, not {raw!r}")
    return int(raw)
