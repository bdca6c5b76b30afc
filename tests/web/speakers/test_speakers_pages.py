"""Alumni as speakers on the pages: the coach adds and removes them in both languages, bad input keeps the form and
changes nothing, the event's page shows only speakers who still consent, the alumnus sees where they speak, and
students and employers cannot use the coach's routes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from matchmaker.models import EventSpeaker, Locale, Role
from matchmaker.services.alumni import profile as alumni
from matchmaker.services.events import speakers
from tests.fixtures.alumni import make_alumnus

pytestmark = pytest.mark.db


def _text(response) -> str:
    return response.get_data(as_text=True)


def _count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(EventSpeaker))


@pytest.fixture
def world(db_session, factory, fair_world) -> dict[str, Any]:
    """The fair of fair_world, an alumna open to speaking, and one who consented but is not open."""
    sara = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(employer_name="Norrbyte IT AB",
                                                                     open_to_speaking=True))
    sara.display_name = "Sara Lindqvist"
    closed = make_alumnus(db_session, factory, edit=alumni.AlumnusEdit(employer_name="Tyst AB"))
    closed.display_name = "Tyst Talare"
    db_session.commit()
    return {**fair_world, "sara": sara, "closed": closed}


@pytest.mark.parametrize(("locale", "heading", "added", "removed"), [
    (Locale.SV, "Talare", "Talaren är tillagd.", "Talaren är borttagen."),
    (Locale.EN, "Speakers", "The speaker is added.", "The speaker is removed."),
])
def test_coach_adds_and_removes_a_speaker(client, login, db_session, world, locale, heading, added,
                                          removed) -> None:
    coach, event, sara = world["coach"], world["event"], world["sara"]
    coach.locale = locale
    db_session.commit()
    login(coach)
    page = _text(client.get(f"/coach/events/{event.id}"))
    assert heading in page and f'<option value="{sara.id}"' in page
    assert f'value="{world["closed"].id}"' not in page  # not open to speaking: not offered
    response = client.post(f"/coach/events/{event.id}/speakers",
                           data={"alumnus": str(sara.id), "topic": "Mitt första år"}, follow_redirects=True)
    assert response.status_code == 200 and added in _text(response) and "Mitt första år" in _text(response)
    assert _count(db_session) == 1
    assert f'<option value="{sara.id}"' not in _text(response)  # already a speaker: no longer offered
    response = client.post(f"/coach/events/{event.id}/speakers/{sara.id}/remove", follow_redirects=True)
    assert response.status_code == 200 and removed in _text(response)
    assert _count(db_session) == 0
    assert client.post(f"/coach/events/{event.id}/speakers/{sara.id}/remove").status_code == 404


@pytest.mark.parametrize(("locale", "not_open", "too_long"), [
    (Locale.SV, "Den här alumnen kan inte tänka sig att tala", "Ämnet är för långt"),
    (Locale.EN, "This alumnus is not open to speaking", "The topic is too long"),
])
def test_bad_input_keeps_the_form_and_changes_nothing(client, login, db_session, world, locale, not_open,
                                                      too_long) -> None:
    coach, event = world["coach"], world["event"]
    coach.locale = locale
    db_session.commit()
    login(coach)
    refused = client.post(f"/coach/events/{event.id}/speakers",
                          data={"alumnus": str(world["closed"].id), "topic": "Ett ämne jag skrev"})
    html = _text(refused)
    assert refused.status_code == 400 and not_open in html and 'id="alumnus-error"' in html
    assert 'value="Ett ämne jag skrev"' in html  # what was typed is kept
    long = client.post(f"/coach/events/{event.id}/speakers", data={"alumnus": str(world["sara"].id),
                                                                   "topic": "å" * 201})
    assert long.status_code == 400 and too_long in _text(long) and 'id="topic-error"' in _text(long)
    nothing = client.post(f"/coach/events/{event.id}/speakers", data={"alumnus": "abc"})
    assert nothing.status_code == 400 and 'id="alumnus-error"' in _text(nothing)
    assert _count(db_session) == 0


def test_the_event_page_shows_speakers_only_while_they_consent(client, login, db_session, world) -> None:
    event, sara = world["event"], world["sara"]
    speakers.add_speaker(db_session, world["coach"], event, sara.id, "Från student till utvecklare")
    db_session.commit()
    login(world["a"])  # an eligible student
    page = _text(client.get(f"/events/{event.id}"))
    assert "Talare" in page and "Sara Lindqvist" in page and "Norrbyte IT AB" in page
    assert "Från student till utvecklare" in page
    client.post("/logout")
    login(sara)
    home = _text(client.get("/alumnus/"))
    assert "Evenemang där du talar" in home and event.title in home and "Från student till utvecklare" in home
    client.post("/alumnus/consent", data={"answer": "no"})
    client.post("/logout")
    login(world["a"])
    assert "Sara Lindqvist" not in _text(client.get(f"/events/{event.id}"))
    client.post("/logout")
    login(world["coach"])
    coach_page = _text(client.get(f"/coach/events/{event.id}"))
    assert "Sara Lindqvist" in coach_page and "Visas inte" in coach_page  # the coach is told why


def test_the_consent_question_says_who_sees_a_speaker(client, login, db_session, factory) -> None:
    user = make_alumnus(db_session, factory, consent=None)
    db_session.commit()
    login(user)
    page = _text(client.get("/alumnus/consent"))
    assert "visas ditt namn, din arbetsgivare och ditt ämne på evenemangets sida för alla som kan se" in page


def test_students_and_employers_cannot_use_the_coach_routes(client, login, db_session, world) -> None:
    event, sara = world["event"], world["sara"]
    speakers.add_speaker(db_session, world["coach"], event, sara.id, "")
    db_session.commit()
    for who in (world["a"], world["employer"], sara):
        login(who)
        assert client.post(f"/coach/events/{event.id}/speakers", data={"alumnus": str(sara.id)}).status_code == 403
        assert client.post(f"/coach/events/{event.id}/speakers/{sara.id}/remove").status_code == 403
        client.post("/logout")
    assert _count(db_session) == 1
    assert db_session.get(type(sara), sara.id).role == Role.ALUMNUS
