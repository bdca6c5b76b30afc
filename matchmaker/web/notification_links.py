"""Where a notification leads: each blueprint registers the page for an object type and the reader's role."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from matchmaker.models import Notification, Role
from matchmaker.services.notifications.kinds import KINDS

# (object type, reader's role) -> (endpoint, name of the id argument)
_LINKS: dict[tuple[str, Role], tuple[str, str]] = {}


def register_link(object_type: str, role: Role, endpoint: str, id_arg: str | None = None) -> None:
    """Let notifications about `object_type` lead `role` to `endpoint` (with the object id as `id_arg`)."""
    _LINKS[(object_type, role)] = (endpoint, id_arg or "")


def link_for(note: Notification, role: Role) -> str | None:
    """The page a notification leads its reader to, if any."""
    target = _LINKS.get((note.object_type, role))
    if target is None:
        return None
    endpoint, id_arg = target
    try:
        if id_arg and note.object_id is not None:
            return url_for(endpoint, **{id_arg: note.object_id})
        return url_for(endpoint)
    except BuildError:
        return None


# The pages that exist for everyone's objects; features add theirs with register_link at import time.
for _type, _role, _endpoint, _arg in (
    ("application", Role.STUDENT, "student.applications_list", None),
    ("application", Role.EMPLOYER, "employer.application_detail", "application_id"),
    ("offer", Role.STUDENT, "main.offer_detail", "offer_id"),
    ("offer", Role.EMPLOYER, "employer.offer_detail", "offer_id"),
    ("offer", Role.COACH, "coach.review_offer", "offer_id"),
    ("round", Role.STUDENT, "student.allocation_round", "round_id"),
    ("round", Role.EMPLOYER, "employer.allocation_round", "round_id"),
    ("round", Role.COACH, "coach.allocation_round", "round_id"),
    ("contract", Role.EMPLOYER, "employer.contracts", None),
    ("contract", Role.COACH, "coach.contract", "contract_id"),
):
    register_link(_type, _role, _endpoint, _arg)


def text_of(note: Notification) -> str:
    """The notification's text in the current language."""
    kind = KINDS.get(note.kind)
    if kind is None:
        return note.kind
    try:
        return _(kind.text) % note.params
    except (KeyError, TypeError, ValueError):
        # A stored notification whose params do not fit the text (it changed since): show it untranslated.
        return kind.text
