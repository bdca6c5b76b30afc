"""The fitted index of published offers, an object owned by the app (one per process and database).

It is brought up to date on use: a cheap signature query notices any change (at most once per
`check_seconds`: a burst of requests shares one check), and changed offers are upserted with the fitted
vocabulary (no refit on the request path). A full refit, which learns new words, runs when `refit_changes`
offers changed since the last fit or when changes are older than `refit_seconds`, in a background thread
swapped in when done (inline when `background_refit` is off, e.g. in tests, whose open transaction a thread
cannot see). `warm()` builds the index at process start-up, so no request waits for the first fit. Readers
always see a consistent ranker because updates build a new object (copy on write) and swap the reference.

Several processes can share the fitting (`path`): the one process with `refitter=True` saves every fit it makes
(`Ranker.save`, with the offers' stamps and the day); the others load that file instead of fitting, at start-up
and whenever their own threshold asks for a refit, and upsert what changed since it was saved.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable, Hashable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from matchmaker.matching import Ranker
from matchmaker.models import Offer, OfferStatus
from matchmaker.services.ranking.documents import offer_docs, published_offers

log = logging.getLogger(__name__)

T = TypeVar("T")


class OfferIndex:
    """A fitted Ranker over the published offers, kept fresh; plus a small memo of results derived from it."""

    def __init__(self, *, background_refit: bool = True, check_seconds: float = 0.0, refit_changes: int = 1,
                 refit_seconds: float = 0.0, path: str | Path | None = None, refitter: bool = True) -> None:
        self.background_refit = background_refit
        self.path = Path(path) if path else None
        self.refitter = refitter
        self.check_seconds = check_seconds
        self.refit_changes = max(1, refit_changes)
        self.refit_seconds = refit_seconds
        self._checked_at = -float("inf")
        self._fitted_at = 0.0
        self._lock = threading.Lock()
        self._ranker: Ranker | None = None
        self._stamps: dict[int, datetime] = {}  # offer id -> updated_at when indexed
        self._signature: tuple[object, ...] | None = None
        self._changes_since_fit = 0
        self._contract_day: date | None = None
        self._refit_thread: threading.Thread | None = None
        self._memo: dict[Hashable, tuple[float, object]] = {}

    def reset(self) -> None:
        """Forget the fitted state (after a restore, or when the database was replaced)."""
        with self._lock:
            self._ranker, self._stamps, self._signature = None, {}, None
            self._changes_since_fit, self._contract_day = 0, None
            self._checked_at = -float("inf")
            self._memo.clear()

    def invalidate(self) -> None:
        """Check the database on the next use, whatever `check_seconds` says (this process changed offers)."""
        with self._lock:
            self._checked_at = -float("inf")

    def snapshot(self, session: Session, today: date | None = None) -> Ranker | None:
        """The up-to-date fitted ranker of published offers, or None when there are none."""
        today = today or date.today()
        now = time.monotonic()
        with self._lock:
            if (self._signature is not None and self._contract_day == today
                    and now - self._checked_at < self.check_seconds):
                return self._ranker  # checked moments ago
        signature = self._current_signature(session, today)
        with self._lock:
            self._checked_at = now
            if self._signature == signature:
                return self._ranker
            if self._ranker is None or self._contract_day != today:
                self._ranker, self._stamps = self._fit(session, today)
                self._changes_since_fit, self._contract_day, self._fitted_at = 0, today, now
            else:
                self._apply_changes(session, today)
            self._signature = signature
            if self._changes_since_fit and (self._changes_since_fit >= self.refit_changes or (
                    self.refit_seconds and now - self._fitted_at >= self.refit_seconds)):
                self._refit(session, today)
            return self._ranker

    def warm(self, factory: Callable[[], Session]) -> threading.Thread:
        """Fit in a background thread now (process start-up), so the first request finds the index built."""

        def work() -> None:
            try:
                with factory() as session:
                    self.snapshot(session)
            except Exception:  # e.g. no tables yet: the first request fits instead
                log.exception("warming the offer index failed")

        thread = threading.Thread(target=work, name="matchmaker-index-warm", daemon=True)
        thread.start()
        return thread

    def memo(self, key: Hashable, ttl: float, compute: Callable[[], T]) -> T:
        """A value derived from the index, computed at most once per `ttl` seconds for the same key."""
        now = time.monotonic()
        with self._lock:
            hit = self._memo.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            if len(self._memo) > 10000:
                self._memo.clear()
            self._memo[key] = (now + ttl, value)
        return value

    def wait_for_refit(self, timeout: float = 60.0) -> None:
        """Block until a background refit has finished (benchmarks and tests)."""
        thread = self._refit_thread
        if thread is not None:
            thread.join(timeout)

    @staticmethod
    def _current_signature(session: Session, today: date) -> tuple[object, ...]:
        count, newest, id_sum = session.execute(
            select(func.count(Offer.id), func.max(Offer.updated_at), func.sum(Offer.id)).where(
                Offer.status == OfferStatus.PUBLISHED
            )
        ).one()
        # The day is part of it because the Kompetenskontrakt flag depends on today's date.
        return (count, newest, id_sum, today)

    def _fit(self, session: Session, today: date) -> tuple[Ranker | None, dict[int, datetime]]:
        if self.path is not None and not self.refitter:
            loaded = self._load(today)
            if loaded is not None:  # the refitting process's fit, brought up to date here
                ranker, stamps, _n = self._changes(session, today, *loaded)
                return ranker, stamps
        offers = published_offers(session)
        if not offers:
            return None, {}
        ranker, stamps = Ranker().fit(offer_docs(session, offers, today)), {o.id: o.updated_at for o in offers}
        if self.path is not None and self.refitter:
            ranker.save(self.path, {"day": today.isoformat(),
                                    "stamps": {str(k): v.isoformat() for k, v in stamps.items()}})
        return ranker, stamps

    def _load(self, today: date) -> tuple[Ranker, dict[int, datetime]] | None:
        """The saved index when it was built today (the Kompetenskontrakt flags depend on the day)."""
        assert self.path is not None
        try:
            ranker = Ranker.load(self.path)
        except (OSError, ValueError):  # not written yet (or unreadable): fit here
            return None
        extra = ranker.saved_extra_
        if extra.get("day") != today.isoformat():
            return None
        return ranker, {int(k): datetime.fromisoformat(v) for k, v in extra.get("stamps", {}).items()}

    def _apply_changes(self, session: Session, today: date) -> None:
        assert self._ranker is not None
        self._ranker, self._stamps, n = self._changes(session, today, self._ranker, self._stamps)
        self._changes_since_fit += n

    @staticmethod
    def _changes(session: Session, today: date, ranker: Ranker, stamps: dict[int, datetime]
                 ) -> tuple[Ranker, dict[int, datetime], int]:
        """`ranker` with the offers changed since `stamps` upserted and the unpublished removed."""
        rows = session.execute(select(Offer.id, Offer.updated_at).where(Offer.status == OfferStatus.PUBLISHED))
        current = {oid: stamp for oid, stamp in rows}
        gone = [oid for oid in stamps if oid not in current]
        changed = [oid for oid, stamp in current.items() if stamps.get(oid) != stamp]
        if not gone and not changed:
            return ranker, stamps, 0
        ranker = copy.copy(ranker)  # copy on write: readers holding the old object stay consistent
        if gone:
            ranker.remove_offers(str(oid) for oid in gone)
        if changed:
            ranker.upsert_offers(offer_docs(session, published_offers(session, changed), today))
        return ranker, current, len(gone) + len(changed)

    def _refit(self, session: Session, today: date) -> None:
        """Refit from scratch: inline without background refits, else in one background thread at a time."""
        self._fitted_at = time.monotonic()
        if not self.background_refit:
            self._ranker, self._stamps = self._fit(session, today)
            self._changes_since_fit = 0
            return
        if self._refit_thread is not None and self._refit_thread.is_alive():
            return  # the running refit is followed by another: it leaves the signature unset when it ends
        engine = session.get_bind().engine

        def work() -> None:
            try:
                with Session(engine) as own:
                    ranker, stamps = self._fit(own, today)
                with self._lock:
                    self._ranker, self._stamps, self._changes_since_fit = ranker, stamps, 0
                    self._signature = None  # re-check on next use: offers may have changed meanwhile
            except Exception:  # the incremental index keeps serving; the next change retries
                log.exception("background refit failed")

        self._refit_thread = threading.Thread(target=work, name="matchmaker-refit", daemon=True)
        self._refit_thread.start()


_OFFERS_CHANGED = "matchmaker.offers_changed"


def watch_offer_changes(session: Session, index: OfferIndex) -> None:
    """After each commit of `session` that changed offers, `index` checks the database on its next use.

    So a change made in this process (an offer approved, edited, closed) is searchable at once; other processes
    see it within their `check_seconds`.
    """

    @event.listens_for(session, "after_flush")
    def _flushed(flushed: Session, _context: object) -> None:
        # new/dirty/deleted still hold the pre-flush state here.
        if any(isinstance(obj, Offer) for obj in (*flushed.new, *flushed.dirty, *flushed.deleted)):
            flushed.info[_OFFERS_CHANGED] = True

    @event.listens_for(session, "after_commit")
    def _committed(committed: Session) -> None:
        if committed.info.pop(_OFFERS_CHANGED, False):
            index.invalidate()
