"""Saved Karriärsök searches: save, list with the number of new offers, open, delete."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import SavedSearch, User, utcnow
from matchmaker.services.karriarsok.search import SearchParams, count_new
from matchmaker.services.ranking.index import OfferIndex
from matchmaker.services.students.profiles import profile_of

MAX_SAVED = 20
# New-offer counts are kept this many seconds: the start page stays fast, and a newly published offer is
# counted within a minute. Opening a search changes last_seen_at, which is part of the key.
COUNT_TTL = 60.0


def _new_count(session: Session, index: OfferIndex, saved: SavedSearch, params: SearchParams, today: date) -> int:
    key = ("saved-search-new", saved.id, saved.last_seen_at, json.dumps(saved.params, sort_keys=True), today)
    return index.memo(key, COUNT_TTL, lambda: count_new(session, index, params, saved.last_seen_at, today))


@dataclass
class SavedWithCount:
    """A saved search and how many matching offers were published since it was last opened."""

    search: SavedSearch
    params: SearchParams
    new_count: int


def save(session: Session, user: User, name: str, params: SearchParams) -> SavedSearch:
    """Save the current query and filters under a name."""
    profile = profile_of(user)
    name = " ".join((name or "").split())
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "is required"
    elif len(name) > 120:
        errors["name"] = "is too long"
    count = session.scalar(select(func.count(SavedSearch.id)).where(SavedSearch.student_id == profile.id)) or 0
    if count >= MAX_SAVED:
        errors["name"] = "you have too many saved searches; delete one first"
    if errors:
        raise ValidationError(errors)
    saved = SavedSearch(student_id=profile.id, name=name, params=params.to_args(page=False), last_seen_at=utcnow())
    session.add(saved)
    session.flush()
    audit.record(session, user, "saved_search.create", saved)
    return saved


def get_own(session: Session, user: User, search_id: int) -> SavedSearch:
    """One of the student's own saved searches; NotFound for anyone else's."""
    profile = profile_of(user)
    saved = session.get(SavedSearch, search_id)
    if saved is None or saved.student_id != profile.id:
        raise NotFound("saved search")
    return saved


def list_with_counts(session: Session, index: OfferIndex, user: User, today: date) -> list[SavedWithCount]:
    """The student's saved searches, newest first, with counts of new matching offers."""
    profile = profile_of(user)
    rows = session.scalars(
        select(SavedSearch).where(SavedSearch.student_id == profile.id)
        .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
    )
    out = []
    for saved in rows:
        params = SearchParams.from_args(saved.params)
        out.append(SavedWithCount(saved, params, _new_count(session, index, saved, params, today)))
    return out


def open_search(session: Session, user: User, search_id: int) -> SearchParams:
    """Open a saved search: its params, and from now on only newer offers count as new."""
    saved = get_own(session, user, search_id)
    saved.last_seen_at = utcnow()
    session.flush()
    return SearchParams.from_args(saved.params)


def delete(session: Session, user: User, search_id: int) -> None:
    """Delete one of the student's saved searches."""
    saved = get_own(session, user, search_id)
    session.delete(saved)
    session.flush()
    audit.record(session, user, "saved_search.delete", None, search_id=search_id)
