"""Check-in by QR code: the signed token in the code's link, the short code a person can type, and the SVG.

A student's registration page shows a QR code with an absolute link to the coach's check-in page; the link carries
a token signed with the app's secret key (itsdangerous, a salt of its own), bound to the event and the
registration. The same registration also has a short check-in code (registration id and an HMAC) that a coach
types into the check-in list when the camera fails. Neither says who the student is: only a coach, signed in,
sees the name behind them. Shared by the main blueprint (the student's page) and the coach blueprint.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

import segno
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from markupsafe import Markup

from matchmaker.models import EventRegistration

from .urls import external_url

TOKEN_SALT = "matchmaker.event-check-in"
CODE_SALT = b"matchmaker.event-check-in-code"
# Crockford's base 32: no I, L, O or U, so what is read aloud is typed right; typing O, I or L is forgiven.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_CODE_LENGTH = 8


def _signer(secret_key: str | None = None) -> URLSafeSerializer:
    # Not timed: the same registration always gets the same code, so a screenshot taken at registration still
    # works at the door. Nothing expires because the token grants nothing by itself: only a signed-in coach can
    # use it, and the registration's status at that moment (a place, not cancelled) decides.
    key = current_app.config["SECRET_KEY"] if secret_key is None else secret_key
    return URLSafeSerializer(key, salt=TOKEN_SALT)


def make_token(event_id: int, registration_id: int, secret_key: str | None = None) -> str:
    """The signed token of one registration at one event (with the app's key, or the one given, e.g. by the
    browser walk, which prepares its pages outside the server)."""
    return str(_signer(secret_key).dumps({"e": event_id, "r": registration_id}))


def read_token(token: str) -> tuple[int, int] | None:
    """(event id, registration id) from a genuine token; None for a forged or altered one."""
    try:
        data = _signer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), int) for k in ("e", "r")):
        return None
    return data["e"], data["r"]


def _check_part(event_id: int, registration_id: int) -> str:
    key = hashlib.sha256(CODE_SALT + str(current_app.config["SECRET_KEY"]).encode()).digest()
    digest = hmac.new(key, f"{event_id}:{registration_id}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:5], "big")  # 40 bits: 8 characters of base 32
    return "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_CODE_LENGTH)))


def short_code(event_id: int, registration_id: int) -> str:
    """The code to type, like 42-7KQ9-M2XD: the registration's number and a check part only the app can make."""
    check = _check_part(event_id, registration_id)
    return f"{registration_id}-{check[:4]}-{check[4:]}"


def parse_code(typed: str) -> tuple[int, str] | None:
    """(registration id, check part) from what a coach typed (spaces, dashes and case do not matter), else None."""
    cleaned = re.sub(r"[\s\-]", "", typed).upper().translate(_TYPOS)
    number, check = cleaned[:-_CODE_LENGTH], cleaned[-_CODE_LENGTH:]
    if not number.isdigit() or len(number) > 12 or len(check) != _CODE_LENGTH:
        return None
    if any(ch not in _ALPHABET for ch in check):
        return None
    return int(number), check


def code_matches(event_id: int, registration_id: int, check: str) -> bool:
    """Whether a typed check part is the one of this registration at this event."""
    return hmac.compare_digest(check, _check_part(event_id, registration_id))


@dataclass(frozen=True)
class CheckInCard:
    """What the student's page shows: the link in the QR code, the code as text and the SVG."""

    url: str
    code: str
    svg: Markup


def card_for(registration: EventRegistration, alt_text: str) -> CheckInCard:
    """The QR card of a registration; `alt_text` becomes the SVG's accessible name (its <title>)."""
    url = external_url("coach.event_check_in_token", event_id=registration.event_id,
                       token=make_token(registration.event_id, registration.id))
    qr = segno.make(url, error="m")
    # Inline SVG, no external resource and no style attribute (the CSP forbids inline styles). role="img" and
    # aria-labelledby make screen readers announce the title rather than the drawing; light and dark are
    # fixed, so a dark theme does not invert the code, and the border is the quiet zone a scanner needs.
    svg = qr.svg_inline(scale=4, border=4, dark="#000", light="#fff", title=alt_text, svgid="check-in-qr",
                        svgclass="qr-code", lineclass=None)
    svg = svg.replace("<svg ", '<svg role="img" aria-labelledby="check-in-qr-title" ', 1)
    svg = svg.replace("<title>", '<title id="check-in-qr-title">', 1)
    return CheckInCard(url=url, code=short_code(registration.event_id, registration.id), svg=Markup(svg))
