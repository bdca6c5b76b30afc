"""Notification mail: at once or in digests, in the recipient's language, each with a one-click unsubscribe.

Services cannot use Flask-Babel, so the words and links of a mail come from a `MailRenderer`. The web app
installs one at start-up (web/notification_mail.py: the compiled catalogue, absolute links under PUBLIC_URL,
signed unsubscribe tokens); every process that sends notifications (web, worker, scheduler) creates the app
first. Without one (a bare service test), mails are English with relative links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import mail
from matchmaker.jobs.registry import job
from matchmaker.models import Application, Notification, Role, User, utcnow

from .kinds import CATEGORIES, KINDS
from .preferences import APP_ONLY, CATEGORY_LABELS, DIGESTS, IMMEDIATE, MODE_LABELS, mode_for, modes_of

SUBJECT_MAX = 200
# Reason codes an event may carry in its params, told in the mail (English msgids).
REASONS = {
    "nothing_found": "It found no new offers for 90 days. Switch it back on from the link below if you still want it.",
    "inactive": "You have not logged in for 90 days. Switch it back on from the link below if you still want it.",
}


class MailRenderer(Protocol):
    """What mail needs from the web layer: words in a language, and absolute links."""

    def gettext(self, locale: str, msgid: str) -> str: ...
    def notification_url(self, notification_id: int) -> str: ...
    def settings_url(self) -> str: ...
    def unsubscribe_url(self, user_id: int, scope: str) -> str: ...


class PlainRenderer:
    """English words and relative links: for processes without the web app (tests of services)."""

    def gettext(self, locale: str, msgid: str) -> str:
        return msgid

    def notification_url(self, notification_id: int) -> str:
        return f"/notifications/{notification_id}"

    def settings_url(self) -> str:
        return "/account/notifications/settings"

    def unsubscribe_url(self, user_id: int, scope: str) -> str:
        return f"/unsubscribe/plain-{user_id}-{scope}"


_RENDERER: list[MailRenderer] = [PlainRenderer()]


def install_renderer(renderer: MailRenderer) -> None:
    """Use `renderer` for every notification mail of this process (the app does this at start-up)."""
    _RENDERER[0] = renderer


def renderer() -> MailRenderer:
    """The installed renderer."""
    return _RENDERER[0]


# -- privacy: what a recipient may read about a student ----------------------------------------------------------
def _employer_may_see_student(session: Session, user: User, note: Notification) -> bool:
    """An employer sees a student's name only about an application to one of its own organisation's offers."""
    if note.object_type != "application" or note.object_id is None:
        return False
    application = session.get(Application, note.object_id)
    return application is not None and user.organization_id is not None \
        and application.offer.organization_id == user.organization_id


def visible_params(session: Session, user: User, note: Notification, tr: MailRenderer) -> dict[str, Any]:
    """The note's params as this recipient may read them in a mail (a student they may not see stays unnamed)."""
    params = dict(note.params or {})
    if "student" in params and user.role == Role.EMPLOYER and not _employer_may_see_student(session, user, note):
        params["student"] = tr.gettext(user.locale.value, "a student")
    return params


def text_for(session: Session, user: User, note: Notification, tr: MailRenderer | None = None) -> str:
    """The note's one-line text in the recipient's language."""
    tr = tr or renderer()
    kind = KINDS.get(note.kind)
    if kind is None:
        return note.kind
    try:
        return tr.gettext(user.locale.value, kind.text) % visible_params(session, user, note, tr)
    except (KeyError, TypeError, ValueError):
        return kind.text


