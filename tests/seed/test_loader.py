"""The demo seed files and their loader: counts, demo accounts, validity, idempotence, bad references."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchmaker.core.errors import ValidationError
from matchmaker.core.passwords import verify_password
from matchmaker.core.validation import normalise_org_number, valid_term
from matchmaker.models import (
    Application,
    ApplicationStatus,
    Locale,
    Municipality,
    Offer,
    OfferKind,
    OfferStatus,
    Organization,
    Placement,
    Role,
    StudentProfile,
    StudyProgram,
    User,
)
from matchmaker.seed.demo import DEFAULT_SEEDS_DIR, demo_loaded, load_catalogues, load_demo

pytestmark = pytest.mark.db

TODAY = date(2026, 11, 23)
COUNTIES = {"Gävleborgs län", "Västernorrlands län", "Jämtlands län", "Västerbottens län", "Norrbottens län"}


DEMO_ACCOUNTS = {
    "student@example.org": Role.STUDENT,
    "employer@example.org": Role.EMPLOYER,
    "coach@example.org": Role.COACH,
    "admin@example.org": Role.ADMIN,
    "alumnus@example.org": Role.ALUMNUS,
}


def _yaml(name: str) -> object:
    return yaml.safe_load((DEFAULT_SEEDS_DIR / name).read_text(encoding="utf-8"))


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def demo(db_session: Session) -> dict[str, int]:
    """The demo loaded into the test's transaction."""
    return load_demo(db_session, today=TODAY)


def test_counts_are_what_the_seed_files_say(db_session: Session, demo: dict[str, int]) -> None:
    orgs, offers, students = _yaml("organizations.yaml"), _yaml("offers.yaml"), _yaml("students.yaml")
    alumni = _yaml("alumni.yaml")  # graduates keep their student profile
    assert isinstance(orgs, list) and isinstance(offers, list) and isinstance(students, list)
    assert isinstance(alumni, list)
    expected = {
        "study_programs": len(_yaml("programs.yaml")),  # type: ignore[arg-type]
        "municipalities": sum(len(rows) for rows in _yaml("municipalities.yaml").values()),  # type: ignore[union-attr]
        "organizations": len(orgs),
        "offers": len(offers),
        "student_profiles": len(students) + len(alumni),
        "competence_contracts": len(_yaml("contracts.yaml")),  # type: ignore[arg-type]
        "applications": len(_yaml("applications.yaml")),  # type: ignore[arg-type]
        "placements": len(_yaml("placements.yaml")),  # type: ignore[arg-type]
    }
    staff = _yaml("users.yaml")["staff"]  # type: ignore[index]
    expected["users"] = len(staff) + len(students) + len(alumni) + sum(len(o.get("members", [])) for o in orgs)
    for table, count in expected.items():
        assert demo[table] == count, table
    # The sizes the issue asks for, roughly.
    assert 13 <= demo["study_programs"] <= 18
    assert 22 <= demo["organizations"] <= 30
    assert 75 <= demo["offers"] <= 90
    assert 55 <= demo["student_profiles"] - len(alumni) <= 65
    assert demo["competence_contracts"] == 3 and demo["contract_commitments"] >= 3
    assert demo["applications"] > 0 and demo["application_events"] >= demo["applications"]
    assert _count(db_session, Offer) == demo["offers"]


def test_demo_accounts_have_their_roles_and_the_demo_password(db_session: Session, demo: dict[str, int]) -> None:
    for email, role in DEMO_ACCOUNTS.items():
        user = db_session.scalar(select(User).where(User.email == email))
        assert user is not None, email
        assert user.role == role and user.active
        assert verify_password(user.password_hash, "demo-password")
        assert not verify_password(user.password_hash, "wrong-password")
    employer = db_session.scalar(select(User).where(User.email == "employer@example.org"))
    assert employer is not None and employer.organization is not None and employer.organization.verified
    student = db_session.scalar(select(User).where(User.email == "student@example.org"))
    assert student is not None and student.student_profile is not None
    assert student.student_profile.visible_to_employers


def test_no_real_addresses_and_valid_identifiers(db_session: Session, demo: dict[str, int]) -> None:
    for email in db_session.scalars(select(User.email)):
        assert "example" in email.split("@")[1].split("."), email
    numbers = list(db_session.scalars(select(Organization.org_number)))
    assert len(numbers) == len(set(numbers))
    for number in numbers:
        assert normalise_org_number(number) == number
    unverified = _count(db_session, Organization) - len(
        list(db_session.scalars(select(Organization.id).where(Organization.verified.is_(True))))
    )
    assert 2 <= unverified <= 3


def test_catalogue_covers_the_five_counties_with_official_codes(db_session: Session, demo: dict[str, int]) -> None:
    municipalities = list(db_session.scalars(select(Municipality)))
    assert {m.county for m in municipalities} >= COUNTIES
    for m in municipalities:
        assert len(m.code) == 4 and m.code.isdigit()
    # The county is the first two digits of the municipality code.
    prefixes = {"Gävleborgs län": "21", "Västernorrlands län": "22", "Jämtlands län": "23",
                "Västerbottens län": "24", "Norrbottens län": "25"}
    assert all(m.code.startswith(prefixes[m.county]) for m in municipalities if m.county in prefixes)
    by_name = {m.name: m for m in municipalities}
    assert by_name["Sundsvall"].code == "2281" and not by_name["Sundsvall"].sparsely_populated
    assert by_name["Arjeplog"].sparsely_populated


