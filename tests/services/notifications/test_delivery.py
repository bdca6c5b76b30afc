"""Notification mail: at once or in digests per the user's setting, in their language, never repeated."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.models import Application, ApplicationStatus, Locale, OutboxMail, Role
from matchmaker.services.notifications import delivery
from matchmaker.services.notifications import operations as notifications
from matchmaker.services.notifications import preferences as prefs

pytestmark = pytest.mark.db


def _mails(session, user):
    return session.scalars(select(OutboxMail).where(OutboxMail.to_address == user.email)
                           .order_by(OutboxMail.id)).all()


def test_default_is_an_immediate_mail_in_the_recipients_language(app, db_session, factory) -> None:
    student = factory.student()
    note = notifications.notify(db_session, [student], "application.offered",
                                {"organization": "Bolaget AB", "offer": "Exjobb"}, ("application", 1))[0]
    (mail,) = _mails(db_session, student)
    assert mail.subject == "Matchmaker: Bolaget AB erbjuder dig en plats: ”Exjobb”. Tacka ja eller nej."
    assert f"http://localhost/notifications/{note.id}" in mail.body
    assert "Ändra hur och när vi mejlar dig: http://localhost/account/notifications/settings" in mail.body
    assert mail.headers["List-Unsubscribe"].startswith("<http://localhost/unsubscribe/")
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert note.mail_mode == "immediate" and note.mailed_at is not None


def test_english_user_gets_english_mail_with_the_employers_message(app, db_session, factory) -> None:
    student = factory.user(Role.STUDENT, locale=Locale.EN)
    notifications.notify(db_session, [student], "application.status",
                         {"organization": "Bolaget AB", "offer": "Exjobb", "message": "See you on Monday"})
    (mail,) = _mails(db_session, student)
    assert mail.subject == "Matchmaker: Bolaget AB updated your application to “Exjobb”"
    assert "Their message:\nSee you on Monday" in mail.body


def test_only_in_the_app_sends_nothing(db_session, factory) -> None:
    student = factory.student()
    prefs.set_modes(db_session, student, {"applications": "app"})
    note = notifications.notify(db_session, [student], "application.status", {"organization": "A", "offer": "B"})[0]
    assert _mails(db_session, student) == [] and note.mail_mode == ""
    assert delivery.send_digests(db_session, "daily")["digests"] == 0


def test_a_digest_groups_items_says_how_to_change_and_never_repeats_one(app, db_session, factory) -> None:
    student = factory.user(Role.STUDENT, locale=Locale.EN)
    prefs.set_modes(db_session, student, {"applications": "daily", "offers": "daily", "deadlines": "weekly"})
    notifications.notify(db_session, [student], "application.status", {"organization": "Org", "offer": "First"})
    notifications.notify(db_session, [student], "offer.approved", {"offer": "Second"})
    notifications.notify(db_session, [student], "deadline.soon", {"offer": "Third", "date": "2027-01-01"})
    assert _mails(db_session, student) == []  # nothing at once
    result = delivery.send_digests(db_session, "daily")
    assert result == {"digests": 1, "items": 2, "settled": 0}
    (digest,) = _mails(db_session, student)
    assert digest.subject == "Matchmaker: Your daily digest (2 new in Matchmaker)"
    body = digest.body
    assert body.index("Applications and places") < body.index("Org updated your application to “First”")
    assert body.index("Offers and their review") < body.index("“Second” is approved and published")
    assert "Third" not in body  # weekly, not daily
    assert "Change how and when we mail you: http://localhost/account/notifications/settings" in body
    assert digest.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Run again, and after a new item: only the new one goes out.
    assert delivery.send_digests(db_session, "daily")["digests"] == 0
    notifications.notify(db_session, [student], "offer.approved", {"offer": "Fourth"})
    delivery.send_digests(db_session, "daily")
    later = _mails(db_session, student)[-1]
    assert "Fourth" in later.body and "First" not in later.body and "Second" not in later.body
    delivery.send_digests(db_session, "weekly")
    weekly = _mails(db_session, student)[-1]
    assert "Third" in weekly.body and weekly.subject.startswith("Matchmaker: Your weekly digest")


def test_an_item_read_or_switched_off_before_the_digest_is_not_mailed(db_session, factory) -> None:
    student = factory.student()
    prefs.set_modes(db_session, student, {"applications": "daily", "offers": "daily"})
    read = notifications.notify(db_session, [student], "offer.approved", {"offer": "Read already"})[0]
    notifications.mark_read(db_session, student.id, read.id)
    notifications.notify(db_session, [student], "application.status", {"organization": "O", "offer": "Off"})
    prefs.set_modes(db_session, student, {"applications": "app"})
    assert delivery.send_digests(db_session, "daily") == {"digests": 0, "items": 0, "settled": 2}
    prefs.set_modes(db_session, student, {"applications": "daily"})
    assert delivery.send_digests(db_session, "daily")["digests"] == 0  # settled items never come back


def test_a_digest_never_names_a_student_the_employer_may_not_see(app, db_session, factory) -> None:
    org = factory.organization()
    employer = factory.user(Role.EMPLOYER, organization=org, locale=Locale.EN)
    prefs.set_modes(db_session, employer, {"applications": "daily"})
    applicant = factory.user(Role.STUDENT, display_name="Alma Applicant")
    stranger = factory.user(Role.STUDENT, display_name="Sigrid Secret")  # never applied, never consented
    offer = factory.offer(organization=org)
    application = Application(offer=offer, student=applicant.student_profile, status=ApplicationStatus.SUBMITTED)
    db_session.add(application)
    db_session.flush()
    notifications.notify(db_session, [employer], "application.new",
                         {"student": "Alma Applicant", "offer": offer.title}, ("application", application.id))
    # A notification about a student that is not an application to this organisation's offers.
    other = factory.offer()
    foreign = Application(offer=other, student=stranger.student_profile, status=ApplicationStatus.SUBMITTED)
    db_session.add(foreign)
    db_session.flush()
    notifications.notify(db_session, [employer], "application.new",
                         {"student": "Sigrid Secret", "offer": other.title}, ("application", foreign.id))
    notifications.notify(db_session, [employer], "application.withdrawn",
                         {"student": "Sigrid Secret", "offer": other.title}, ("round", 1))
    delivery.send_digests(db_session, "daily")
    (digest,) = _mails(db_session, employer)
    assert "New application from Alma Applicant" in digest.body
    assert "Sigrid" not in digest.body and "Secret" not in digest.body
    assert digest.body.count("from a student") == 1 and "a student withdrew" in digest.body


def test_settings_refuse_unknown_values_as_a_whole(db_session, factory) -> None:
    from matchmaker.core.errors import ValidationError

    student = factory.student()
    with pytest.raises(ValidationError) as caught:
        prefs.set_modes(db_session, student, {"applications": "daily", "messages": "hourly", "nope": "daily"})
    assert set(caught.value.errors) == {"messages", "nope"}
    assert prefs.modes_of(db_session, student.id) == prefs.DEFAULTS


def test_service_strings_have_swedish_translations() -> None:
    from babel.messages.pofile import read_po

    from matchmaker.web.i18n import SOURCE_DIR

    translated = set()
    for po in (SOURCE_DIR / "sv").glob("*.po"):
        with po.open("rb") as fh:
            translated |= {m.id for m in read_po(fh) if m.id and m.string}
    needed = {*prefs.CATEGORY_LABELS.values(), *prefs.MODE_LABELS.values(), "a student", "Their message:",
              "Open it in Matchmaker:", "Your daily digest", "Your weekly digest", "%(count)s new in Matchmaker",
              "Change how and when we mail you:", "Stop these mails with one click:",
              "You get this mail because of your setting “%(mode)s” for %(category)s."}
    assert needed - translated == set()
