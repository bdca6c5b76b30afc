"""Demo people and their history: students, applications with events, placements with follow-up."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from matchmaker.core.validation import valid_term
from matchmaker.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    OfferKind,
    OfferStatus,
    Placement,
    Role,
    StudentProfile,
    StudyMode,
)
from matchmaker.seed.support import (
    EntryError,
    SeedContext,
    entries,
    entry,
    new_user,
    read_yaml,
    ref,
    rel_date,
    term_after,
    term_of,
)

S = ApplicationStatus
# The usual way forward; declined and withdrawn branch off it (see `after` in applications.yaml).
_FORWARD = [S.SUBMITTED, S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.ACCEPTED]
_STUDENT_MOVES = {S.SUBMITTED, S.ACCEPTED, S.WITHDRAWN}
_APPLICABLE = {OfferStatus.PUBLISHED, OfferStatus.CLOSED, OfferStatus.FILLED, OfferStatus.EXPIRED}


def load_students(ctx: SeedContext) -> None:
    """Student accounts and profiles from students.yaml."""
    for e in entries(read_yaml(ctx.seeds_dir, "students.yaml"), "students.yaml"):
        with entry("students.yaml", e.get("email")):
            user = new_user(ctx, e, Role.STUDENT)
            if "graduation_term" in e:
                term = str(e["graduation_term"])
                if not valid_term(term):
                    raise EntryError(f"graduation_term '{term}' is not like HT2026 or VT2027")
            else:
                term = term_after(ctx.today, int(e["graduates_in_terms"]))
            kinds = [OfferKind(k).value for k in e.get("preferred_kinds", [])]
            consent = rel_date(e, "consent", ctx.today)
            profile = StudentProfile(
                user=user, name=user.display_name, program=ref(ctx.programs, e["program"], "program"),
                study_mode=StudyMode(e.get("study_mode", "campus")), graduation_term=term,
                skills=list(e.get("skills", [])), interests=str(e.get("interests", "")).strip(),
                about=str(e.get("about", "")).strip(), languages=list(e.get("languages", [])),
                preferred_kinds=kinds, willing_to_relocate=bool(e.get("willing_to_relocate", False)),
                remote_ok=bool(e.get("remote_ok", False)),
                prefers_sparse=bool(e.get("prefers_sparse", False)),
                # Consent is what makes a profile visible; its date is kept as the proof.
                visible_to_employers=consent is not None,
                consent_at=ctx.moment(consent) if consent else None,
                phone=str(e.get("phone", "")),
            )
            profile.preferred_municipalities = [
                ref(ctx.municipalities, m, "municipality") for m in e.get("preferred_municipalities", [])
            ]
            ctx.students[user.email] = profile
            ctx.session.add(profile)


def _snapshot(profile: StudentProfile) -> dict[str, Any]:
    """What the employer sees of the student, frozen at application time."""
    program = profile.program
    return {
        "name": profile.name, "email": profile.user.email,
        "program": program.slug if program else None, "program_name": program.name_sv if program else None,
        "study_mode": profile.study_mode.value, "graduation_term": profile.graduation_term,
        "skills": list(profile.skills), "languages": list(profile.languages),
        "interests": profile.interests, "about": profile.about,
    }


def _path(e: dict[str, Any], status: ApplicationStatus) -> list[ApplicationStatus]:
    if "path" in e:
        path = [ApplicationStatus(s) for s in e["path"]]
    elif status in _FORWARD:
        path = _FORWARD[: _FORWARD.index(status) + 1]
    else:
        after = ApplicationStatus(e.get("after", "submitted" if status == S.WITHDRAWN else "in_review"))
        if after not in _FORWARD[:-1]:
            raise EntryError(f"cannot be {status.value} after {after.value}")
        path = _FORWARD[: _FORWARD.index(after) + 1] + [status]
    if not path or path[0] != S.SUBMITTED or path[-1] != status:
        raise EntryError("the history must start with submitted and end with the application's status")
    return path


def load_applications(ctx: SeedContext) -> None:
    """Applications with a status history consistent with their status."""
    seen: set[tuple[str, str]] = set()
    for i, e in enumerate(entries(read_yaml(ctx.seeds_dir, "applications.yaml"), "applications.yaml"), 1):
        with entry("applications.yaml", f"{i} ({e.get('student')} -> {e.get('offer')})"):
            profile = ref(ctx.students, str(e["student"]).lower(), "student")
            offer = ref(ctx.offers, e["offer"], "offer")
            if offer.status not in _APPLICABLE:
                raise EntryError(f"offer is {offer.status.value}: nobody can have applied to it")
            if (profile.user.email, str(e["offer"])) in seen:
                raise EntryError("the student already applied to this offer")
            seen.add((profile.user.email, str(e["offer"])))
            status = ApplicationStatus(e["status"])
            path = _path(e, status)
            applied = rel_date(e, "applied", ctx.today, required=True)
            assert applied is not None
            if applied > ctx.today:
                raise EntryError("applied in the future")
            # Steps are spread over the time since applying, at most every `step_days`.
            span_hours = (ctx.today - applied).days * 24
            step = min(float(e.get("step_days", 4)) * 24, span_hours / max(len(path), 1))
            messages = {ApplicationStatus(k): str(v) for k, v in (e.get("event_messages") or {}).items()}
            application = Application(
                student=profile, offer=offer, status=status, message=str(e.get("message", "")).strip(),
                profile_snapshot=_snapshot(profile), employer_notes=str(e.get("employer_notes", "")).strip(),
            )
            employer = offer.organization.members[0] if offer.organization.members else None
            previous: ApplicationStatus | None = None
            for n, to in enumerate(path):
                by_student = to in _STUDENT_MOVES or (to == S.DECLINED and previous == S.OFFERED)
                actor = profile.user if by_student else employer
                application.events.append(ApplicationEvent(
                    from_status=previous, to_status=to, actor_id=actor.id if actor else None,
                    message=messages.get(to, ""), at=ctx.moment(applied, hours=n * step),
                ))
                previous = to
            application.created_at = application.events[0].at
            application.updated_at = application.events[-1].at
            ctx.session.add(application)


def load_placements(ctx: SeedContext) -> None:
    """Placements, some completed with the follow-up of both sides."""
    for i, e in enumerate(entries(read_yaml(ctx.seeds_dir, "placements.yaml"), "placements.yaml"), 1):
        with entry("placements.yaml", f"{i} ({e.get('student')} -> {e.get('offer')})"):
            offer = ref(ctx.offers, e["offer"], "offer")
            profile = ref(ctx.students, str(e["student"]).lower(), "student") if e.get("student") else None
            if e.get("program"):
                program = ref(ctx.programs, e["program"], "program")
            elif profile is not None:
                program = profile.program
            else:
                raise EntryError("an anonymous placement (no student) needs a program")
            start = rel_date(e, "start", ctx.today, required=True)
            end = rel_date(e, "end", ctx.today)
            assert start is not None
            if end is not None and end < start:
                raise EntryError("ends before it starts")
            completed = bool(e.get("completed", False))
            if completed and (end is None or end > ctx.today):
                raise EntryError("a completed placement must have ended")
            placement = Placement(
                student=profile, offer=offer, program_id=None, period_start=start, period_end=end,
                term=str(e.get("term") or term_of(start)), completed=completed,
                completed_at=ctx.moment(end + timedelta(days=int(e.get("completed_after_days", 3))))
                if completed and end else None,
                student_rating=e.get("student_rating"),
                student_would_recommend=e.get("student_would_recommend"),
                student_feedback=str(e.get("student_feedback", "")).strip(),
                employer_rating=e.get("employer_rating"),
                employer_feedback=str(e.get("employer_feedback", "")).strip(),
                hired_afterwards=e.get("hired_afterwards"), stayed_in_region=e.get("stayed_in_region"),
            )
            for rating in (placement.student_rating, placement.employer_rating):
                if rating is not None and not 1 <= int(rating) <= 5:
                    raise EntryError("ratings are 1 to 5")
            placement.program_id = program.id if program else None
            ctx.session.add(placement)