def test_offers_cover_every_kind_and_language(db_session: Session, demo: dict[str, int]) -> None:
    offers = list(db_session.scalars(select(Offer)))
    assert {o.kind for o in offers} == set(OfferKind)
    assert sum(o.language == Locale.EN for o in offers) >= 5
    statuses = [o.status for o in offers]
    assert statuses.count(OfferStatus.PUBLISHED) > len(offers) / 2
    assert {OfferStatus.DRAFT, OfferStatus.SUBMITTED, OfferStatus.CHANGES_REQUESTED, OfferStatus.FILLED,
            OfferStatus.CLOSED, OfferStatus.EXPIRED} <= set(statuses)
    for offer in offers:
        assert 60 <= len(offer.description.split()) <= 200, offer.title
        assert offer.programs, offer.title
        if offer.status == OfferStatus.PUBLISHED:
            assert offer.is_open(TODAY) and offer.published_at is not None
        if offer.commitment is not None:
            assert offer.commitment.contract.organization_id == offer.organization_id
            assert offer.commitment.kind == offer.kind and offer.commitment.program in offer.programs
    assert sum(o.commitment is not None for o in offers) >= 3


def _students(db_session: Session) -> list[StudentProfile]:
    """The profiles of current students (alumni keep theirs as it was at graduation)."""
    return list(db_session.scalars(select(StudentProfile).join(User).where(User.role == Role.STUDENT)))


def test_students_are_complete_and_two_thirds_consent(db_session: Session, demo: dict[str, int]) -> None:
    students = _students(db_session)
    for s in students:
        assert s.name and s.program is not None and s.skills and s.about and s.languages, s.name
        assert s.graduation_term is not None and valid_term(s.graduation_term)
        assert s.visible_to_employers == (s.consent_at is not None)
    share = sum(s.visible_to_employers for s in students) / len(students)
    assert 0.55 <= share <= 0.8


def test_applications_and_placements_are_consistent(db_session: Session, demo: dict[str, int]) -> None:
    for application in db_session.scalars(select(Application)):
        events = application.events
        assert events[0].from_status is None and events[0].to_status == ApplicationStatus.SUBMITTED
        assert events[-1].to_status == application.status
        assert all(a.to_status == b.from_status for a, b in zip(events, events[1:], strict=False))
        assert application.profile_snapshot["name"] == application.student.name
    placements = list(db_session.scalars(select(Placement)))
    assert all(p.program_id is not None and valid_term(p.term) for p in placements)
    completed = [p for p in placements if p.completed]
    assert completed, "at least one completed placement"
    assert any(p.student_rating and p.employer_rating and p.hired_afterwards is not None
               and p.stayed_in_region is not None for p in completed)
    assert all(p.period_end is not None and p.period_end < TODAY for p in completed)


def test_second_load_adds_nothing(db_session: Session, demo: dict[str, int]) -> None:
    assert demo_loaded(db_session)
    again = load_demo(db_session, today=TODAY)
    assert again == demo


def test_dates_follow_today(db_session: Session) -> None:
    later = date(2031, 3, 2)
    load_demo(db_session, today=later)
    published = db_session.scalars(select(Offer).where(Offer.status == OfferStatus.PUBLISHED))
    assert all(o.application_deadline is None or o.application_deadline >= later for o in published)
    terms = [s.graduation_term for s in _students(db_session)]
    assert all(t is not None and int(t[2:]) >= 2031 for t in terms)


def test_catalogues_alone_load_no_people_and_upsert(db_session: Session, tmp_path: Path) -> None:
    counts = load_catalogues(db_session)
    assert counts == {"study_programs": _count(db_session, StudyProgram),
                      "municipalities": _count(db_session, Municipality)}
    assert _count(db_session, User) == 0 and _count(db_session, Organization) == 0
    # A corrected name is applied to the existing row (matched on code), not added.
    seeds = _copy_seeds(tmp_path)
    _replace(seeds / "municipalities.yaml", "name: Sundsvall,", "name: Sundsvall (ändrad),")
    assert load_catalogues(db_session, seeds) == counts
    renamed = db_session.scalar(select(Municipality).where(Municipality.code == "2281"))
    assert renamed is not None and renamed.name == "Sundsvall (ändrad)"


def _copy_seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(DEFAULT_SEEDS_DIR, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "key", "reason"),
    [
        ("offers.yaml", "programs: [datateknik, data-science]", "programs: [datateknik, astrologi]",
         "offers.yaml:nb-exjobb-ml", "unknown program 'astrologi'"),
        ("students.yaml", "preferred_municipalities: [Sundsvall, Östersund, Härnösand]",
         "preferred_municipalities: [Sundsvall, Atlantis]", "students.yaml:student@example.org",
         "unknown municipality 'Atlantis'"),
        ("contracts.yaml", "organization: norrbyte-it", "organization: okänd-ab",
         "contracts.yaml:norrbyte-2025", "unknown organisation 'okänd-ab'"),
    ],
)
def test_unknown_reference_names_file_and_entry_and_loads_nothing(
    db_session: Session, tmp_path: Path, file: str, old: str, new: str, key: str, reason: str
) -> None:
    seeds = _copy_seeds(tmp_path)
    _replace(seeds / file, old, new)
    savepoint = db_session.begin_nested()
    with pytest.raises(ValidationError) as info:
        load_demo(db_session, seeds, today=TODAY)
    assert info.value.errors == {key: reason}
    savepoint.rollback()  # what the caller does on ValidationError
    assert not demo_loaded(db_session)
    assert _count(db_session, User) == 0 and _count(db_session, Offer) == 0


def test_existing_account_is_reported_not_crashed_on(db_session: Session, factory) -> None:
    factory.user(Role.COACH, email="coach@example.org")
    with pytest.raises(ValidationError) as info:
        load_demo(db_session, today=TODAY)
    assert list(info.value.errors) == ["users.yaml:coach@example.org"]
