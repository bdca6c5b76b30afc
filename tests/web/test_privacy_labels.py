"""Labels tell the truth: notes about a student say they are in the student's copy of their data, and they are."""

from __future__ import annotations

import json

import pytest

from matchmaker.models import Locale, MatchRun, MatchSuggestion, Role, RunStatus
from tests.conftest import PASSWORD

pytestmark = pytest.mark.db

PROMISE = {
    "en": "included if the student asks for a copy of their data",
    "sv": "ingår om studenten begär ut en kopia av sina uppgifter",
}
HIDDEN = {"en": "not shown on the student", "sv": "visas inte på studentens"
}


def _export(app, student) -> dict:
    client = app.test_client()
    assert client.post("/login", data={"email": student.email, "password": PASSWORD}).status_code == 302
    return json.loads(client.get("/student/export").get_data(as_text=True))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_employer_notes_label_and_the_export_agree(app, employer_world, application_to_x, lang) -> None:
    _offer, student, application = application_to_x
    employer = employer_world.employer_x
    employer.locale = Locale(lang)
    employer_world.session.flush()
    client = app.test_client()
    client.post("/login", data={"email": employer.email, "password": PASSWORD})
    response = client.post(f"/employer/applications/{application.id}/notes",
                           data={"notes": "Stark kandidat.", "version_id": str(application.version_id)})
    assert response.status_code == 303
    page = client.get(f"/employer/applications/{application.id}").get_data(as_text=True)
    assert PROMISE[lang] in page.replace("&#39;", "'") and HIDDEN[lang] in page.replace("&#39;", "'")
    assert "never shown" not in page and "visas aldrig" not in page
    [exported] = _export(app, student)["applications"]
    assert exported["employer_notes"] == "Stark kandidat."


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_coach_note_label_and_the_export_agree(app, factory, db_session, lang) -> None:
    coach = factory.user(Role.COACH, locale=Locale(lang))
    student = factory.student(about="Python")
    run = MatchRun(status=RunStatus.SUCCEEDED, is_current=True, started_by_id=coach.id)
    db_session.add(run)
    db_session.flush()
    match = MatchSuggestion(run_id=run.id, student_id=student.student_profile.id, offer_id=factory.offer().id,
                            score=0.9, reasons=[])
    db_session.add(match)
    db_session.flush()
    client = app.test_client()
    client.post("/login", data={"email": coach.email, "password": PASSWORD})
    assert client.post(f"/coach/matching/matches/{match.id}/note", data={"note": "Ring henne"}).status_code == 302
    page = client.get("/coach/matching/matches").get_data(as_text=True)
    assert PROMISE[lang] in page.replace("&#39;", "'") and HIDDEN[lang] in page.replace("&#39;", "'")
    [exported] = _export(app, student)["matches"]
    assert exported["coach_note"] == "Ring henne"


def test_the_export_holds_what_others_recorded_about_the_student(app, factory, db_session) -> None:
    from matchmaker.core import audit

    student = factory.student()
    admin = factory.user(Role.ADMIN)
    audit.record(db_session, admin, "user.deactivate", student)
    audit.record(db_session, None, "user.flagged_inactive", student)
    exported = _export(app, student)["actions_about_you"]
    assert [(e["action"], e["actor_id"]) for e in exported] == [("user.deactivate", admin.id),
                                                               ("user.flagged_inactive", None)]
