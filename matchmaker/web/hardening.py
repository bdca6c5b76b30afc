"""Browser hardening and session hygiene: security headers on every response, idle timeout on every session."""

from __future__ import annotations

from flask import Flask, Response, abort, request, session

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

# No page of ours uses these; a script injected into one cannot either.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "accelerometer=(), gyroscope=(), magnetometer=(), browsing-topics=()"
)


def init_app(app: Flask) -> None:
    """Add CSP, nosniff, referrer policy and (in production) HSTS; make the idle timeout apply to every session."""
    # The signed cookie carries its own timestamp: Flask refuses cookies older than PERMANENT_SESSION_LIFETIME,
    # and re-issues the cookie on every request of a permanent session, so the lifetime is an IDLE timeout.
    app.config["SESSION_REFRESH_EACH_REQUEST"] = True
    if app.config["MATCHMAKER_ENV"] == "production" and str(app.config.get("RATELIMIT_STORAGE_URI", "")).startswith(
        "memory://"
    ):
        # Each server process would count on its own: login throttling needs shared storage.
        app.logger.warning("MATCHMAKER_RATELIMIT_STORAGE is memory://; set it to redis://... in production")

    @app.before_request
    def refuse_nul_bytes() -> None:
        # NUL is never meaningful text, and PostgreSQL refuses it in text columns: stop it at the door with a 400
        # instead of letting it reach the database as an error.
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for multi in (request.args, request.form) for key, values in multi.lists() for value in values
        ):
            abort(400)

    @app.before_request
    def idle_timeout() -> None:
        # Every session (also one created at registration) is permanent, so the cookie is refreshed on each
        # request and expires after the configured idle time, in the browser and on the server.
        # Empty sessions (anonymous visitors) are left alone so they get no cookie.
        if session and not session.permanent:
            session.permanent = True

    @app.after_request
    def add_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "_user_id" in session and request.endpoint != "static":
            # A signed-in page holds personal data: no browser or proxy cache may keep it (back button on a
            # shared computer after logout). Read from the session, not current_user: no database round trip.
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        if app.config["MATCHMAKER_ENV"] == "production":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
