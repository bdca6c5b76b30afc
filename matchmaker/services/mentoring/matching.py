"""The coach matches a programme: the engine ranks both ways, the allocation respects capacities, then by hand.

Mentee side: the mentee's goals against the mentor's expertise. Mentor side: the mean of that fit and of the
mentee (goals, program, skills) against the mentor's preferences, so a mentor ranks mentees who suit both what
they know and whom they asked for; a mentor who states no preferences ranks mentees by the mentee side alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.matching import OfferDoc, Ranker, StudentDoc
from matchmaker.models import Mentor, MentoringPair, MentoringProgramme, ProgrammeStatus, User, utcnow
from matchmaker.services.notifications.operations import notify

from .allocate import coverage, reciprocal, stable

MODES = ("stable", "coverage")


@dataclass
class PairScore:
    """Both sides' scores of a (mentee, mentor) pair and the reasons the engine gives."""

    mentee_side: float = 0.0
    mentor_side: float = 0.0
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def reciprocal(self) -> float:
        return reciprocal(self.mentee_side, self.mentor_side)


def _ranker() -> Ranker:
    # A cohort is a handful of documents: keep terms that most of them share (max_df=1.0).
    return Ranker(max_df=1.0)


def score_pairs(programme: MentoringProgramme, language: str = "sv") -> dict[tuple[int, int], PairScore]:
    """Every (mentee id, mentor id) pair scored by the engine in both directions, with reasons."""
    mentors, mentees = programme.mentors, programme.mentees
    scores = {(a.id, b.id): PairScore() for a in mentees for b in mentors}
    if not mentors or not mentees:
        return scores
    mentor_docs = [OfferDoc(id=str(m.id), title=m.expertise.split("\n")[0][:120], description=m.expertise,
                            kind="mentoring") for m in mentors]
    mentee_docs = [StudentDoc(id=str(a.id), about=a.goals, interests=a.goals,
                              skills=tuple(a.student.skills or ())) for a in mentees]
    forward = _ranker().fit(mentor_docs, mentee_docs)
    for doc in mentee_docs:
        for hit in forward.rank_offers(doc, k=len(mentors), apply_filters=False, language=language):
            found = scores[(int(doc.id), int(hit.offer_id))]
            found.mentee_side = float(hit.score)
            found.reasons += [{"side": "mentee", **r.to_dict()} for r in hit.reasons]
    with_prefs = [m for m in mentors if m.preferences.strip()]
    if with_prefs:
        mentee_as_offers = [OfferDoc(id=str(a.id), title=(a.student.program.name_en if a.student.program else ""),
                                     description=a.goals, skills=tuple(a.student.skills or ())) for a in mentees]
        mentor_as_students = [StudentDoc(id=str(m.id), about=m.preferences, interests=m.preferences)
                              for m in with_prefs]
        backward = _ranker().fit(mentee_as_offers, mentor_as_students)
        for doc in mentor_as_students:
            for hit in backward.rank_offers(doc, k=len(mentees), apply_filters=False, language=language):
                found = scores[(int(hit.offer_id), int(doc.id))]
                found.mentor_side = float(hit.score)
                found.reasons += [{"side": "mentor", **r.to_dict()} for r in hit.reasons]
    for m in mentors:
        for a in mentees:
            found = scores[(a.id, m.id)]
            stated = m.preferences.strip()
            found.mentor_side = (found.mentor_side + found.mentee_side) / 2 if stated else found.mentee_side
    return scores


