"""What others see of alumni: only those who consented, for the coach's follow-up and the employer's contacts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from matchmaker.core.csv_export import to_csv
from matchmaker.models import AlumnusProfile, Role, User


def _consenting() -> Select[tuple[AlumnusProfile]]:
    return (select(AlumnusProfile).join(User, User.id == AlumnusProfile.user_id)
            .where(User.role == Role.ALUMNUS, User.active.is_(True), AlumnusProfile.converted_at.is_not(None),
                   AlumnusProfile.consent_given.is_(True)))


def consenting_alumni(session: Session) -> list[AlumnusProfile]:
    """Every alumnus who agreed to the alumni purpose, newest graduates first."""
    stmt = _consenting().order_by(AlumnusProfile.graduated_on.desc(), AlumnusProfile.id)
    return list(session.scalars(stmt))


def speakers(session: Session) -> list[AlumnusProfile]:
    """Consenting alumni open to speaking at events."""
    return [a for a in consenting_alumni(session) if a.open_to_speaking]


def contacts_for(session: Session, employer: User) -> list[AlumnusProfile]:
    """Alumni who work for the employer's verified organisation and agreed to be its contacts."""
    org = employer.organization
    if employer.role != Role.EMPLOYER or org is None or not org.verified:
        return []
    stmt = _consenting().where(AlumnusProfile.organization_id == org.id,
                               AlumnusProfile.contact_for_employer.is_(True)).order_by(User.display_name)
    return list(session.scalars(stmt))


@dataclass
class Retention:
    """How many consenting alumni answered whether they stayed in the region, and how many did."""

    label: str
    alumni: int = 0
    answered: int = 0
    stayed: int = 0

    @property
    def share(self) -> int | None:
        """Percent of those who answered who stayed, None when nobody answered."""
        return round(100 * self.stayed / self.answered) if self.answered else None

    def add(self, row: AlumnusProfile) -> None:
        """Count one alumnus."""
        self.alumni += 1
        if row.stayed_in_region is not None:
            self.answered += 1
            self.stayed += int(row.stayed_in_region)


@dataclass
class RetentionSummary:
    """The regional retention goal's figures: overall, per study program and per graduation year."""

    total: Retention
    by_program: list[Retention] = field(default_factory=list)
    by_year: list[Retention] = field(default_factory=list)


def program_name(row: AlumnusProfile, locale: str) -> str:
    """The study program the alumnus graduated from, or "" when unknown."""
    profile = row.user.student_profile
    return profile.program.name(locale) if profile is not None and profile.program is not None else ""


def retention(session: Session, locale: str, unknown: str = "—") -> RetentionSummary:
    """Retention among consenting alumni only; those who did not answer are counted but not in the share."""
    found = consenting_alumni(session)
    total = Retention("")
    programs: dict[str, Retention] = {}
    years: dict[str, Retention] = {}
    for row in found:
        total.add(row)
        name = program_name(row, locale) or unknown
        programs.setdefault(name, Retention(name)).add(row)
        year = str(row.graduated_on.year) if row.graduated_on else unknown
        years.setdefault(year, Retention(year)).add(row)
    return RetentionSummary(total, sorted(programs.values(), key=lambda r: r.label),
                            sorted(years.values(), key=lambda r: r.label, reverse=True))


def alumni_csv(session: Session, locale: str, header: list[str], yes_no: Callable[[bool | None], str]) -> bytes:
    """The consenting alumni as CSV; `header` and `yes_no` are in the reader's language."""
    rows = [(a.user.display_name, a.user.email, program_name(a, locale),
             a.graduated_on.isoformat() if a.graduated_on else "", a.employer_name,
             a.municipality.name if a.municipality else "", yes_no(a.stayed_in_region), yes_no(a.open_to_mentoring),
             yes_no(a.open_to_speaking)) for a in consenting_alumni(session)]
    return to_csv(header, rows)
