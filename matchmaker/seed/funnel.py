"""Demo conversations and a saved search with alerts, so a newcomer sees threads and alerts at once (invented)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from matchmaker.models import (
    Application,
    ApplicationStatus,
    ConversationRead,
    ConversationSlot,
    Message,
    Notification,
    SavedSearch,
)

from .support import SeedContext

DEMO_STUDENT = "student@example.org"
_OPEN = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW, ApplicationStatus.SHORTLISTED,
         ApplicationStatus.INTERVIEW)
_THREAD = [
    ("employer", "Hej! Tack för din ansökan. Vi skulle gärna träffa dig för ett samtal om upplägget."),
    ("student", "Hej, vad roligt! Jag kan de flesta dagar nästa vecka, helst efter lunch."),
    ("employer", "Toppen. Vi föreslår två tider nedan, välj den som passar bäst."),
]


def load_conversations_and_alerts(ctx: SeedContext) -> None:
    """A thread with messages and proposed interview times on the demo student's open application, and alerts."""
    profile = ctx.students.get(DEMO_STUDENT)
    if profile is None:
        return
    application = ctx.session.scalar(
        select(Application).where(Application.student_id == profile.id, Application.status.in_(_OPEN))
        .order_by(Application.id)) or ctx.session.scalar(
        select(Application).where(Application.status.in_(_OPEN)).order_by(Application.id))
    if application is not None:
        _thread(ctx, application)
    saved = SavedSearch(student_id=profile.id, name="Data och analys", params={"q": "data"},
                        alert_frequency="weekly")
    start = ctx.moment(ctx.today - timedelta(days=3))
    saved.alert_since = saved.alert_last_run_at = saved.last_seen_at = start
    ctx.session.add(saved)
    ctx.session.flush()
    ctx.session.add(Notification(user_id=profile.user_id, kind="alert.offers", created_at=start,
                                 params={"search": saved.name, "count": "2", "items": ""},
                                 object_type="saved_search", object_id=saved.id, mailed_at=start))


def _thread(ctx: SeedContext, application: Application) -> None:
    employer = application.offer.organization.members[0] if application.offer.organization.members else None
    author = {"employer": employer.id if employer else None, "student": application.student.user_id}
    at = ctx.moment(ctx.today - timedelta(days=2))
    messages = []
    for n, (side, body) in enumerate(_THREAD):
        messages.append(Message(application_id=application.id, author_id=author[side], side=side, body=body,
                                created_at=at + timedelta(hours=3 * n)))
    proposal = Message(application_id=application.id, author_id=author["employer"], side="employer",
                       kind="proposal", body="Vi ses på kontoret eller via video, som du vill.",
                       created_at=at + timedelta(hours=10))
    day = ctx.moment(ctx.today + timedelta(days=5), hours=4)  # two afternoons next week
    proposal.slots = [_slot(application, day, "Storgatan 1"), _slot(application, day + timedelta(days=1),
                                                                     "Storgatan 1")]
    ctx.session.add_all([*messages, proposal])
    ctx.session.flush()
    # The student has read up to their own message: the employer's last two are unread, as after a real day.
    ctx.session.add(ConversationRead(application_id=application.id, user_id=author["student"],
                                     last_read_id=messages[1].id))
    ctx.session.add(Notification(user_id=author["student"], kind="interview.proposed", created_at=proposal.created_at,
                                 params={"sender": application.offer.organization.name,
                                         "offer": application.offer.title},
                                 object_type="conversation", object_id=application.id, mailed_at=proposal.created_at))


def _slot(application: Application, start: datetime, location: str) -> ConversationSlot:
    return ConversationSlot(application_id=application.id, starts_at=start, ends_at=start + timedelta(minutes=45),
                            location=location)
