"""Token authentication of the API: a bearer token, never a session cookie; scopes as the token's roles.

Refused tokens (unknown, revoked, expired) and missing scopes are security events and are audited.
"""

from __future__ import annotations

from apiflask import HTTPError
from flask import Response, g, request

from matchmaker.models import ApiToken, User
from matchmaker.services.accounts import tokens as token_service

from ..extensions import db
from .blueprint import auth
from .problems import problem_response


@auth.verify_token
def verify_token(secret: str) -> User | None:
    """The token's owner, or None (401) for a missing, unknown, revoked or expired token."""
    if not secret:
        return None
    try:
        token = token_service.authenticate(db.session, secret)
    except token_service.TokenRefused as refusal:
        db.session.rollback()
        token_service.record_refusal(db.session, refusal, request.path, request.remote_addr or "")
        db.session.commit()
        g.api_refusal = refusal.reason
        return None
    db.session.commit()  # last use, at most once a minute (tokens.authenticate)
    g.api_token = token
    return token.user


@auth.get_user_roles
def token_scopes(_user: User) -> list[str]:
    """The scopes of the presented token act as its roles: `auth_required(auth, roles=[scope])`."""
    token: ApiToken | None = g.get("api_token")
    return token_service.effective_scopes(token) if token is not None else []


@auth.error_processor
def auth_error(error: HTTPError) -> Response:
    """401 for no usable token, 403 for a token without the operation's scope (audited)."""
    if error.status_code == 403:
        token: ApiToken | None = g.get("api_token")
        needed = getattr(request.url_rule, "endpoint", "")
        db.session.rollback()
        from matchmaker.core import audit

        audit.record(db.session, token.user if token else None, "api.scope_refused", token, path=request.path[:200],
                     endpoint=needed)
        db.session.commit()
        return problem_response(403, "This token lacks the scope this operation needs.",
                                {"header.Authorization": "token lacks the required scope"})
    reason = g.get("api_refusal")
    detail = {"expired": "The token has expired.", "revoked": "The token was revoked."}.get(
        reason or "", "A valid bearer token is required (Authorization: Bearer mm_...).")
    return problem_response(401, detail, {"header.Authorization": reason or "missing or invalid"},
                            {"WWW-Authenticate": 'Bearer realm="matchmaker"'})


def api_user() -> User:
    """The owner of the request's token (API views behind auth_required only)."""
    user: User = auth.current_user  # type: ignore[assignment]
    return user
