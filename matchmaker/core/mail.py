"""Mail through an outbox: written with the change it reports, sent by a job after the commit.

`queue_mail` marks the session; when that session commits, the dispatcher attached to it with
`send_after_commit` runs (the web app and the job runner attach one that enqueues "mail.send_pending").
So whatever commits outbox rows gets them sent, and no caller has to remember to.
"""

from __future__ import annotations

import logging
import re
import smtplib
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from matchmaker.jobs.registry import job
from matchmaker.models import OutboxMail, utcnow

log = logging.getLogger(__name__)

# Set by the app or worker at start-up; an empty host prints mail to the log (development).
SMTP_SETTINGS: dict[str, Any] = {"host": "", "port": 25, "sender": "noreply@matchmaker.example.org"}


SEND_JOB = "mail.send_pending"
MAX_ATTEMPTS = 5
SUBJECT_MAX = 200
# CR, LF and every other control character (C0, DEL, C1) and the Unicode line/paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_WRITTEN = "matchmaker.outbox_written"
_DISPATCH = "matchmaker.send_mail"


def header_text(value: str, limit: int = SUBJECT_MAX) -> str:
    """A header value from user text: control characters (CR/LF above all) become one space, at most `limit`."""
    return " ".join(_CONTROL.sub(" ", value or "").split())[:limit]


_HEADER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,62}$")
# Headers the message builder sets itself: a caller never overrides who it is from or to.
_RESERVED = {"from", "to", "subject", "cc", "bcc", "sender", "reply-to", "content-type",
             "content-transfer-encoding", "mime-version"}


def _one_line(value: str) -> str:
    """A header value on one line: control characters (CR, LF, NUL...) become spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def _checked_headers(headers: dict[str, str] | None) -> dict[str, str]:
    out = {}
    for name, value in (headers or {}).items():
        if not _HEADER_NAME.match(name) or name.lower() in _RESERVED:
            raise ValueError(f"header {name!r} may not be set")  # a programming error, not user input
        out[name] = _one_line(str(value))[:900]
    return out


def queue_mail(session: Session, to: str, subject: str, body: str,
               headers: dict[str, str] | None = None) -> OutboxMail:
    """Put a mail in the outbox (in the caller's transaction); it is sent after the commit.

    headers: extra headers such as List-Unsubscribe (values are put on one line).
    Subject and address go into headers too: user text in them (an offer title, a name) can never add a header.
    """
    mail = OutboxMail(to_address=header_text(to, 254), subject=header_text(subject), body=body,
                      headers=_checked_headers(headers))
    session.add(mail)
    session.flush()
    session.info[_WRITTEN] = True
    return mail


def send_after_commit(session: Session, dispatch: Callable[[], object]) -> None:
    """Run `dispatch` after each commit of `session` that wrote outbox rows."""
    session.info[_DISPATCH] = dispatch


@event.listens_for(Session, "after_commit")
def _dispatch_after_commit(session: Session) -> None:
    # A rollback does not clear the mark: a dispatch with nothing left to send costs one query, a missed one
    # would leave mail in the outbox until some other mail is sent.
    if session.info.pop(_WRITTEN, False):
        dispatch = session.info.get(_DISPATCH)
        if dispatch is not None:
            dispatch()


@job(SEND_JOB)
def send_pending(session: Session, limit: int = 100) -> int:
    """Send unsent mail from the outbox; returns how many were sent."""
    pending = session.scalars(
        select(OutboxMail).where(OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMail.id).limit(limit)
    ).all()
    sent = 0
    for mail in pending:
        # Each mail on its own: whatever one does wrong is recorded on it and the others still go out.
        mail.attempts += 1
        try:
            _deliver(mail)
        except OSError as exc:  # the server or the network (smtplib's errors are OSErrors)
            if _permanent(exc):  # the server refused this message for good (5xx): not tried again
                mail.attempts = MAX_ATTEMPTS
            mail.last_error = str(exc)[:500]
            continue
        except Exception as exc:  # the message itself is bad: failed for good, with the reason
            mail.attempts = MAX_ATTEMPTS
            mail.last_error = f"failed: {type(exc).__name__}: {exc}"[:500]
            log.warning("mail %s failed for good: %s", mail.id, mail.last_error)
            continue
        mail.sent_at = utcnow()
        sent += 1
    session.flush()
    return sent


def _permanent(exc: OSError) -> bool:
    """True for an SMTP refusal with a 5xx code (for every recipient): sending it again cannot help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def _deliver(mail: OutboxMail) -> None:
    if not SMTP_SETTINGS["host"]:
        print(f"--- mail to {mail.to_address}: {mail.subject}\n{mail.body}\n---", flush=True)
        return
    message = EmailMessage()
    message["From"] = SMTP_SETTINGS["sender"]
    message["To"] = header_text(mail.to_address, 254)
    message["Subject"] = header_text(mail.subject)
    for name, value in (mail.headers or {}).items():
        message[name] = value
    message.set_content(mail.body)
    with smtplib.SMTP(SMTP_SETTINGS["host"], SMTP_SETTINGS["port"], timeout=10) as smtp:
        smtp.send_message(message)
