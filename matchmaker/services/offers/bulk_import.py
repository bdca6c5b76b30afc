"""Offers in bulk from a CSV or JSON file: a preview with each line's errors, then all saved or none.

Columns (CSV header or JSON keys): kind, title, description, skills and programs (separated by ";"),
municipality_code, remote (yes/no), language, period_start, period_end, places, application_deadline;
coaches add organization_number. docs/employers.md shows an example.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import normalise_org_number
from matchmaker.models import Municipality, Offer, Organization, Role, User
from matchmaker.services.offers import editing
from matchmaker.services.offers.queries import organization_id_of

MAX_LINES = 500
MAX_BYTES = 2 * 1024 * 1024
COLUMNS = ("kind", "title", "description", "skills", "programs", "municipality_code", "remote", "language",
           "period_start", "period_end", "places", "application_deadline", "organization_number")
TRUE, FALSE = {"yes", "ja", "true", "1", "y"}, {"no", "nej", "false", "0", "n", ""}


@dataclass
class Line:
    """One line of the file: its number (the header is line 1 in a CSV), the parsed input, its errors."""

    number: int
    title: str
    data: editing.OfferInput | None
    organization_id: int | None = None
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class Preview:
    """What an import would save; `ok` when no line has an error."""

    lines: list[Line]
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and bool(self.lines) and all(not line.errors for line in self.lines)


def _rows(content: bytes, filename: str) -> tuple[list[tuple[int, dict[str, Any]]], list[str]]:
    if len(content) > MAX_BYTES:
        return [], ["the file is larger than 2 MB"]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], ["the file is not UTF-8 text"]
    if filename.lower().endswith(".json") or text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except ValueError as exc:
            return [], [f"the file is not valid JSON (line {getattr(exc, 'lineno', '?')})"]
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            return [], ["the JSON file must be a list of objects"]
        rows = [(n, item) for n, item in enumerate(items, start=1)]
    else:
        reader = csv.DictReader(io.StringIO(text))
        unknown = sorted(set(reader.fieldnames or []) - set(COLUMNS))
        if unknown:
            return [], ["unknown columns: " + ", ".join(unknown)]
        try:
            rows = [(reader.line_num, dict(row)) for row in reader]
        except csv.Error as exc:
            return [], [f"the CSV cannot be read: {exc}"]
    if len(rows) > MAX_LINES:
        return [], [f"the file has more than {MAX_LINES} offers"]
    return rows, []


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _date(row: dict[str, Any], key: str, errors: dict[str, str]) -> date | None:
    raw = _text(row, key)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[key] = "must be a date like 2026-05-31"
        return None


def _parse(session: Session, actor: User, number: int, row: dict[str, Any]) -> Line:
    errors: dict[str, str] = {}
    unknown = sorted(set(row) - set(COLUMNS))
    if unknown:
        errors["columns"] = "unknown: " + ", ".join(unknown)
    municipality_id = None
    if code := _text(row, "municipality_code"):
        municipality_id = session.scalar(select(Municipality.id).where(Municipality.code == code))
        if municipality_id is None:
            errors["municipality_code"] = "is not a known municipality code"
    remote = _text(row, "remote").lower()
    if remote not in TRUE | FALSE:
        errors["remote"] = "must be yes or no"
    places_raw = _text(row, "places") or "1"
    places = int(places_raw) if places_raw.isdigit() else None
    if places is None:
        errors["places"] = "must be a whole number"
    org_id = None
    if actor.role == Role.COACH:
        try:
            number_text = normalise_org_number(_text(row, "organization_number"))
        except ValueError as exc:
            errors["organization_number"] = str(exc)
        else:
            org_id = session.scalar(select(Organization.id).where(Organization.org_number == number_text))
            if org_id is None:
                errors["organization_number"] = "is not a registered organisation"
    data = editing.OfferInput(
        kind=_text(row, "kind"), title=_text(row, "title"), description=_text(row, "description"),
        skills=editing.parse_skills(_text(row, "skills")), program_slugs=editing.parse_skills(_text(row, "programs")),
        municipality_id=municipality_id, remote=remote in TRUE, language=_text(row, "language") or "sv",
        period_start=_date(row, "period_start", errors), period_end=_date(row, "period_end", errors),
        places=places, application_deadline=_date(row, "application_deadline", errors),
    )
    return Line(number, data.title, data, org_id, errors)


def preview(session: Session, actor: User, content: bytes, filename: str, today: date) -> Preview:
    """Check every line as the offer editor would; nothing is saved."""
    rows, file_errors = _rows(content, filename)
    if file_errors:
        return Preview([], file_errors)
    own_org = None if actor.role == Role.COACH else organization_id_of(actor)
    lines = []
    for number, row in rows:
        line = _parse(session, actor, number, row)
        org = line.organization_id or own_org
        if org is not None and line.data is not None:
            try:
                editing.validate(session, org, line.data, today=today)
            except ValidationError as exc:
                line.errors = {**exc.errors, **line.errors}
        lines.append(line)
    if not lines:
        file_errors.append("the file has no offers")
    return Preview(lines, file_errors)


def import_offers(session: Session, actor: User, content: bytes, filename: str, today: date) -> list[Offer]:
    """Save every offer of the file as a draft, or none: ValidationError names the first bad line."""
    checked = preview(session, actor, content, filename, today)
    if not checked.ok:
        bad = next((line for line in checked.lines if line.errors), None)
        where = f"line {bad.number}: " + "; ".join(f"{k} {v}" for k, v in bad.errors.items()) if bad else ""
        raise ValidationError({"file": where or "; ".join(checked.file_errors)})
    created = [editing.create_offer(session, actor, line.data, today=today, organization_id=line.organization_id)
               for line in checked.lines if line.data is not None]
    audit.record(session, actor, "offer.import", None, count=len(created), filename=filename[:100])
    return created
