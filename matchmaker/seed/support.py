"""Shared plumbing of the demo seed loader: reading YAML, relative dates, entry-level errors."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar

import yaml
from sqlalchemy.orm import Session

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import valid_email
from matchmaker.models import (
    CompetenceContract,
    Locale,
    Municipality,
    Offer,
    Organization,
    Role,
    StudentProfile,
    StudyProgram,
    User,
)

T = TypeVar("T")

# Seeded events happen during office hours, so the demo timeline looks plausible.
_EVENT_TIME = time(9, 0)


class EntryError(Exception):
    """Something is wrong with one seed entry; turned into a ValidationError naming file and entry."""


@dataclass
class SeedContext:
    """What the loaders share: the session, 'today' and lookups of what was already loaded."""

    session: Session
    seeds_dir: Path
    today: date
    password_hash: str
    programs: dict[str, StudyProgram]
    municipalities: dict[str, Municipality]
    users: dict[str, User] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    contracts: dict[str, CompetenceContract] = field(default_factory=dict)
    offers: dict[str, Offer] = field(default_factory=dict)
    students: dict[str, StudentProfile] = field(default_factory=dict)
    # Emails and organisationsnummer already in the database: a clash is reported, not an IntegrityError.
    taken: set[str] = field(default_factory=set)

    def moment(self, day: date, hours: float = 0) -> datetime:
        """An aware UTC datetime on `day` at office time, plus `hours`."""
        return datetime.combine(day, _EVENT_TIME, tzinfo=UTC) + timedelta(hours=hours)


def read_yaml(seeds_dir: Path, name: str) -> Any:
    """Parse one seed file, or raise ValidationError naming it."""
    path = seeds_dir / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError({name: f"file not found in {seeds_dir}"}) from None
    except yaml.YAMLError as exc:
        raise ValidationError({name: f"not valid YAML: {exc}"}) from None


def entries(data: Any, name: str) -> list[dict[str, Any]]:
    """The list of mappings a seed file (or section) must be."""
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise ValidationError({name: "must be a list of entries (mappings)"})
    return data


@contextmanager
def entry(name: str, ident: object) -> Iterator[None]:
    """Turn any problem while loading one entry into ValidationError({'file:entry': reason})."""
    try:
        yield
    except EntryError as exc:
        raise ValidationError({f"{name}:{ident}": str(exc)}) from None
    except KeyError as exc:
        raise ValidationError({f"{name}:{ident}": f"missing field {exc}"}) from None
    except (ValueError, TypeError) as exc:
        raise ValidationError({f"{name}:{ident}": str(exc)}) from None


def ref(mapping: Mapping[str, T], key: object, what: str) -> T:
    """Look up a referenced object or say which reference is unknown."""
    try:
        return mapping[str(key)]
    except KeyError:
        raise EntryError(f"unknown {what} '{key}'") from None


def rel_date(e: Mapping[str, Any], name: str, today: date, required: bool = False) -> date | None:
    """Read `<name>_in_days` or `<name>_days_ago` relative to today, so the demo never goes stale."""
    ahead, ago = e.get(f"{name}_in_days"), e.get(f"{name}_days_ago")
    if ahead is not None and ago is not None:
        raise EntryError(f"give either {name}_in_days or {name}_days_ago, not both")
    if ahead is None and ago is None:
        if required:
            raise EntryError(f"missing {name}_in_days or {name}_days_ago")
        return None
    days = int(ahead) if ahead is not None else -int(ago)
    return today + timedelta(days=days)


def term_of(day: date) -> str:
    """The academic term a date falls in: January–June is VT (spring), July–December HT (autumn)."""
    return f"{'VT' if day.month <= 6 else 'HT'}{day.year}"


def term_after(today: date, terms: int) -> str:
    """The term `terms` terms after the current one (0 is the current term)."""
    index = today.year * 2 + (0 if today.month <= 6 else 1) + terms
    year, half = divmod(index, 2)
    return f"{'HT' if half else 'VT'}{year}"


def new_user(ctx: SeedContext, e: dict[str, Any], role: Role) -> User:
    """A seeded account with the shared demo password hash."""
    email = str(e["email"]).strip().lower()
    # Privacy rule of the demo: no real addresses, only example domains.
    if not valid_email(email) or "example" not in email.split("@")[1].split("."):
        raise EntryError(f"'{email}' must be an address at an example domain")
    if email in ctx.users or email in ctx.taken:
        raise EntryError(f"account '{email}' is seeded twice or already exists")
    user = User(email=email, password_hash=ctx.password_hash, role=role, display_name=str(e["name"]),
                locale=Locale(e.get("locale", "sv")), active=True)
    ctx.users[email] = user
    ctx.session.add(user)
    return user
