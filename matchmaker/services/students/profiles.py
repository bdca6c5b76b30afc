"""Student profiles: update, consent to be visible to employers, snapshots and the employer's view."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.core.validation import valid_term
from matchmaker.models import Municipality, OfferKind, StudentProfile, StudyMode, StudyProgram, User, utcnow

_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,24}$")
MAX_ABOUT = 20000
MAX_INTERESTS = 2000
MAX_LIST = 40
MAX_ITEM = 60


@dataclass
class ProfileInput:
    """What a student can edit on their profile."""

    name: str = ""
    program_slug: str = ""
    study_mode: str = StudyMode.CAMPUS.value
    graduation_term: str = ""  # "HT2027", "VT2028" or ""
    skills: list[str] = field(default_factory=list)
    interests: str = ""
    about: str = ""
    languages: list[str] = field(default_factory=list)
    preferred_kinds: list[str] = field(default_factory=list)
    municipality_ids: list[int] = field(default_factory=list)
    willing_to_relocate: bool = False
    remote_ok: bool = False
    prefers_sparse: bool = False
    phone: str = ""


def profile_of(user: User) -> StudentProfile:
    """The student's own profile; NotFound for users without one."""
    if user.student_profile is None:
        raise NotFound("profile")
    return user.student_profile


def split_list(text: str) -> list[str]:
    """Split a comma or newline separated list, trimming and dropping duplicates (case-insensitive)."""
    seen: set[str] = set()
    out: list[str] = []
    for part in re.split(r"[,;\n]", text or ""):
        item = " ".join(part.split())
        if item and item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


def _check_list(errors: dict[str, str], name: str, items: list[str]) -> None:
    if len(items) > MAX_LIST:
        errors[name] = "has too many entries"
    elif any(len(i) > MAX_ITEM for i in items):
        errors[name] = "has an entry that is too long"


def _check_term(errors: dict[str, str], term: str, today: date) -> None:
    if not term:
        return
    if not valid_term(term):
        errors["graduation_term"] = "is not a valid term"
    elif not today.year - 1 <= int(term[2:]) <= today.year + 10:
        errors["graduation_term"] = "is out of range"


def update_profile(session: Session, user: User, data: ProfileInput, today: date | None = None) -> StudentProfile:
    """Validate and save the whole profile; nothing changes when a field is wrong."""
    profile = profile_of(user)
    today = today or date.today()
    errors: dict[str, str] = {}
    name = " ".join(data.name.split())
    if not name:
        errors["name"] = "is required"
    elif len(name) > 120:
        errors["name"] = "is too long"
    program = None
    if data.program_slug:
        program = session.scalar(select(StudyProgram).where(StudyProgram.slug == data.program_slug))
        if program is None:
            errors["program"] = "is not a known study program"
    if data.study_mode not in {m.value for m in StudyMode}:
        errors["study_mode"] = "is not a valid choice"
    term = data.graduation_term.strip().upper()
    _check_term(errors, term, today)
    skills, languages = split_list(", ".join(data.skills)), split_list(", ".join(data.languages))
    _check_list(errors, "skills", skills)
    _check_list(errors, "languages", languages)
    if len(data.interests) > MAX_INTERESTS:
        errors["interests"] = "is too long"
    if len(data.about) > MAX_ABOUT:
        errors["about"] = "is too long"
    kinds = [k for k in dict.fromkeys(data.preferred_kinds)]
    if any(k not in {o.value for o in OfferKind} for k in kinds):
        errors["preferred_kinds"] = "is not a valid choice"
    places: list[Municipality] = []
    if data.municipality_ids:
        ids = set(data.municipality_ids)
        places = list(session.scalars(select(Municipality).where(Municipality.id.in_(ids))))
        if len(places) != len(ids):
            errors["municipalities"] = "is not a known municipality"
    phone = " ".join(data.phone.split())
    if phone and not _PHONE.match(phone):
        errors["phone"] = "is not a valid phone number"
    if errors:
        raise ValidationError(errors)
    profile.name = name
    profile.program = program
    profile.study_mode = StudyMode(data.study_mode)
    profile.graduation_term = term or None
    profile.skills = skills
    profile.interests = data.interests.strip()
    profile.about = data.about.strip()
    profile.languages = languages
    profile.preferred_kinds = kinds
    profile.preferred_municipalities = sorted(places, key=lambda m: m.name)
    profile.willing_to_relocate = data.willing_to_relocate
    profile.remote_ok = data.remote_ok
    profile.prefers_sparse = data.prefers_sparse
    profile.phone = phone
    session.flush()
    audit.record(session, user, "profile.update", profile)
    return profile


def set_visibility(session: Session, user: User, visible: bool) -> StudentProfile:
    """Consent (or withdraw consent) to be found by employers; takes effect at once."""
    profile = profile_of(user)
    if visible and not profile.visible_to_employers:
        profile.consent_at = utcnow()
    profile.visible_to_employers = visible
    if not visible:
        profile.consent_at = None
    session.flush()
    audit.record(session, user, "profile.consent" if visible else "profile.consent_withdrawn", profile)
    return profile


def employer_view(profile: StudentProfile, *, with_contact: bool = False, locale: str = "sv") -> dict[str, Any]:
    """What an employer sees of a profile; email and phone only when `with_contact` (the student applied)."""
    view: dict[str, Any] = {
        "name": profile.name,
        "program": profile.program.name(locale) if profile.program else "",
        "study_mode": profile.study_mode.value,
        "graduation_term": profile.graduation_term or "",
        "skills": list(profile.skills or []),
        "interests": profile.interests,
        "about": profile.about,
        "languages": list(profile.languages or []),
        "preferred_kinds": list(profile.preferred_kinds or []),
        "municipalities": [m.name for m in profile.preferred_municipalities],
        "willing_to_relocate": profile.willing_to_relocate,
        "remote_ok": profile.remote_ok,
    }
    if with_contact:
        view["email"] = profile.user.email
        view["phone"] = profile.phone
    return view


def profile_snapshot(profile: StudentProfile) -> dict[str, Any]:
    """The profile frozen into an application: what the employer reviews, contact details included."""
    snapshot = employer_view(profile, with_contact=True)
    snapshot["program_slug"] = profile.program.slug if profile.program else ""
    snapshot["program_name_sv"] = profile.program.name_sv if profile.program else ""
    snapshot["program_name_en"] = profile.program.name_en if profile.program else ""
    snapshot["taken_at"] = utcnow().isoformat()
    return snapshot