def _one_line(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _footer(user: User, scope: str, mode: str, tr: MailRenderer) -> tuple[str, dict[str, str]]:
    loc = user.locale.value
    unsubscribe = tr.unsubscribe_url(user.id, scope)
    label = tr.gettext(loc, CATEGORY_LABELS[scope]) if scope in CATEGORY_LABELS else tr.gettext(loc, "these")
    lines = [
        "-- ",
        tr.gettext(loc, "You get this mail because of your setting “%(mode)s” for %(category)s.")
        % {"mode": tr.gettext(loc, MODE_LABELS[mode]), "category": label},
        tr.gettext(loc, "Change how and when we mail you:") + " " + tr.settings_url(),
        tr.gettext(loc, "Stop these mails with one click:") + " " + unsubscribe,
    ]
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return "\n".join(lines), headers


def mail_now(session: Session, user: User, note: Notification, *, security: bool = False,
             wording: Callable[[User], tuple[str, str] | None] | None = None) -> None:
    """Mail one notification at once (security mails carry no unsubscribe: they cannot be switched off)."""
    tr = renderer()
    loc = user.locale.value
    text = text_for(session, user, note, tr)
    words = wording(user) if wording is not None else None
    if words is not None:
        _finish(session, user, note, words[0], words[1], tr, security)
        return
    body = text
    params = note.params or {}
    if params.get("items"):
        body += "\n\n" + params["items"]  # a list the event carries (an alert's offers)
    if params.get("reason") in REASONS:
        body += "\n\n" + tr.gettext(loc, REASONS[params["reason"]])
    if params.get("message"):
        body += "\n\n" + tr.gettext(loc, "Their message:") + "\n" + params["message"]
    body += "\n\n" + tr.gettext(loc, "Open it in Matchmaker:") + " " + tr.notification_url(note.id)
    _finish(session, user, note, "Matchmaker: " + text, body, tr, security)


def _finish(session: Session, user: User, note: Notification, subject: str, body: str, tr: MailRenderer,
            security: bool) -> None:
    headers: dict[str, str] = {}
    if not security:
        footer, headers = _footer(user, KINDS[note.kind].category, IMMEDIATE, tr)
        body += "\n\n" + footer
    mail.queue_mail(session, user.email, _one_line(subject)[:SUBJECT_MAX], body, headers=headers)
    note.mailed_at = utcnow()


def route(session: Session, user: User, note: Notification, cache: dict[int, dict[str, str]],
          wording: Callable[[User], tuple[str, str] | None] | None = None) -> None:
    """Decide how a new notification is mailed (at once, in a digest, or not) and mail it if now."""
    mode = mode_for(session, user.id, note.kind, cache)
    if wording is not None and wording(user) is None:
        mode = APP_ONLY  # the caller mails this event to some of its readers only (e.g. an offer's author)
    note.mail_mode = "" if mode == APP_ONLY else mode
    if mode == IMMEDIATE:
        session.flush()  # the mail links to the notification: it needs its id
        mail_now(session, user, note, security=KINDS[note.kind].security, wording=wording)


# -- digests -------------------------------------------------------------------------------------------------------
def send_digests(session: Session, frequency: str, now: datetime | None = None) -> dict[str, int]:
    """Mail each user one digest of their notifications waiting for this frequency; each item goes out once."""
    if frequency not in DIGESTS:
        raise ValueError(f"not a digest frequency: {frequency!r}")
    now = now or utcnow()
    waiting = session.scalars(
        select(Notification).where(Notification.mail_mode == frequency, Notification.mailed_at.is_(None))
        .order_by(Notification.user_id, Notification.created_at, Notification.id)
        .with_for_update(skip_locked=True)  # two schedulers never mail the same item (PostgreSQL; SQLite locks all)
    ).all()
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for note in waiting:
        by_user[note.user_id].append(note)
    sent = settled = 0
    for user_id, notes in by_user.items():
        user = session.get(User, user_id)
        current = modes_of(session, user_id)
        # The setting now decides: an item whose category was switched to "only in the app" meanwhile, an item
        # already read in the app, or an inactive account: settled without mail, never mailed later.
        due = [n for n in notes if user is not None and user.active and n.read_at is None
               and current.get(KINDS[n.kind].category if n.kind in KINDS else "", APP_ONLY) != APP_ONLY]
        for note in notes:
            note.mailed_at = now
        settled += len(notes) - len(due)
        if due and user is not None:
            _mail_digest(session, user, frequency, due)
            sent += 1
    session.flush()
    return {"digests": sent, "items": len(waiting) - settled, "settled": settled}


def _mail_digest(session: Session, user: User, frequency: str, notes: list[Notification]) -> None:
    tr = renderer()
    loc = user.locale.value
    groups: dict[str, list[Notification]] = defaultdict(list)
    for note in notes:
        groups[KINDS[note.kind].category].append(note)
    title = tr.gettext(loc, "Your daily digest" if frequency == "daily" else "Your weekly digest")
    lines = [title, ""]
    for category in CATEGORIES:
        if category not in groups:
            continue
        lines.append(tr.gettext(loc, CATEGORY_LABELS[category]))
        for note in groups[category]:
            lines.append(f"- {text_for(session, user, note, tr)}")
            lines.append(f"  {tr.notification_url(note.id)}")
        lines.append("")
    footer, headers = _footer(user, f"digest-{frequency}", frequency, tr)
    count = tr.gettext(loc, "%(count)s new in Matchmaker") % {"count": len(notes)}
    subject = _one_line(f"Matchmaker: {title} ({count})")[:SUBJECT_MAX]
    mail.queue_mail(session, user.email, subject, "\n".join(lines) + "\n" + footer, headers=headers)


def digest_categories(session: Session, user_id: int, scope: str) -> list[str]:
    """The categories an unsubscribe `scope` stands for: one category, or all those in a digest frequency."""
    if scope in CATEGORIES:
        return [scope]
    if scope.startswith("digest-") and scope[len("digest-"):] in DIGESTS:
        frequency = scope[len("digest-"):]
        return [c for c, m in modes_of(session, user_id).items() if m == frequency]
    return []


@job("notifications.daily_digest")
def daily_digest_job(session: Session) -> dict[str, int]:
    """The daily digests."""
    return send_digests(session, "daily")


@job("notifications.weekly_digest")
def weekly_digest_job(session: Session) -> dict[str, int]:
    """The weekly digests."""
    return send_digests(session, "weekly")


def unsubscribe_scope(session: Session, user_id: int, scope: str, *, apply: bool) -> tuple[User, list[str]] | None:
    """The user and categories an unsubscribe link stands for (switched off if `apply`); None if it stands for none."""
    from .preferences import unsubscribe

    user = session.get(User, user_id)
    if user is None or not user.active:
        return None
    categories = digest_categories(session, user_id, scope)
    if not categories and scope not in CATEGORIES and not scope.startswith("digest-"):
        return None
    if apply:
        unsubscribe(session, user, categories)
    return user, categories
