"""Mail preferences: per user and category, immediately, as a daily or weekly digest, or only in the app."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import ValidationError
from matchmaker.models import MailPreference, User

from .kinds import CATEGORIES, KINDS

IMMEDIATE, DAILY, WEEKLY, APP_ONLY = "immediate", "daily", "weekly", "app"
MODES = (IMMEDIATE, DAILY, WEEKLY, APP_ONLY)
DIGESTS = (DAILY, WEEKLY)

# What a user gets before choosing: what needs an answer soon comes at once, the rest is bundled.
DEFAULTS: dict[str, str] = {
    "applications": IMMEDIATE,
    "messages": IMMEDIATE,
    "offers": IMMEDIATE,
    "allocation": IMMEDIATE,
    "recommendations": IMMEDIATE,  # an employer's invitation to apply was always mailed at once
    "contracts": WEEKLY,
    "deadlines": IMMEDIATE,
    "alerts": IMMEDIATE,  # the saved search itself says how often it looks (daily or weekly)
    "events": IMMEDIATE,
    "mentoring": DAILY,
    "alumni": IMMEDIATE,  # once, at graduation
}

# English msgids, translated where they are shown (the settings page, the mail footer).
CATEGORY_LABELS: dict[str, str] = {
    "applications": "Applications and places",
    "messages": "Messages and interviews",
    "offers": "Offers and their review",
    "allocation": "Allocation rounds",
    "recommendations": "Recommendations and invitations",
    "contracts": "Competence contracts",
    "deadlines": "Deadlines",
    "alerts": "Saved-search alerts",
    "events": "Events and meeting places",
    "mentoring": "Mentoring",
    "alumni": "Alumni network",
}
MODE_LABELS: dict[str, str] = {
    IMMEDIATE: "Immediately",
    DAILY: "Daily digest",
    WEEKLY: "Weekly digest",
    APP_ONLY: "Only in the app",
}

assert set(DEFAULTS) == set(CATEGORIES) == set(CATEGORY_LABELS), "every category needs a default and a label"


def switchable_categories() -> list[str]:
    """The categories a user may choose for (those with at least one kind that is not a security mail)."""
    return [c for c in CATEGORIES if any(k.category == c and not k.security for k in KINDS.values())]


def modes_of(session: Session, user_id: int) -> dict[str, str]:
    """The user's mode per category (defaults where they chose nothing)."""
    chosen = {p.category: p.mode for p in session.scalars(
        select(MailPreference).where(MailPreference.user_id == user_id))}
    return {c: chosen.get(c, DEFAULTS[c]) for c in CATEGORIES}


def mode_for(session: Session, user_id: int, kind: str, cache: dict[int, dict[str, str]] | None = None) -> str:
    """How a notification of `kind` reaches this user by mail; security kinds always come at once."""
    spec = KINDS[kind]
    if spec.security:
        return IMMEDIATE
    if cache is not None:
        if user_id not in cache:
            cache[user_id] = modes_of(session, user_id)
        return cache[user_id][spec.category]
    return modes_of(session, user_id)[spec.category]


def set_modes(session: Session, user: User, modes: dict[str, str]) -> dict[str, str]:
    """Save the user's choices; an unknown category or mode is refused as a whole (nothing changes)."""
    errors = {}
    allowed = set(switchable_categories())
    for category, mode in modes.items():
        if category not in allowed:
            errors[category] = "is not a category you can choose for"
        elif mode not in MODES:
            errors[category] = "is not a valid choice"
    if errors:
        raise ValidationError(errors)
    existing = {p.category: p for p in session.scalars(
        select(MailPreference).where(MailPreference.user_id == user.id))}
    changed = {}
    for category, mode in modes.items():
        row = existing.get(category)
        if row is None:
            if mode == DEFAULTS[category]:
                continue
            session.add(MailPreference(user_id=user.id, category=category, mode=mode))
        elif row.mode == mode:
            continue
        else:
            row.mode = mode
        changed[category] = mode
    session.flush()
    if changed:
        audit.record(session, user, "mail_preferences.update", user, **changed)
    return modes_of(session, user.id)


def unsubscribe(session: Session, user: User, categories: list[str]) -> list[str]:
    """Switch mail off (only in the app) for the categories; returns those that were on."""
    current = modes_of(session, user.id)
    allowed = set(switchable_categories())
    turned = [c for c in categories if c in allowed and current.get(c) != APP_ONLY]
    if turned:
        set_modes(session, user, {c: APP_ONLY for c in turned})
        audit.record(session, user, "mail.unsubscribe", user, categories=turned)
    return turned
