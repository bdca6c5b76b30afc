"""The reports' meeting places and activities on a small hand-worked dataset: attendance per program, fair
participation per employer, goals per lifecycle phase; the period filter, the CSV downloads (formula-safe), and
both languages."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from matchmaker.models import (
    Event,
    EventKind,
    EventRegistration,
    FairExhibitor,
    InterviewSlot,
    LifecyclePhase,
    Locale,
    Mentee,
    Mentor,
    MentoringPair,
    MentoringProgramme,
    ProgrammeStatus,
    RegistrationStatus,
    Role,
    SlotBooking,
)

pytestmark = pytest.mark.db

FORMULA = '=HYPERLINK("http://evil.example","x")'


def _at(y: int, m: int, d: int, h: int = 10) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def _event(db_session, kind: EventKind, title: str, start: datetime, phase: LifecyclePhase, goal: int | None,
           **kw: Any) -> Event:
    event = Event(kind=kind, title=title, starts_at=start, ends_at=start + timedelta(hours=4),
                  registration_opens=start - timedelta(days=30), registration_closes=start, phase=phase,
                  goal_attendance=goal, **kw)
    db_session.add(event)
    db_session.flush()
    return event


def _register(db_session, event: Event, student, status=RegistrationStatus.REGISTERED, attended=False) -> None:
    db_session.add(EventRegistration(event_id=event.id, student_id=student.student_profile.id, status=status,
                                     checked_in_at=event.starts_at if attended else None))


@pytest.fixture
def world(db_session, factory) -> dict[str, Any]:
    """Two programs; a fair in VT2027 with two exhibitors (one from sparsely populated Kiruna, one with a formula
    for a name), a lecture in HT2027, a cancelled event, and a mentoring programme with one pair."""
    kiruna = factory.municipality("Kiruna", county="Norrbottens län", sparsely_populated=True)
    umea = factory.municipality("Umeå", county="Västerbottens län")
    nursing = factory.program("nursing", name_en="Nursing", name_sv="Sjuksköterskeprogrammet")
    civil = factory.program("civil", name_en="Civil engineering", name_sv="Civilingenjör")
    s1 = factory.student(program=nursing, name="Sara Ett", prefers_sparse=True)
    s2 = factory.student(program=nursing, name="Sam Två")
    s2.student_profile.preferred_municipalities = [kiruna]  # a sparse wish by municipality, not the tick box
    s3 = factory.student(program=civil, name="Siv Tre")
    s4 = factory.student(name="Sten Fyra")  # no program
    org_k = factory.organization("Kiruna Gruv AB", municipality=kiruna)
    org_f = factory.organization(FORMULA, municipality=umea)
    coach = factory.user(Role.COACH, locale=Locale.EN)
    fair = _event(db_session, EventKind.FAIR, "Mötesplats Campus", _at(2027, 3, 10), LifecyclePhase.ATTRACT, 2)
    lecture = _event(db_session, EventKind.GUEST_LECTURE, "Gästföreläsning", _at(2027, 10, 5),
                     LifecyclePhase.RETAIN, 5)
    cancelled = _event(db_session, EventKind.COMPANY_VISIT, "Inställt besök", _at(2027, 3, 15),
                       LifecyclePhase.STIMULATE, None, cancelled_at=_at(2027, 3, 1))
    _register(db_session, fair, s1, attended=True)
    _register(db_session, fair, s2, attended=True)
    _register(db_session, fair, s3)
    _register(db_session, fair, s4, RegistrationStatus.WAITING)
    _register(db_session, lecture, s3, attended=True)
    _register(db_session, lecture, s1, RegistrationStatus.CANCELLED)
    _register(db_session, cancelled, s1, attended=True)
    x_k = FairExhibitor(event_id=fair.id, organization_id=org_k.id, representatives=3, checked_in_at=fair.starts_at)
    x_f = FairExhibitor(event_id=fair.id, organization_id=org_f.id, representatives=1)
    db_session.add_all([x_k, x_f])
    db_session.flush()
    slots = [InterviewSlot(exhibitor_id=x_k.id, starts_at=fair.starts_at, minutes=10),
             InterviewSlot(exhibitor_id=x_k.id, starts_at=fair.starts_at + timedelta(minutes=10), minutes=10),
             InterviewSlot(exhibitor_id=x_f.id, starts_at=fair.starts_at, minutes=30)]
    db_session.add_all(slots)
    db_session.flush()
    db_session.add(SlotBooking(slot_id=slots[0].id, exhibitor_id=x_k.id, event_id=fair.id,
                               student_id=s1.student_profile.id, starts_at=slots[0].starts_at))
    mentor_user = factory.user(Role.EMPLOYER, organization=org_k)
    programme = MentoringProgramme(title="Mentorsprogram VT2027", period_start=date(2027, 2, 1),
                                   period_end=date(2027, 5, 31), matching_deadline=date(2027, 1, 20),
                                   status=ProgrammeStatus.PUBLISHED, target_pairs=1, phase=LifecyclePhase.DEVELOP)
    programme.mentors.append(Mentor(user_id=mentor_user.id, expertise="Gruvdrift", capacity=1))
    programme.mentees.append(Mentee(student_id=s2.student_profile.id, goals="Gruvdrift"))
    db_session.add(programme)
    db_session.flush()
    db_session.add(MentoringPair(programme_id=programme.id, mentor_id=programme.mentors[0].id,
                                 mentee_id=programme.mentees[0].id))
    db_session.flush()
    return {"coach": coach, "nursing": nursing, "civil": civil, "org_k": org_k, "org_f": org_f, "fair": fair,
            "lecture": lecture, "cancelled": cancelled, "programme": programme}


def _csv(client, table: str, query: str = "") -> list[list[str]]:
    response = client.get(f"/coach/reports/{table}.csv{query}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_attendance_by_program_counts_and_follows_the_period(client, login, world) -> None:
    login(world["coach"])
    n, c = str(world["nursing"].id), str(world["civil"].id)
    header = ["program_id", "program", "events", "registered", "waiting", "attended"]
    # VT2027: the fair only (the cancelled visit is left out, the lecture is in HT2027).
    assert _csv(client, "event_attendance", "?term=VT2027") == [
        header, [n, "Nursing", "1", "2", "0", "2"], [c, "Civil engineering", "1", "1", "0", "0"],
        ["", "No program", "1", "0", "1", "0"]]
    # All time: the civil engineer also attended the lecture; Sara's cancelled lecture registration is not counted.
    assert _csv(client, "event_attendance") == [
        header, [n, "Nursing", "1", "2", "0", "2"], [c, "Civil engineering", "2", "2", "0", "1"],
        ["", "No program", "1", "0", "1", "0"]]
    assert _csv(client, "event_attendance", "?term=HT2027") == [header, [c, "Civil engineering", "1", "1", "0", "1"]]
    assert _csv(client, "event_attendance", "?from=2027-03-11&to=2027-09-30") == [header]


def test_fair_participation_by_employer_and_a_formula_is_neutralised(client, login, world) -> None:
    login(world["coach"])
    rows = _csv(client, "fair_employers", "?from=2027-03-01&to=2027-03-31")
    assert rows == [
        ["organization_id", "organization", "fairs", "arrived", "representatives", "slots_published", "slots_booked"],
        [str(world["org_k"].id), "Kiruna Gruv AB", "1", "1", "3", "2", "1"],
        [str(world["org_f"].id), "'" + FORMULA, "1", "0", "1", "1", "0"]]
    assert len(_csv(client, "fair_employers", "?term=HT2027")) == 1  # header only: no fair in the autumn
    body = client.get("/coach/reports/fair_employers.csv").data.decode("utf-8-sig")
    assert "Sara" not in body and "Sam" not in body  # counts only


def test_reports_page_shows_the_tables_within_the_period(client, login, world) -> None:
    login(world["coach"])
    page = client.get("/coach/reports?term=VT2027")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for heading in ("Event attendance by study program", "Fair participation by employer",
                    "Activities against their goals, by lifecycle phase"):
        assert heading in html
    assert "Kiruna Gruv AB" in html and "=HYPERLINK(&#34;http://evil.example&#34;" in html  # escaped on the page
    assert "Sara Ett" not in html and "Sam Två" not in html and "Siv Tre" not in html
    for table in ("event_attendance", "fair_employers", "goals"):
        assert f"/coach/reports/{table}.csv?term=VT2027" in html
    autumn = client.get("/coach/reports?term=HT2027").get_data(as_text=True)
    assert "No employer took part in a fair in the period." in autumn and "Kiruna Gruv AB" not in autumn


def test_goals_per_phase_with_attainment_and_sparse_participation(client, login, world) -> None:
    login(world["coach"])
    rows = _csv(client, "goals", "?term=VT2027")
    assert rows[0] == ["phase", "kind", "activity_id", "title", "date", "measure", "goal", "outcome", "goal_met",
                       "organizations", "sparse_organizations", "student_participants", "students_wishing_sparse"]
    by_title = {r[3]: r for r in rows[1:]}
    assert set(by_title) == {"Mötesplats Campus", "Inställt besök", "Mentorsprogram VT2027"}  # lecture: HT2027
    assert by_title["Mötesplats Campus"] == ["attract", "event", str(world["fair"].id), "Mötesplats Campus",
                                             "2027-03-10", "attended", "2", "2", "1", "2", "1", "2", "2"]
    assert by_title["Mentorsprogram VT2027"][0:2] == ["develop", "mentoring"]
    assert by_title["Mentorsprogram VT2027"][6:] == ["1", "1", "1", "1", "1", "1", "1"]
    assert by_title["Inställt besök"][6] == "" and by_title["Inställt besök"][8] == ""  # no goal set
    html = client.get("/coach/reports?term=VT2027").get_data(as_text=True)
    section = html.split('id="goals-heading"')[1]
    for phase in ("Attract", "Stimulate", "Retain", "Develop"):
        assert f">{phase}</h3>" in section
    assert "No activities in this phase in the period." in section  # retain: the lecture is in the autumn
    assert "Met</span> (100 %)" in section and "No goal set" in section
    assert f'href="/coach/events/{world["fair"].id}"' in section
    assert f'href="/coach/mentoring/{world["programme"].id}"' in section
    autumn = client.get("/coach/reports?term=HT2027").get_data(as_text=True).split('id="goals-heading"')[1]
    assert "Not met</span> (20 %)" in autumn  # the lecture: 1 of 5


def test_goals_section_in_swedish(client, login, db_session, world) -> None:
    world["coach"].locale = Locale.SV
    db_session.flush()
    login(world["coach"])
    html = client.get("/coach/reports?term=VT2027").get_data(as_text=True)
    section = html.split('id="goals-heading"')[1]
    for phase in ("Attrahera", "Stimulera", "Behålla", "Utveckla"):
        assert f">{phase}</h3>" in section
    assert "Uppfyllt" in section and "Mentorsprogram" in section
    assert "Evenemangsnärvaro per utbildningsprogram" in html and "Mässdeltagande per arbetsgivare" in html


def test_kinds_and_measures_without_a_label_fall_back(app) -> None:
    from matchmaker.web.coach import report_activities

    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert report_activities.kind_label("council") == "Branschråd"
        assert report_activities.measure_label("meetings") == "Möten"
        assert report_activities.kind_label("study_visit") == "Annan aktivitet"
        assert report_activities.measure_label("visits") == "Utfall"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert report_activities.kind_label("council") == "Programme council"
        assert report_activities.kind_label("study_visit") == "Other activity"
