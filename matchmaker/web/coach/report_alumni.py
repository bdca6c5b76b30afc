"""The coach reports' regional retention of alumni: the figures services/alumni/queries.py computes, and their CSV
(the reports page and the CSV route are views_reports)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from matchmaker.services.alumni import queries as alumni

from ..extensions import db

CSV_TABLE = "alumni_retention"
HEADER = ["group", "label", "consenting_alumni", "answered", "stayed_in_region", "did_not_say", "share_percent"]


def context(locale: str) -> dict[str, Any]:
    """The template value of the section: overall, per study program and per graduation year."""
    return {"alumni_retention": alumni.retention(db.session, locale, _("Unknown"))}


def csv_table(table: str, locale: str) -> tuple[list[str], list[list[Any]]] | None:
    """The section as CSV rows (header, rows); None for another table name."""
    if table != CSV_TABLE:
        return None
    found = alumni.retention(db.session, locale, _("Unknown"))
    groups = [("total", [found.total]), ("program", found.by_program), ("graduation_year", found.by_year)]
    rows = [[group, r.label or _("All consenting alumni"), r.alumni, r.answered, r.stayed, r.alumni - r.answered,
             "" if r.share is None else r.share] for group, items in groups for r in items]
    return HEADER, rows
