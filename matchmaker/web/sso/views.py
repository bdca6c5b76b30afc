"""SAML 2.0 endpoints: SP metadata, login (HTTP-Redirect to the IdP), the assertion consumer (HTTP-POST), logout.

Every refused response (bad signature, wrong audience, expired, replayed, unsolicited) gets the SSO error page
with status 400, changes nothing and is audited.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.metadata import create_metadata_string
from saml2.saml import name_id_from_string
from werkzeug.wrappers import Response

from matchmaker.services.accounts import sso

from ..access import home_url, safe_next
from ..extensions import csrf, db, limiter
from . import saml
from .blueprint import bp

MAX_RESPONSE = 200_000


def _require_enabled() -> None:
    if not saml.enabled():
        abort(404)


def _location(info: dict[str, Any]) -> str:
    return next(value for key, value in info["headers"] if key == "Location")


def _refuse(reason: str, **details: str) -> tuple[str, int]:
    db.session.rollback()
    sso.record_refusal(db.session, reason, address=request.remote_addr or "", **details)
    db.session.commit()
    return render_template("sso/error.html", reason=reason), 400


@bp.route("/saml/metadata")
def metadata() -> Response:
    """This service provider's SAML metadata (to register in SWAMID)."""
    _require_enabled()
    xml = create_metadata_string(None, config=saml.client().config, valid=24 * 14, sign=False)
    return Response(xml, mimetype="application/samlmetadata+xml")


@bp.route("/saml/login")
@limiter.limit("30 per minute")
def login() -> Response:
    """Send the browser to the university's identity provider with a signed AuthnRequest."""
    _require_enabled()
    client = saml.client()
    target = safe_next(request.args.get("next")) or ""
    request_id, info = client.prepare_for_authenticate(entityid=saml.idp_entity_id(client), relay_state="",
                                                       binding=BINDING_HTTP_REDIRECT)
    # The outstanding request: the response must answer exactly this one, once (InResponseTo).
    pending = dict(session.get("saml_requests") or {})
    pending = dict(list(pending.items())[-4:])
    pending[request_id] = target
    session["saml_requests"] = pending
    return redirect(_location(info))


@bp.route("/saml/acs", methods=["POST"])
@csrf.exempt
@limiter.limit("30 per minute")
def acs() -> Any:
    """Consume the IdP's response: check it, then log the person in (or explain why not)."""
    _require_enabled()
    raw = request.form.get("SAMLResponse", "")
    if not raw or len(raw) > MAX_RESPONSE:
        return _refuse("the response is missing or too large")
    pending: dict[str, str] = dict(session.get("saml_requests") or {})
    client = saml.client()
    try:
        response = client.parse_authn_request_response(raw, BINDING_HTTP_POST, outstanding=pending)
    except Exception as exc:  # noqa: BLE001 - pysaml2 signals each failed check with its own exception type
        return _refuse("the identity provider's response failed a check", check=type(exc).__name__,
                       message=str(exc)[:300])
    if response is None or response.assertion is None:
        return _refuse("the identity provider's response carried no assertion")
    target = pending.pop(response.in_response_to or "", "")
    session["saml_requests"] = pending
    conditions = response.assertion.conditions
    expires = _parse_time(conditions.not_on_or_after if conditions is not None else None)
    try:
        sso.remember_assertion(db.session, response.assertion.id, expires)
        person = sso.UniversityPerson.from_attributes(response.issuer(), response.ava)
        result = sso.sign_in(db.session, person, saml.allowed_scopes())
    except sso.SsoRefused as refusal:
        return _refuse(refusal.reason, idp=response.issuer())
    db.session.commit()
    if result.user is None:
        return render_template("sso/staff_pending.html"), 200
    lang = session.get("lang")
    session.clear()  # a fresh session at login: no fixation
    if lang:
        session["lang"] = lang
    session.permanent = True
    login_user(result.user)
    session["saml"] = {"idp": response.issuer(), "name_id": str(response.name_id),
                       "session_index": _session_index(response)}
    if result.outcome == "created_student":
        flash(_("Welcome to Matchmaker! Complete your profile so employers and coaches can find you."), "success")
        return redirect(url_for("student.profile"))
    return redirect(safe_next(target) or home_url(result.user.role))


def _session_index(response: Any) -> str:
    statements = getattr(response.assertion, "authn_statement", None) or []
    return str(statements[0].session_index or "") if statements else ""


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None


@bp.route("/saml/logout", methods=["POST"])
def logout() -> Response:
    """Log out here and, after an SSO login, at the identity provider too (single logout)."""
    info = session.get("saml")
    logout_user()
    session.clear()
    if not info or not saml.enabled():
        return redirect(url_for("main.index"))
    client = saml.client()
    name_id = name_id_from_string(info["name_id"])
    destination = client.metadata.single_logout_service(info["idp"], BINDING_HTTP_REDIRECT, "idpsso")[0]["location"]
    request_id, message = client.create_logout_request(destination, info["idp"], name_id=name_id,
                                                       session_indexes=[info.get("session_index") or ""], sign=False)
    http = client.apply_binding(BINDING_HTTP_REDIRECT, str(message), destination, relay_state="", sign=True,
                                sigalg=client.signing_algorithm)
    return redirect(_location(http))


@bp.route("/saml/sls")
def sls() -> Any:
    """The IdP's answer to our logout, or its own logout request (the user logged out elsewhere)."""
    _require_enabled()
    client = saml.client()
    if request.args.get("SAMLResponse"):
        try:
            client.parse_logout_request_response(request.args["SAMLResponse"], BINDING_HTTP_REDIRECT)
        except Exception as exc:  # noqa: BLE001 - any failed check: refuse
            return _refuse("the logout response failed a check", check=type(exc).__name__)
        flash(_("You are logged out."), "info")
        return redirect(url_for("main.index"))
    if request.args.get("SAMLRequest"):
        try:
            parsed = client.parse_logout_request(request.args["SAMLRequest"], BINDING_HTTP_REDIRECT)
        except Exception as exc:  # noqa: BLE001
            return _refuse("the logout request failed a check", check=type(exc).__name__)
        if parsed is None:
            return _refuse("the logout request failed a check")
        if current_user.is_authenticated:
            logout_user()
        session.clear()
        message = client.create_logout_response(parsed.message, [BINDING_HTTP_REDIRECT])
        destination = client.metadata.single_logout_service(parsed.message.issuer.text, BINDING_HTTP_REDIRECT,
                                                            "idpsso")[0]["location"]
        http = client.apply_binding(BINDING_HTTP_REDIRECT, str(message), destination, response=True, sign=True,
                                    sigalg=client.signing_algorithm)
        return redirect(_location(http))
    abort(400)

