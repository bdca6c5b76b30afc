"""The authorization world's programme council: X's organisation and student A sit on it, with one meeting."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from matchmaker.models import CouncilMeeting, CouncilMember, MemberKind, ProgrammeCouncil


def council_objects(session: Session, users: dict[str, Any], program: Any, org_x: Any) -> dict[str, int]:
    """A council for the world's program: X's employer and student A linked, a teacher, and one meeting."""
    council = ProgrammeCouncil(program_id=program.id, name="World council", goal_meetings_per_year=2,
                               created_by_id=users["coach"].id)
    employer = CouncilMember(kind=MemberKind.EMPLOYER_REPRESENTATIVE, name="X rep", organization_id=org_x.id,
                             user_id=users["employer_x"].id)
    student = CouncilMember(kind=MemberKind.STUDENT, name="Student A", user_id=users["student_a"].id)
    teacher = CouncilMember(kind=MemberKind.TEACHER, name="Teacher T")
    council.members.extend([employer, student, teacher])
    session.add(council)
    session.flush()
    meeting = CouncilMeeting(council_id=council.id, title="World meeting", held_on=date.today() - timedelta(days=30),
                             notes="Notes", decisions="Decisions", attendees=[employer, student])
    session.add(meeting)
    session.flush()
    return {"council": council.id, "council_meeting": meeting.id, "council_member": teacher.id}
