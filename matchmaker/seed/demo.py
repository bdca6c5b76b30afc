"""Load the catalogues and the demo data from seeds/*.yaml. They flush; the caller commits or rolls back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchmaker.core.errors import ValidationError
from matchmaker.core.passwords import hash_password
from matchmaker.core.validation import normalise_org_number
from matchmaker.models import (
    Application,
    ApplicationEvent,
    AuditEvent,
    CompetenceContract,
    ContractCommitment,
    ContractStatus,
    Locale,
    Municipality,
    Offer,
    OfferKind,
    OfferStatus,
    Organization,
    Placement,
    ProgramLevel,
    Role,
    Sector,
    StudentProfile,
    StudyProgram,
    User,
)
from matchmaker.seed.activity import load_notifications
from matchmaker.seed.alumni import load_alumni
from matchmaker.seed.councils import load_councils
from matchmaker.seed.funnel import load_conversations_and_alerts
from matchmaker.seed.meeting import load_meeting_places
from matchmaker.seed.people import load_applications, load_placements, load_students
from matchmaker.seed.speakers import load_speakers
from matchmaker.seed.support import EntryError, SeedContext, entries, entry, new_user, read_yaml, ref, rel_date

DEFAULT_SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"

_COUNTED = (
    StudyProgram, Municipality, User, Organization, StudentProfile, CompetenceContract,
    ContractCommitment, Offer, Application, ApplicationEvent, Placement,
)
# Offer statuses that have been through review and publication.
_WAS_PUBLISHED = {OfferStatus.PUBLISHED, OfferStatus.CLOSED, OfferStatus.FILLED, OfferStatus.EXPIRED}
_WAS_SUBMITTED = {OfferStatus.SUBMITTED, OfferStatus.CHANGES_REQUESTED, OfferStatus.REJECTED}


def table_counts(session: Session) -> dict[str, int]:
    """Number of rows per seeded table."""
    return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0 for m in _COUNTED}


def load_catalogues(session: Session, seeds_dir: Path | None = None) -> dict[str, int]:
    """Upsert study programs (by slug) and municipalities (by code); no demo people."""
    programs, municipalities = _load_catalogues(session, seeds_dir or DEFAULT_SEEDS_DIR)
    return {"study_programs": len(programs), "municipalities": len(municipalities)}


def demo_loaded(session: Session, seeds_dir: Path | None = None) -> bool:
    """True when the demo admin account of users.yaml already exists."""
    staff = _staff(read_yaml(seeds_dir or DEFAULT_SEEDS_DIR, "users.yaml"))
    admins = [e["email"].lower() for e in staff if e.get("role") == Role.ADMIN.value]
    if not admins:
        raise ValidationError({"users.yaml": "no account with role admin"})
    return session.scalar(select(User.id).where(User.email == admins[0])) is not None


def load_demo(session: Session, seeds_dir: Path | None = None, today: date | None = None) -> dict[str, int]:
    """Load catalogues and the demo data unless already there; return row counts per table either way.

    Idempotent: when the demo admin account exists nothing is changed (use demo_loaded() to tell
    the two cases apart). Dates in the seed files are relative to `today` (default: date.today()).
    """
    seeds_dir = seeds_dir or DEFAULT_SEEDS_DIR
    if demo_loaded(session, seeds_dir):
        return table_counts(session)
    programs, municipalities = _load_catalogues(session, seeds_dir)
    users = read_yaml(seeds_dir, "users.yaml")
    password = str(users.get("password") or "")
    if not password:
        raise ValidationError({"users.yaml": "missing the demo password"})
    # argon2 is slow on purpose: hash once, every seeded account shares the demo password.
    today = today or date.today()
    ctx = SeedContext(session, seeds_dir, today, hash_password(password), programs, municipalities)
    ctx.taken = set(session.scalars(select(User.email))) | set(session.scalars(select(Organization.org_number)))
    _load_staff(ctx, _staff(users))
    session.flush()  # ids of staff and employer members are referenced below
    _load_organizations(ctx)
    session.flush()
    _record_verifications(ctx)
    load_students(ctx)
    _load_contracts(ctx)
    _load_offers(ctx)
    session.flush()
    load_applications(ctx)
    load_placements(ctx)
    session.flush()
    load_notifications(ctx)
    load_conversations_and_alerts(ctx)
    load_alumni(ctx)
    load_meeting_places(ctx)
    load_speakers(ctx)
    load_councils(ctx)
    session.flush()
    return table_counts(session)


def _load_catalogues(
    session: Session, seeds_dir: Path
) -> tuple[dict[str, StudyProgram], dict[str, Municipality]]:
    programs = {p.slug: p for p in session.scalars(select(StudyProgram))}
    for e in entries(read_yaml(seeds_dir, "programs.yaml"), "programs.yaml"):
        with entry("programs.yaml", e.get("slug")):
            program = programs.get(e["slug"]) or StudyProgram(slug=e["slug"])
            program.name_sv, program.name_en = e["name_sv"], e["name_en"]
            program.level = ProgramLevel(e["level"])
            program.active = bool(e.get("active", True))
            programs[program.slug] = program
            session.add(program)
    data = read_yaml(seeds_dir, "municipalities.yaml")
    if not isinstance(data, dict):
        raise ValidationError({"municipalities.yaml": "must map each county to its municipalities"})
    by_code = {m.code: m for m in session.scalars(select(Municipality))}
    for county, rows in data.items():
        for e in entries(rows, f"municipalities.yaml:{county}"):
            with entry("municipalities.yaml", e.get("name")):
                code = str(e["code"]).zfill(4)
                if not (len(code) == 4 and code.isdigit()):
                    raise EntryError(f"code '{code}' is not four digits")
                municipality = by_code.get(code) or Municipality(code=code)
                municipality.name, municipality.county = str(e["name"]), str(county)
                municipality.sparsely_populated = bool(e.get("sparse", False))
                by_code[code] = municipality
                session.add(municipality)
    session.flush()
    return programs, {m.name: m for m in by_code.values()}


def _staff(users: Any) -> list[dict[str, Any]]:
    if not isinstance(users, dict):
        raise ValidationError({"users.yaml": "must be a mapping with 'password' and 'staff'"})
    return entries(users.get("staff"), "users.yaml:staff")


def _load_staff(ctx: SeedContext, staff: list[dict[str, Any]]) -> None:
    for e in staff:
        with entry("users.yaml", e.get("email")):
            role = Role(e["role"])
            if role not in (Role.COACH, Role.ADMIN):
                raise EntryError("staff are coaches or admins; employers and students live elsewhere")
            new_user(ctx, e, role)


def _load_organizations(ctx: SeedContext) -> None:
    for e in entries(read_yaml(ctx.seeds_dir, "organizations.yaml"), "organizations.yaml"):
        with entry("organizations.yaml", e.get("key")):
            key = str(e["key"])
            if key in ctx.organizations:
                raise EntryError("duplicate key")
            number = normalise_org_number(str(e["org_number"]))
            if number in ctx.taken:
                raise EntryError(f"organisationsnummer {number} is used twice or already exists")
            ctx.taken.add(number)
            org = Organization(
                name=e["name"], org_number=number,
                sector=Sector(e["sector"]),
                municipality=ref(ctx.municipalities, e["municipality"], "municipality"),
                website=e.get("website", ""), description=str(e.get("description", "")).strip(),
                verified=bool(e.get("verified", False)),
            )
            if org.verified:
                days = int(e.get("verified_days_ago", 90))
                org.verified_at = ctx.moment(ctx.today - timedelta(days=days))
            for member in entries(e.get("members", []), f"organizations.yaml:{key}:members"):
                new_user(ctx, member, Role.EMPLOYER).organization = org
            ctx.organizations[key] = org
            ctx.session.add(org)


def _record_verifications(ctx: SeedContext) -> None:
    # Who verified an organisation lives in the audit trail, as when a coach verifies one in the app.
    coach = next((u for u in ctx.users.values() if u.role == Role.COACH), None)
    for org in ctx.organizations.values():
        if org.verified and org.verified_at is not None:
            ctx.session.add(AuditEvent(
                actor_id=coach.id if coach else None, action="organization.verify", object_type="Organization",
                object_id=str(org.id), at=org.verified_at, details={"name": org.name, "seeded": True},
            ))


def _load_contracts(ctx: SeedContext) -> None:
    for e in entries(read_yaml(ctx.seeds_dir, "contracts.yaml"), "contracts.yaml"):
        with entry("contracts.yaml", e.get("key")):
            start = rel_date(e, "start", ctx.today, required=True)
            end = rel_date(e, "end", ctx.today, required=True)
            assert start is not None and end is not None
            if end < start:
                raise EntryError("ends before it starts")
            contract = CompetenceContract(
                organization=ref(ctx.organizations, e["organization"], "organisation"), title=e["title"],
                period_start=start, period_end=end, status=ContractStatus(e.get("status", "active")),
                signed_on=rel_date(e, "signed", ctx.today), notes=str(e.get("notes", "")).strip(),
            )
            seen: set[tuple[OfferKind, str]] = set()
            for line in entries(e.get("commitments", []), f"contracts.yaml:{e['key']}:commitments"):
                kind, slug = OfferKind(line["kind"]), str(line["program"])
                if (kind, slug) in seen:
                    raise EntryError(f"two commitment lines for {kind.value} x {slug}")
                seen.add((kind, slug))
                contract.commitments.append(ContractCommitment(
                    kind=kind, program=ref(ctx.programs, slug, "program"), count=int(line["count"])))
            ctx.contracts[str(e["key"])] = contract
            ctx.session.add(contract)


def _load_offers(ctx: SeedContext) -> None:
    for e in entries(read_yaml(ctx.seeds_dir, "offers.yaml"), "offers.yaml"):
        with entry("offers.yaml", e.get("key")):
            key = str(e["key"])
            if key in ctx.offers:
                raise EntryError("duplicate key")
            org = ref(ctx.organizations, e["organization"], "organisation")
            municipality = e.get("municipality")
            offer = Offer(
                organization=org, kind=OfferKind(e["kind"]), title=e["title"],
                description=str(e["description"]).strip(), skills=list(e.get("skills", [])),
                municipality=ref(ctx.municipalities, municipality, "municipality") if municipality else None,
                remote=bool(e.get("remote", False)), language=Locale(e.get("language", "sv")),
                period_start=rel_date(e, "start", ctx.today), period_end=rel_date(e, "end", ctx.today),
                places=int(e.get("places", 1)), application_deadline=rel_date(e, "deadline", ctx.today),
                status=OfferStatus(e.get("status", "published")), review_comment=e.get("review_comment", ""),
                created_by_id=org.members[0].id if org.members else None,
            )
            offer.programs = [ref(ctx.programs, s, "program") for s in e.get("programs", [])]
            if offer.period_start and offer.period_end and offer.period_end < offer.period_start:
                raise EntryError("period ends before it starts")
            _offer_timeline(ctx, offer, e)
            if e.get("contract"):
                offer.commitment = _commitment_for(ctx, offer, str(e["contract"]))
            ctx.offers[key] = offer
            ctx.session.add(offer)


def _offer_timeline(ctx: SeedContext, offer: Offer, e: dict[str, Any]) -> None:
    if offer.status in _WAS_PUBLISHED:
        published = rel_date(e, "published", ctx.today) or ctx.today - timedelta(days=14)
        offer.published_at = ctx.moment(published)
        offer.submitted_at = ctx.moment(published - timedelta(days=2))
    elif offer.status in _WAS_SUBMITTED:
        submitted = rel_date(e, "submitted", ctx.today) or ctx.today - timedelta(days=3)
        offer.submitted_at = ctx.moment(submitted)
    created = rel_date(e, "created", ctx.today) or ctx.today - timedelta(days=5)
    first = offer.submitted_at or ctx.moment(created)
    offer.created_at = offer.updated_at = first - timedelta(days=1)
    if offer.status in (OfferStatus.CHANGES_REQUESTED, OfferStatus.REJECTED) and not offer.review_comment:
        raise EntryError(f"a {offer.status.value} offer needs a review_comment for the employer")


def _commitment_for(ctx: SeedContext, offer: Offer, key: str) -> ContractCommitment:
    contract = ref(ctx.contracts, key, "contract")
    if contract.organization is not offer.organization:
        raise EntryError(f"contract '{key}' belongs to another organisation")
    for line in contract.commitments:
        if line.kind == offer.kind and line.program in offer.programs:
            return line
    raise EntryError(f"contract '{key}' has no {offer.kind.value} line for the offer's programs")
