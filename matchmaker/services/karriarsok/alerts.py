"""Saved-search alerts: new matching offers daily or weekly, each once; silent or abandoned alerts switch off."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import ValidationError
from matchmaker.jobs.registry import job
from matchmaker.models import Offer, SavedSearch, SavedSearchHit, StudentProfile, User, utcnow
from matchmaker.services.karriarsok.saved_searches import get_own
from matchmaker.services.karriarsok.search import NEW_SCAN, SearchParams, conditions
from matchmaker.services.notifications.operations import notify
from matchmaker.services.ranking.index import OfferIndex
from matchmaker.services.ranking.rank import search_offers

FREQUENCIES = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
QUIET_LIMIT = timedelta(days=90)  # nothing found for this long, or no login for this long: the alert stops
# The scheduler looks every hour: a search is due when its period has passed, give or take this much.
SLACK = timedelta(minutes=30)
MAX_LISTED = 10  # titles listed in one alert's mail; the rest are counted
OFF_NOTHING, OFF_INACTIVE = "nothing_found", "inactive"


def set_alert(session: Session, user: User, search_id: int, frequency: str) -> SavedSearch:
    """Switch a saved search's alert to daily, weekly or off ("") for the owner."""
    saved = get_own(session, user, search_id)
    if frequency not in ("", *FREQUENCIES):
        raise ValidationError({"frequency": "is not a valid choice"})
    was_on = bool(saved.alert_frequency)
    saved.alert_frequency = frequency
    if frequency and not was_on:
        # Switched (back) on: from now on, and the 90 days start again.
        now = utcnow()
        saved.alert_since, saved.alert_last_run_at, saved.alert_last_hit_at = now, now, None
        saved.alert_off_reason = ""
    elif not frequency:
        saved.alert_off_reason = ""
    session.flush()
    audit.record(session, user, "saved_search.alert", saved, frequency=frequency or "off")
    return saved


def _new_offers(session: Session, index: OfferIndex, saved: SavedSearch, since: datetime, today: date) -> list[Offer]:
    params = SearchParams.from_args(saved.params)
    already = select(SavedSearchHit.offer_id).where(SavedSearchHit.search_id == saved.id)
    where = [*conditions(params, today), Offer.published_at > since, Offer.id.not_in(already)]
    offers = list(session.scalars(select(Offer).where(*where).order_by(Offer.published_at.desc()).limit(NEW_SCAN)))
    if params.q and offers:
        # The free-text query is a filter too (as in Karriärsök): keep the offers whose text matches it.
        ranked = search_offers(index.snapshot(session, today), profile=None, query=params.q,
                               candidate_ids=[o.id for o in offers], k=len(offers), today=today)
        keep = {r.offer_id for r in ranked}
        offers = [o for o in offers if o.id in keep]
    return offers


def _switch_off(session: Session, saved: SavedSearch, owner: User, reason: str) -> None:
    saved.alert_frequency = ""
    saved.alert_off_reason = reason
    notify(session, [owner], "alert.switched_off", {"search": saved.name, "reason": reason},
           obj=("saved_search", saved.id))
    audit.record(session, None, "saved_search.alert_off", saved, reason=reason)


def run_alerts(session: Session, index: OfferIndex, frequency: str, now: datetime | None = None,
               today: date | None = None) -> dict[str, int]:
    """Send the due alerts of one frequency; returns counts of alerts sent, offers in them and alerts switched off."""
    period = FREQUENCIES[frequency]
    now = now or utcnow()
    today = today or now.date()
    rows = session.execute(
        select(SavedSearch, User).join(StudentProfile, SavedSearch.student_id == StudentProfile.id)
        .join(User, StudentProfile.user_id == User.id)
        .where(SavedSearch.alert_frequency == frequency)
        .order_by(SavedSearch.id)
    ).all()
    counts = {"alerts": 0, "offers": 0, "switched_off": 0}
    for saved, owner in rows:
        last = saved.alert_last_run_at or saved.alert_since or saved.created_at
        if last > now - period + SLACK:
            continue
        if (owner.last_login_at or owner.created_at) < now - QUIET_LIMIT or not owner.active:
            _switch_off(session, saved, owner, OFF_INACTIVE)
            counts["switched_off"] += 1
            continue
        offers = _new_offers(session, index, saved, last, today)
        saved.alert_last_run_at = now
        if offers:
            session.add_all(SavedSearchHit(search_id=saved.id, offer_id=o.id, alerted_at=now) for o in offers)
            saved.alert_last_hit_at = now
            listed = "\n".join(f"- {o.title}" for o in offers[:MAX_LISTED])
            notify(session, [owner], "alert.offers", {"search": saved.name, "count": len(offers), "items": listed},
                   obj=("saved_search", saved.id))
            counts["alerts"] += 1
            counts["offers"] += len(offers)
        elif (saved.alert_last_hit_at or saved.alert_since or saved.created_at) < now - QUIET_LIMIT:
            _switch_off(session, saved, owner, OFF_NOTHING)
            counts["switched_off"] += 1
    session.flush()
    return counts


_INDEX: list[OfferIndex] = []


@job("alerts.send")
def send_alerts_job(session: Session, frequency: str) -> dict[str, int]:
    """Job: the due saved-search alerts of one frequency (the worker keeps one offer index for them)."""
    if not _INDEX:
        _INDEX.append(OfferIndex(background_refit=False))
    return run_alerts(session, _INDEX[0], frequency)
