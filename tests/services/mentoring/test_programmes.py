"""Mentoring programmes end to end in the services: bad input, matching with the engine both ways and reasons,
capacities, hand adjustment, publishing with notifications, check-ins and goals against outcomes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import MentoringProgramme, Notification, ProgramLevel, ProgrammeStatus, Role
from matchmaker.services.mentoring import followup, matching, programmes

pytestmark = pytest.mark.db

TODAY = date(2027, 1, 10)


def _input(**kw):
    values = dict(title="Mentorsprogram för ingenjörsstudenter, våren 2027", goals="20 par, 80 % fullföljer",
                  period_start=date(2027, 2, 1), period_end=date(2027, 6, 15), matching_deadline=date(2027, 1, 25),
                  target_pairs=2, target_completion=50)
    values.update(kw)
    return programmes.ProgrammeInput(**values)


@pytest.fixture
def cohort(db_session, factory):
    program = factory.program(level=ProgramLevel.BACHELOR)
    coach = factory.user(Role.COACH)
    goals = {"nurse": "Jag vill arbeta som sjuksköterska i hemsjukvård i glesbygd",
             "coder": "Lära mig webbutveckling med Python och databaser",
             "coder2": "Bli systemutvecklare och koda Python"}
    students = {key: factory.student(program=program, name=key.title(), skills=["python"] if "coder" in key else [])
                for key in goals}
    programme = programmes.create_programme(db_session, coach, _input(program_ids=[program.id]))
    nurse_mentor = factory.user(Role.EMPLOYER, display_name="Maria Mentor")
    code_mentor = factory.user(Role.EMPLOYER, display_name="Kalle Kod")
    programmes.register_mentor(db_session, nurse_mentor, programme,
                               "Sjuksköterska inom hemsjukvård och äldreomsorg, vård i glesbygd", "", 1, TODAY)
    programmes.register_mentor(db_session, code_mentor, programme,
                               "Systemutvecklare: Python, webbutveckling och databaser", "Studenter som vill koda",
                               2, TODAY)
    for key, user in students.items():
        programmes.apply(db_session, user.student_profile, programme, goals[key], TODAY)
    return {"programme": programme, "coach": coach, "nurse_mentor": nurse_mentor, "code_mentor": code_mentor,
            **students, "program": program}


def test_bad_input_changes_nothing(db_session, factory, cohort) -> None:
    before = db_session.scalar(select(func.count()).select_from(MentoringProgramme))
    coach = cohort["coach"]
    for field, data in (("period_end", _input(period_end=date(2027, 1, 1))),
                        ("matching_deadline", _input(matching_deadline=date(2027, 7, 1))),
                        ("target_completion", _input(target_completion=120)),
                        ("programs", _input(program_ids=[cohort["program"].id], levels=["master"]))):
        with pytest.raises(ValidationError) as caught:
            programmes.create_programme(db_session, coach, data)
        assert field in caught.value.errors
    assert db_session.scalar(select(func.count()).select_from(MentoringProgramme)) == before
    programme = cohort["programme"]
    with pytest.raises(ValidationError) as caught:
        programmes.register_mentor(db_session, factory.user(Role.EMPLOYER), programme, "Ekonomi", "", 0, TODAY)
    assert "capacity" in caught.value.errors and len(programme.mentors) == 2
    with pytest.raises(ValidationError):  # after the matching deadline
        programmes.apply(db_session, factory.student(program=cohort["program"]).student_profile, programme,
                         "Mål", programme.matching_deadline + timedelta(days=1))
    with pytest.raises(NotFound):  # not eligible: another program
        programmes.apply(db_session, factory.student().student_profile, programme, "Mål", TODAY)


@pytest.mark.parametrize("mode", ["stable", "coverage"])
def test_matching_pairs_by_goals_and_expertise_with_reasons(db_session, cohort, mode) -> None:
    programme = cohort["programme"]
    pairs = matching.run_matching(db_session, cohort["coach"], programme, mode)
    by_student = {p.mentee.student.user_id: p for p in pairs}
    nurse_pair = by_student[cohort["nurse"].id]
    assert nurse_pair.mentor.user_id == cohort["nurse_mentor"].id
    assert nurse_pair.score > 0 and any(r["side"] == "mentee" for r in nurse_pair.reasons)
    for key in ("coder", "coder2"):
        assert by_student[cohort[key].id].mentor.user_id == cohort["code_mentor"].id
    for mentor in programme.mentors:  # capacities respected
        assert sum(1 for p in pairs if p.mentor_id == mentor.id) <= mentor.capacity
    assert programme.status == ProgrammeStatus.MATCHED and programme.matching_mode == mode


def test_hand_adjustment_respects_capacity_then_publish_notifies_both_sides(db_session, cohort) -> None:
    programme = cohort["programme"]
    matching.run_matching(db_session, cohort["coach"], programme, "stable")
    nurse_mentor = next(m for m in programme.mentors if m.user_id == cohort["nurse_mentor"].id)
    coder = next(a for a in programme.mentees if a.student.user_id == cohort["coder"].id)
    with pytest.raises(ValidationError) as caught:  # the nurse mentor takes one mentee and has one
        matching.set_partner(db_session, cohort["coach"], programme, coder.id, nurse_mentor.id)
    assert "capacity" in caught.value.errors["mentor"]
    matching.set_partner(db_session, cohort["coach"], programme, coder.id, None)
    assert all(p.mentee_id != coder.id for p in programme.pairs)
    code_mentor = next(m for m in programme.mentors if m.user_id == cohort["code_mentor"].id)
    pair = matching.set_partner(db_session, cohort["coach"], programme, coder.id, code_mentor.id)
    assert pair is not None and pair.by_hand and pair.score > 0
    assert matching.publish(db_session, cohort["coach"], programme) == 3
    kinds = db_session.scalars(select(Notification.kind).where(
        Notification.user_id.in_([cohort["nurse"].id, cohort["nurse_mentor"].id]))).all()
    assert kinds == ["mentoring.paired", "mentoring.paired"]
    with pytest.raises(ValidationError):
        matching.run_matching(db_session, cohort["coach"], programme, "stable")  # published: by hand only


def test_check_ins_and_goals_against_outcomes(db_session, cohort) -> None:
    programme = cohort["programme"]
    matching.run_matching(db_session, cohort["coach"], programme, "stable")
    matching.publish(db_session, cohort["coach"], programme)
    mine = followup.pairs_of(db_session, cohort["nurse"])
    assert len(mine) == 1 and followup.pairs_of(db_session, cohort["nurse_mentor"]) == mine
    with pytest.raises(NotFound):
        followup.pair_for(db_session, cohort["coder"], mine[0].id)
    with pytest.raises(ValidationError) as caught:
        followup.add_check_in(db_session, cohort["nurse"], mine[0], "final", TODAY, 9, "", TODAY)
    assert "rating" in caught.value.errors
    followup.add_check_in(db_session, cohort["nurse"], mine[0], "meeting", TODAY, None, "Första mötet", TODAY)
    followup.add_check_in(db_session, cohort["nurse_mentor"], mine[0], "final", TODAY, 5, "Bra", TODAY)
    result = followup.outcomes(programme)
    assert (result.pairs, result.target_pairs, result.pairs_met) == (3, 2, True)
    assert (result.meetings, result.completed, result.completion_percent) == (1, 1, 33.3)
    assert result.completion_met is False and result.average_rating == 5.0
