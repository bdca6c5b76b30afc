"""What coaches do with a matching run's results: coverage, browsing, recommending, dismissing, notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.core.paging import Page, paginate
from matchmaker.core.validation import parse_int
from matchmaker.models import MatchRun, MatchStatus, MatchSuggestion, Offer, StudentProfile, StudyProgram, User, utcnow
from matchmaker.services.matching_runs.runs import current_run
from matchmaker.services.notifications.operations import notify

MAX_NOTE = 2000


@dataclass
class CoverageRow:
    """Coverage of one study program (program None: no program / offers open to all)."""

    program: StudyProgram | None
    students: int
    no_good_match: int
    offers: int
    no_candidates: int


def coverage(session: Session, run: MatchRun, locale: str) -> list[CoverageRow]:
    """Per-program coverage stored on a finished run, by program name; the "none" row last."""
    stored: dict[str, dict[str, int]] = (run.counts or {}).get("programs", {})
    ids = [n for key in stored if (n := parse_int(key)) is not None]
    programs = {p.id: p for p in session.scalars(select(StudyProgram).where(StudyProgram.id.in_(ids)))}
    rows = []
    for key, figures in stored.items():
        program_id = parse_int(key)
        program = programs.get(program_id) if program_id is not None else None
        if program_id is not None and program is None:
            continue  # the program was deleted since the run
        rows.append(CoverageRow(program, figures.get("students", 0), figures.get("no_good_match", 0),
                                figures.get("offers", 0), figures.get("no_candidates", 0)))
    return sorted(rows, key=lambda r: (r.program is None, r.program.name(locale) if r.program else ""))


def offers_without_candidates(session: Session, run: MatchRun) -> list[Offer]:
    """Offers of a run that no student had among their top matches."""
    ids = (run.counts or {}).get("offers_without_candidates_ids", [])
    if not ids:
        return []
    return list(session.scalars(select(Offer).where(Offer.id.in_(ids))
                                .options(selectinload(Offer.organization)).order_by(Offer.title)))


def browse(session: Session, run: MatchRun, *, program_id: int | None = None, status: str = "",
           page: int = 1, per_page: int = 25) -> Page[Any]:
    """(MatchSuggestion, StudentProfile, Offer) rows of a run, best score first, filtered by program and status."""
    stmt = (
        select(MatchSuggestion, StudentProfile, Offer)
        .join(StudentProfile, StudentProfile.id == MatchSuggestion.student_id)
        .join(Offer, Offer.id == MatchSuggestion.offer_id)
        .where(MatchSuggestion.run_id == run.id)
        .options(selectinload(Offer.organization), selectinload(StudentProfile.program))
    )
    if program_id is not None:
        stmt = stmt.where(StudentProfile.program_id == program_id)
    if status in {s.value for s in MatchStatus}:
        stmt = stmt.where(MatchSuggestion.status == MatchStatus(status))
    ordered = stmt.order_by(MatchSuggestion.score.desc(), MatchSuggestion.id)
    return paginate(session, ordered, page, per_page, scalars=False)


def _current_match(session: Session, match_id: int) -> MatchSuggestion:
    match = session.get(MatchSuggestion, match_id)
    if match is None:
        raise NotFound("match")
    run = current_run(session)
    if run is None or match.run_id != run.id:
        # A newer run replaced these results while the coach had the page open.
        raise Conflict("these results were replaced by a newer run")
    return match


def recommend(session: Session, coach: User, match_id: int) -> MatchSuggestion:
    """Recommend a match: the student sees "recommended by your career coach"."""
    match = _current_match(session, match_id)
    again = match.status == MatchStatus.RECOMMENDED
    match.status = MatchStatus.RECOMMENDED
    match.recommended_by_id = coach.id
    match.recommended_at = utcnow()
    session.flush()
    audit.record(session, coach, "match.recommend", match, student_id=match.student_id, offer_id=match.offer_id)
    student, offer = session.get(StudentProfile, match.student_id), session.get(Offer, match.offer_id)
    if student is not None and offer is not None and not again:
        notify(session, [student.user], "recommendation.new", {"offer": offer.title}, obj=("offer", offer.id))
    return match


def dismiss(session: Session, coach: User, match_id: int) -> MatchSuggestion:
    """Dismiss a match (also withdraws a recommendation)."""
    match = _current_match(session, match_id)
    match.status = MatchStatus.DISMISSED
    match.recommended_by_id = None
    match.recommended_at = None
    session.flush()
    audit.record(session, coach, "match.dismiss", match, student_id=match.student_id, offer_id=match.offer_id)
    return match


def set_note(session: Session, coach: User, match_id: int, note: str) -> MatchSuggestion:
    """Set the coach's note on a match (empty clears it); only coaches see notes."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": "is too long"})
    match = _current_match(session, match_id)
    match.coach_note = note
    session.flush()
    audit.record(session, coach, "match.note", match, length=len(note))
    return match


def history(session: Session, *, page: int = 1, per_page: int = 25) -> Page[Any]:
    """(MatchRun, starter User | None) rows, newest first."""
    stmt = select(MatchRun, User).outerjoin(User, User.id == MatchRun.started_by_id).order_by(MatchRun.id.desc())
    return paginate(session, stmt, page, per_page, scalars=False)