def run_matching(session: Session, actor: User, programme: MentoringProgramme, mode: str,
                 language: str = "sv") -> list[MentoringPair]:
    """Replace the proposal with a new one: stable (deferred acceptance) or everyone matched (coverage)."""
    if mode not in MODES:
        raise ValidationError({"mode": "Choose stable or everyone matched."})
    if programme.status == ProgrammeStatus.PUBLISHED:
        raise ValidationError({"mode": "The pairs are published; adjust them by hand."})
    if not programme.mentors or not programme.mentees:
        raise ValidationError({"mode": "Matching needs at least one mentor and one mentee."})
    scores = score_pairs(programme, language)
    sides = {k: (v.mentee_side, v.mentor_side) for k, v in scores.items()}
    mentees = [a.id for a in programme.mentees]
    mentors = [b.id for b in programme.mentors]
    capacities = {b.id: b.capacity for b in programme.mentors}
    result = (stable if mode == "stable" else coverage)(mentees, mentors, capacities, sides)
    programme.pairs.clear()
    session.flush()
    for mentee_id, mentor_id in result.items():
        if mentor_id is not None:
            s = scores[(mentee_id, mentor_id)]
            programme.pairs.append(MentoringPair(mentor_id=mentor_id, mentee_id=mentee_id, score=s.reciprocal,
                                                 reasons=s.reasons))
    programme.status, programme.matching_mode = ProgrammeStatus.MATCHED, mode
    session.flush()
    audit.record(session, actor, "mentoring.matched", programme, mode=mode, pairs=len(programme.pairs))
    return list(programme.pairs)


def set_partner(session: Session, actor: User, programme: MentoringProgramme, mentee_id: int,
                mentor_id: int | None, language: str = "sv") -> MentoringPair | None:
    """The coach pairs a mentee with a mentor by hand (or unpairs them), within the mentor's capacity."""
    mentee = next((a for a in programme.mentees if a.id == mentee_id), None)
    if mentee is None:
        raise NotFound("mentee")
    mentor: Mentor | None = None
    if mentor_id is not None:
        mentor = next((b for b in programme.mentors if b.id == mentor_id), None)
        if mentor is None:
            raise ValidationError({"mentor": "Choose a mentor of this programme."})
        taken = sum(1 for p in programme.pairs if p.mentor_id == mentor.id and p.mentee_id != mentee_id)
        if taken >= mentor.capacity:
            raise ValidationError({"mentor": "This mentor has no capacity left."})
    current = next((p for p in programme.pairs if p.mentee_id == mentee_id), None)
    if current is not None:
        programme.pairs.remove(current)
        session.flush()
    pair = None
    if mentor is not None:
        s = score_pairs(programme, language)[(mentee.id, mentor.id)]
        pair = MentoringPair(mentor_id=mentor.id, mentee_id=mentee.id, score=s.reciprocal, reasons=s.reasons,
                             by_hand=True)
        programme.pairs.append(pair)
    if programme.status == ProgrammeStatus.OPEN:
        programme.status = ProgrammeStatus.MATCHED
    session.flush()
    if pair is not None and programme.status == ProgrammeStatus.PUBLISHED:
        _tell(session, programme, pair)
    audit.record(session, actor, "mentoring.pair_set", programme, mentee=mentee_id, mentor=mentor_id)
    return pair


def _tell(session: Session, programme: MentoringProgramme, pair: MentoringPair) -> None:
    mentor_user, mentee = pair.mentor.user, pair.mentee
    notify(session, [mentor_user], "mentoring.paired",
           {"programme": programme.title, "partner": mentee.student.name}, ("mentoring", programme.id))
    notify(session, [mentee.student.user], "mentoring.paired",
           {"programme": programme.title, "partner": mentor_user.display_name}, ("mentoring", programme.id))


def publish(session: Session, actor: User, programme: MentoringProgramme) -> int:
    """Publish the pairs: both sides of each pair are notified. Returns the number of pairs."""
    if programme.status != ProgrammeStatus.MATCHED or not programme.pairs:
        raise ValidationError({"publish": "Match the programme before publishing pairs."})
    programme.status, programme.published_at = ProgrammeStatus.PUBLISHED, utcnow()
    for pair in programme.pairs:
        _tell(session, programme, pair)
    session.flush()
    audit.record(session, actor, "mentoring.published", programme, pairs=len(programme.pairs))
    return len(programme.pairs)
