"""Programme councils on the coach's pages, in Swedish and English: create with goals, members, minutes; bad input
is shown on the field with what was typed kept, and nothing is written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.models import CouncilMeeting, CouncilMember, Locale, ProgrammeCouncil, Role

pytestmark = pytest.mark.db


def _count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def test_council_from_creation_to_minutes_in_swedish(client, login, db_session, factory) -> None:
    program = factory.program(name_sv="Sjuksköterskeprogrammet")
    org = factory.organization(name="Glesbygdens vård AB",
                               municipality=factory.municipality(sparsely_populated=True))
    login(factory.user(Role.COACH))
    listing = client.get("/coach/councils").get_data(as_text=True)
    assert "Branschråd" in listing and "Sjuksköterskeprogrammet" in listing and "Inget branschråd" in listing
    form = {"program": str(program.id), "name": "Branschråd vård", "goal_meetings_per_year": "0",
            "phase": "develop"}
    bad = client.post("/coach/councils/new", data=form)
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'id="goal_meetings_per_year-error"' in html
    assert "Målet för möten är mellan 1 och 52 per år." in html and 'value="Branschråd vård"' in html
    assert _count(db_session, ProgrammeCouncil) == 0
    assert client.post("/coach/councils/new", data={**form, "goal_meetings_per_year": "2"}).status_code == 302
    council = db_session.scalar(select(ProgrammeCouncil))
    base = f"/coach/councils/{council.id}"

    no_org = client.post(f"{base}/members", data={"kind": "employer_representative", "name": "Ulla Rep"})
    assert no_org.status_code == 400 and 'id="organization-error"' in no_org.get_data(as_text=True)
    assert 'value="Ulla Rep"' in no_org.get_data(as_text=True) and _count(db_session, CouncilMember) == 0
    assert client.post(f"{base}/members", data={"kind": "employer_representative", "name": "Ulla Rep",
                                                "organization": str(org.id)}).status_code == 302
    member = db_session.scalar(select(CouncilMember))

    minutes = {"title": "Höstmöte", "held_on": "30/11/2026", "attendees": [str(member.id)],
               "notes": "Vi talade om VFU.", "decisions": "Fler platser."}
    bad = client.post(f"{base}/meetings/new", data=minutes)
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'id="held_on-error"' in html and "Inte ett giltigt datum" in html
    assert "Vi talade om VFU." in html and _count(db_session, CouncilMeeting) == 0
    future = client.post(f"{base}/meetings/new", data={**minutes, "held_on": str(date.today() + timedelta(1))})
    assert future.status_code == 400 and "kan inte ligga i framtiden" in future.get_data(as_text=True)
    saved = client.post(f"{base}/meetings/new", data={**minutes, "held_on": str(date.today())})
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Höstmöte" in page and "Ulla Rep" in page and "Fler platser." in page
    detail = client.get(base).get_data(as_text=True)
    assert "Aktivt" in detail and "1 av 1" in detail  # the one organisation is in a sparse municipality
    follow_up = client.get("/coach/follow-up").get_data(as_text=True)
    assert "Branschråd vård" in follow_up and "Möten på 12 månader" in follow_up


def test_english_form_and_the_one_council_per_program_rule(client, login, db_session, factory) -> None:
    program = factory.program(name_en="Nursing Programme")
    coach = factory.user(Role.COACH, locale=Locale.EN)
    login(coach)
    form = {"program": str(program.id), "name": "Nursing council", "goal_meetings_per_year": "2",
            "phase": "develop"}
    assert client.post("/coach/councils/new", data=form).status_code == 302
    again = client.post("/coach/councils/new", data={**form, "name": ""})
    html = again.get_data(as_text=True)
    assert again.status_code == 400 and "Give the council a name." in html
    assert "This program already has a council" in html and _count(db_session, ProgrammeCouncil) == 1
    council = db_session.scalar(select(ProgrammeCouncil))
    edit = client.get(f"/coach/councils/{council.id}/edit").get_data(as_text=True)
    assert 'value="Nursing council"' in edit and "Goal: meetings in 12 months" in edit
    assert client.post(f"/coach/councils/{council.id}/edit",
                       data={**form, "goal_meetings_per_year": "4"}).status_code == 302
    db_session.refresh(council)
    assert council.goal_meetings_per_year == 4
    empty = client.post(f"/coach/councils/{council.id}/meetings/new", data={"held_on": str(date.today())})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 400 and "Give the meeting a title." in html and 'id="title-error"' in html
    listing = client.get("/coach/councils").get_data(as_text=True)
    assert "Not met in 12 months" in listing and "Nursing council" in listing
