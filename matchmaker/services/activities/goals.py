"""Every event, mentoring programme and programme council with its measurable goal and outcome, by lifecycle phase."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from matchmaker.models import LifecyclePhase, Organization
from matchmaker.services.councils import queries as council_queries
from matchmaker.services.events import queries as event_queries
from matchmaker.services.events.registrations import attendance
from matchmaker.services.mentoring import followup, programmes


@dataclass
class Activity:
    """One activity's goal and outcome; `sparse_organizations` counts the employers from sparsely populated
    municipalities that took part (exhibitors, the mentors' organisations, or those represented on a council)."""

    kind: str  # "event", "mentoring" or "council"
    id: int
    title: str
    day: date
    measure: str  # "attended", "pairs" or "meetings" (a council's meetings in the last 12 months)
    goal: int | None
    outcome: int
    sparse_organizations: int
    organizations: int

    @property
    def met(self) -> bool | None:
        return None if self.goal is None else self.outcome >= self.goal


def _sparse(orgs: list[Organization]) -> tuple[int, int]:
    unique = {o.id: o for o in orgs}.values()
    return sum(1 for o in unique if o.municipality is not None and o.municipality.sparsely_populated), len(unique)


def by_phase(session: Session, today: date | None = None) -> dict[LifecyclePhase, list[Activity]]:
    """Activities per phase (every phase present, possibly empty), soonest first.

    A council's day is its latest meeting (else the day it was created)."""
    today = today or date.today()
    result: dict[LifecyclePhase, list[Activity]] = {phase: [] for phase in LifecyclePhase}
    for event in event_queries.all_events(session):
        sparse, orgs = _sparse([x.organization for x in event.exhibitors])
        result[event.phase].append(Activity(
            kind="event", id=event.id, title=event.title, day=event.starts_at.date(), measure="attended",
            goal=event.goal_attendance, outcome=attendance(event).attended, sparse_organizations=sparse,
            organizations=orgs))
    for programme in programmes.all_programmes(session):
        sparse, orgs = _sparse([m.user.organization for m in programme.mentors if m.user.organization is not None])
        result[programme.phase].append(Activity(
            kind="mentoring", id=programme.id, title=programme.title, day=programme.period_start, measure="pairs",
            goal=programme.target_pairs, outcome=followup.outcomes(programme).pairs, sparse_organizations=sparse,
            organizations=orgs))
    for council in council_queries.all_councils(session):
        done = council_queries.outcome(council, today)
        result[council.phase].append(Activity(
            kind="council", id=council.id, title=council.name, day=done.last_meeting or council.created_at.date(),
            measure="meetings", goal=council.goal_meetings_per_year, outcome=done.meetings,
            sparse_organizations=done.sparse_organizations, organizations=done.organizations))
    for rows in result.values():
        rows.sort(key=lambda a: (a.day, a.kind, a.id))
    return result
