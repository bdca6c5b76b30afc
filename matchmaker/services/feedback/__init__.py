"""Feedback from users: problems with accessibility, reported from the accessibility statement (DOS-lagen asks
for a way to report them). A report is mailed to every active admin and kept in the audit trail."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit, mail
from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import valid_email
from matchmaker.models import Role, User

REPORT_ACTION = "accessibility.report"
MAX_PROBLEM = 5000
MAX_PAGE = 500

# Mail to the admins, in each admin's language.
_MAIL = {
    "sv": ("Tillgänglighetsproblem rapporterat i Matchmaker",
           "Någon har rapporterat ett tillgänglighetsproblem via tillgänglighetsredogörelsen.\n\n"
           "Sida: {page}\nProblem:\n{problem}\n\nSvar till: {reply}\n\n"
           "Enligt lagen om tillgänglighet till digital offentlig service ska den som rapporterar få svar."),
    "en": ("Accessibility problem reported in Matchmaker",
           "Someone reported an accessibility problem through the accessibility statement.\n\n"
           "Page: {page}\nProblem:\n{problem}\n\nReply to: {reply}\n\n"
           "Under the Swedish accessibility law the person who reports a problem is owed an answer."),
}
_NO_REPLY = {"sv": "(ingen adress angiven)", "en": "(no address given)"}


def report_accessibility_problem(
    session: Session, *, problem: str, page: str = "", email: str = "", reporter: User | None = None
) -> int:
    """Record a reported accessibility problem and mail it to every active admin; return how many were mailed."""
    problem, page, email = problem.strip(), page.strip(), email.strip()
    errors: dict[str, str] = {}
    if not problem:
        errors["problem"] = "Describe the problem"
    elif len(problem) > MAX_PROBLEM:
        errors["problem"] = "Too long"
    if len(page) > MAX_PAGE:
        errors["page"] = "Too long"
    if email and not valid_email(email):
        errors["email"] = "Not a valid email address"
    if errors:
        raise ValidationError(errors)
    reply = email or (reporter.email if reporter is not None else "")
    audit.record(session, reporter, REPORT_ACTION, None, page=page, problem=problem, reply_to=reply)
    admins = session.scalars(
        select(User).where(User.role == Role.ADMIN, User.active.is_(True)).order_by(User.id)
    ).all()
    for admin in admins:
        lang = admin.locale.value if admin.locale.value in _MAIL else "sv"
        subject, body = _MAIL[lang]
        mail.queue_mail(session, admin.email, subject,
                        body.format(page=page or "-", problem=problem, reply=reply or _NO_REPLY[lang]))
    return len(admins)
