"""Demo programme councils from seeds/councils.yaml, made by the real services (so the goals and the minutes are
validated exactly as a coach's would be)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from matchmaker.core.errors import ValidationError
from matchmaker.models import Role
from matchmaker.services.councils import editing, meetings

from .support import EntryError, SeedContext, entries, entry, read_yaml, ref

FILE = "councils.yaml"


def load_councils(ctx: SeedContext) -> None:
    """The councils of councils.yaml with members and meetings (after organisations and students)."""
    coach = next(u for u in ctx.users.values() if u.role == Role.COACH)
    for e in entries(read_yaml(ctx.seeds_dir, FILE), FILE):
        with entry(FILE, e.get("program")):
            try:
                _council(ctx, coach, e)
            except ValidationError as exc:
                raise EntryError("; ".join(f"{k}: {v}" for k, v in exc.errors.items())) from None


def _council(ctx: SeedContext, coach: Any, e: dict[str, Any]) -> None:
    program = ref(ctx.programs, e["program"], "program")
    council = editing.create_council(ctx.session, coach, editing.CouncilInput(
        program_id=program.id, name=str(e["name"]), description=str(e.get("description", "")),
        phase=str(e.get("phase", "develop")), goal_meetings_per_year=e.get("goal_meetings_per_year"),
        goal_employer_members=e.get("goal_employer_members")))
    keys: dict[str, int] = {}
    for m in entries(e.get("members", []), f"{FILE}:{e['program']}:members"):
        org = ref(ctx.organizations, m["organization"], "organisation") if m.get("organization") else None
        member = editing.add_member(ctx.session, coach, council, editing.MemberInput(
            kind=str(m["kind"]), name=str(m["name"]), organization_id=org.id if org else None,
            email=str(m.get("email", ""))))
        keys[str(m["key"])] = member.id
    for meeting in entries(e.get("meetings", []), f"{FILE}:{e['program']}:meetings"):
        meetings.record_meeting(ctx.session, coach, council, meetings.MeetingInput(
            title=str(meeting["title"]), held_on=ctx.today - timedelta(days=int(meeting["days_ago"])),
            attendee_ids=[ref(keys, k, "member") for k in meeting.get("attendees", [])],
            guests=str(meeting.get("guests", "")), notes=str(meeting.get("notes", "")),
            decisions=str(meeting.get("decisions", ""))), ctx.today)
