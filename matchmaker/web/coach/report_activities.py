"""The coach reports' meeting places and activities: attendance per program, fair participation per employer,
and goal attainment per lifecycle phase (the tables and their CSV; the reports page and route are views_reports)."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from matchmaker.models import LifecyclePhase
from matchmaker.services.activities import goals, participants
from matchmaker.services.contracts.reports import Period
from matchmaker.services.events import report

from ..extensions import db

# Labels by the activity's kind and measure. by_phase may gain kinds (e.g. programme councils): a kind or measure
# without a label here still shows, under the fallback.
ACTIVITY_KINDS = {
    "event": _l("Event"),
    "mentoring": _l("Mentoring programme"),
    "council": _l("Programme council"),
}
MEASURES = {
    "attended": _l("Students attending"),
    "pairs": _l("Pairs"),
    "meetings": _l("Meetings"),
}
# The coach's page of an activity, by kind: (endpoint, URL parameter); an endpoint the app lacks gives no link.
PAGES = {
    "event": ("coach.event", "event_id"),
    "mentoring": ("coach.mentoring_programme", "programme_id"),
    "council": ("coach.council", "council_id"),
}
CSV_TABLES = ("event_attendance", "fair_employers", "goals")


def kind_label(kind: str) -> str:
    """The activity kind in words (a fallback for kinds without a label)."""
    return str(ACTIVITY_KINDS.get(kind) or _("Other activity"))


def measure_label(measure: str) -> str:
    """What the outcome counts, in words (a fallback for measures without a label)."""
    return str(MEASURES.get(measure) or _("Outcome"))


def _page(activity: goals.Activity) -> str | None:
    endpoint, parameter = PAGES.get(activity.kind, ("", ""))
    if not endpoint:
        return None
    try:
        return url_for(endpoint, **{parameter: activity.id})
    except BuildError:
        return None


def _in(period: Period, activity: goals.Activity) -> bool:
    start, end = period.bounds()
    return (start is None or activity.day >= start) and (end is None or activity.day <= end)


def phase_rows(period: Period) -> dict[LifecyclePhase, list[dict[str, Any]]]:
    """Every phase (possibly empty) with its activities dated in the period, goal against outcome."""
    phases = {phase: [a for a in rows if _in(period, a)] for phase, rows in goals.by_phase(db.session).items()}
    wishes = participants.sparse_wishes(db.session, [a for rows in phases.values() for a in rows])
    result: dict[LifecyclePhase, list[dict[str, Any]]] = {}
    for phase, rows in phases.items():
        result[phase] = []
        for a in rows:
            wish = wishes.get((a.kind, a.id))
            result[phase].append({
                "activity": a, "kind": kind_label(a.kind), "measure": measure_label(a.measure), "url": _page(a),
                "met": a.met, "attainment": a.outcome / a.goal if a.goal else None,
                "wishing": wish.wishing if wish else None, "participants": wish.participants if wish else None,
            })
    return result


def context(period: Period, locale: str) -> dict[str, Any]:
    """The template values of the three sections."""
    moments = period.moments()
    return {
        "event_attendance": report.attendance_by_program(db.session, moments, locale),
        "fair_employers": report.fair_participation_by_employer(db.session, moments),
        "goal_phases": phase_rows(period),
    }


def csv_table(table: str, period: Period, locale: str) -> tuple[list[str], list[list[Any]]] | None:
    """One of these sections as CSV rows (header, rows); None for a table name that is not one of them."""
    moments = period.moments()
    if table == "event_attendance":
        rows = report.attendance_by_program(db.session, moments, locale)
        return (["program_id", "program", "events", "registered", "waiting", "attended"],
                [[r["program_id"], r["program"] or _("No program"), r["events"], r["registered"], r["waiting"],
                  r["attended"]] for r in rows])
    if table == "fair_employers":
        rows = report.fair_participation_by_employer(db.session, moments)
        header = ["organization_id", "organization", "fairs", "arrived", "representatives", "slots_published",
                  "slots_booked"]
        return header, [[r[k] for k in header] for r in rows]
    if table == "goals":
        header = ["phase", "kind", "activity_id", "title", "date", "measure", "goal", "outcome", "goal_met",
                  "organizations", "sparse_organizations", "student_participants", "students_wishing_sparse"]
        out = []
        for phase, rows in phase_rows(period).items():
            for r in rows:
                a = r["activity"]
                out.append([phase.value, a.kind, a.id, a.title, a.day, a.measure, a.goal, a.outcome, r["met"],
                            a.organizations, a.sparse_organizations, r["participants"], r["wishing"]])
        return header, out
    return None
