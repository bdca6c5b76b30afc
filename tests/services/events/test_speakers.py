"""Alumni as event speakers: each rule refuses on its field and changes nothing; the event's page filters at read
time, so a withdrawn consent or a changed mind hides the speaker at once; adding and removing are audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import AuditEvent, EventSpeaker, Role, utcnow
from matchmaker.services.alumni import profile as alumni
from matchmaker.services.events import editing, speakers
from tests.fixtures.alumni import make_alumnus
from tests.fixtures.events import fair_input

pytestmark = pytest.mark.db

OPEN = alumni.AlumnusEdit(employer_name="Norrbyte IT AB", open_to_speaking=True)


def _named(db_session, factory, name: str):
    user = make_alumnus(db_session, factory, edit=OPEN)
    user.display_name = name
    return user


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(EventSpeaker))


def _setup(db_session, factory):
    coach = factory.user(Role.COACH)
    event = editing.create_event(db_session, coach, fair_input([]))
    return coach, event


def _refused(db_session, coach, event, user_id, topic: str = "") -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        speakers.add_speaker(db_session, coach, event, user_id, topic)
    return caught.value.errors


def test_a_consenting_open_alumnus_is_added_with_the_topic_and_audited(db_session, factory) -> None:
    coach, event = _setup(db_session, factory)
    sara = _named(db_session, factory, "Sara L")
    assert [a.user_id for a in speakers.eligible_alumni(db_session)] == [sara.id]
    speakers.add_speaker(db_session, coach, event, sara.id, "  Mitt första år som utvecklare  ")
    shown = speakers.speakers_shown(db_session, event)
    assert [(s.name, s.employer, s.topic) for s in shown] == [("Sara L", "Norrbyte IT AB",
                                                              "Mitt första år som utvecklare")]
    assert [(e.id, t) for e, t in speakers.events_of_speaker(db_session, sara)] == [
        (event.id, "Mitt första år som utvecklare")]
    actions = db_session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == coach.id)).all()
    assert "event.speaker_added" in actions


@pytest.mark.parametrize(("consent", "edit", "reason"), [
    ("no", OPEN, "has not consented"),
    (None, OPEN, "has not consented"),
    ("yes", alumni.AlumnusEdit(employer_name="Norrbyte IT AB"), "not open to speaking"),
])
def test_only_consenting_alumni_open_to_speaking_can_be_added(db_session, factory, consent, edit, reason) -> None:
    coach, event = _setup(db_session, factory)
    user = make_alumnus(db_session, factory, consent=consent, edit=edit)
    errors = _refused(db_session, coach, event, user.id)
    assert set(errors) == {"alumnus"} and reason in errors["alumnus"]
    assert _count(db_session) == 0 and speakers.eligible_alumni(db_session) == []


def test_a_student_an_unknown_id_or_nothing_is_refused(db_session, factory) -> None:
    coach, event = _setup(db_session, factory)
    student = factory.student()
    for user_id in (student.id, coach.id, 999_999, None):
        assert set(_refused(db_session, coach, event, user_id)) == {"alumnus"}
    assert _count(db_session) == 0


def test_twice_a_long_topic_and_a_cancelled_event_are_refused(db_session, factory) -> None:
    coach, event = _setup(db_session, factory)
    sara = make_alumnus(db_session, factory, edit=OPEN)
    other = make_alumnus(db_session, factory, edit=OPEN)
    speakers.add_speaker(db_session, coach, event, sara.id, "")
    assert "already a speaker" in _refused(db_session, coach, event, sara.id)["alumnus"]
    assert set(_refused(db_session, coach, event, other.id, "x" * 201)) == {"topic"}
    speakers.add_speaker(db_session, coach, event, other.id, "x" * 200)  # exactly the limit is fine
    assert _count(db_session) == 2
    event.cancelled_at = utcnow()
    third = make_alumnus(db_session, factory, edit=OPEN)
    assert "cancelled" in _refused(db_session, coach, event, third.id)["alumnus"]
    assert _count(db_session) == 2
    assert speakers.events_of_speaker(db_session, sara) == []  # a cancelled event is not listed for the alumnus


def test_withdrawn_consent_or_no_longer_open_hides_the_speaker_at_read_time(db_session, factory) -> None:
    coach, event = _setup(db_session, factory)
    sara = _named(db_session, factory, "Sara")
    oskar = _named(db_session, factory, "Oskar")
    speakers.add_speaker(db_session, coach, event, sara.id, "")
    speakers.add_speaker(db_session, coach, event, oskar.id, "")
    assert [s.name for s in speakers.speakers_shown(db_session, event)] == ["Sara", "Oskar"]
    alumni.answer_consent(db_session, sara, "no")
    alumni.update_profile(db_session, oskar, alumni.AlumnusEdit(employer_name="Norrbyte IT AB"))
    db_session.flush()
    assert speakers.speakers_shown(db_session, event) == []
    # The coach still sees both, marked as not shown, so they know to follow up.
    assert [(s.name, s.shown) for s in speakers.speakers_for_coach(db_session, event)] == [("Sara", False),
                                                                                          ("Oskar", False)]
    alumni.answer_consent(db_session, sara, "yes")
    assert [s.name for s in speakers.speakers_shown(db_session, event)] == ["Sara"]
    sara.active = False  # a deactivated account is never shown
    assert speakers.speakers_shown(db_session, event) == []


def test_remove_deletes_the_speaker_and_is_audited(db_session, factory) -> None:
    coach, event = _setup(db_session, factory)
    sara = make_alumnus(db_session, factory, edit=OPEN)
    speakers.add_speaker(db_session, coach, event, sara.id, "")
    speakers.remove_speaker(db_session, coach, event, sara.id)
    assert _count(db_session) == 0
    with pytest.raises(NotFound):
        speakers.remove_speaker(db_session, coach, event, sara.id)
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "event.speaker_removed")) is not None
