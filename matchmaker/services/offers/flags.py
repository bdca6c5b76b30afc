"""Automatic flags a career coach sees before approving an offer.

Flags are hints, never blocks: a coach reads them and decides. Codes (shown translated in the UI):
- "unverified_org": the organisation has not been verified by a coach yet;
- "duplicate": another submitted/published offer of the same organisation has near-identical text
  (normalised title + description, difflib ratio >= DUPLICATE_THRESHOLD);
- "money_wording": the text asks students for money or bank details (MONEY_PATTERNS below);
- "deadline_past": the application deadline is before today;
- "stale": the offer has not been changed for STALE_AFTER_DAYS days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Offer, OfferStatus

DUPLICATE_THRESHOLD = 0.9
STALE_AFTER_DAYS = 90
# Offers in these states can collide with a new one in front of students; drafts and closed ones cannot.
DUPLICATE_STATES = (OfferStatus.SUBMITTED, OfferStatus.CHANGES_REQUESTED, OfferStatus.PUBLISHED)

# Wording that asks students for money or bank details. Each entry is matched case-insensitively as a
# whole word (\b on both sides, Unicode-aware), so "pay" does not hit "payroll" and "fee" does not hit
# "feedback". Swedish compounds are common, so "avgift" and "kontonummer" also match as the last part of
# a compound ("anmälningsavgift", "bankkontonummer") but not as the first part ("avgiftsfri" = free of
# charge). Inflected forms are listed explicitly. False positives ("we pay a salary") are expected:
# the flag asks the coach to read the text, it does not reject anything.
MONEY_PATTERNS: tuple[str, ...] = (
    # Swedish
    r"\w*avgift(?:en|er|erna)?",
    r"betal(?:a|ar|as|at|ade|ning|ningen|ningar)",
    r"bankuppgift(?:er|erna)?",
    r"\w*kontonummer(?:et|n)?",
    r"bankkonto(?:t|n)?",
    r"swish(?:a|ar|as|at|ade|nummer)?",
    r"clearingnummer(?:et)?",
    r"insättning(?:en|ar)?",
    r"förskott(?:et)?",
    # English
    r"fees?",
    r"pay(?:s|ing|ment|ments)?",
    r"bank\s+details",
    r"bank\s+account",
    r"account\s+numbers?",
    r"deposits?",
    r"wire\s+transfer",
    r"iban",
)
_MONEY = re.compile(r"\b(?:" + "|".join(MONEY_PATTERNS) + r")\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


@dataclass
class Flag:
    """One automatic remark about an offer; `details` are plain values for the template."""

    code: str
    details: dict[str, object] = field(default_factory=dict)


def money_words(text: str) -> list[str]:
    """The distinct money-related words found in `text`, lower-cased, in order of appearance."""
    found: list[str] = []
    for match in _MONEY.finditer(text):
        word = " ".join(match.group(0).lower().split())
        if word not in found:
            found.append(word)
    return found


def normalise(text: str) -> str:
    """Lower-case, punctuation removed, whitespace collapsed: what duplicate detection compares."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def similarity(a: str, b: str) -> float:
    """Similarity of two normalised texts in [0, 1]: difflib's ratio, exact at or above the threshold.

    Below the threshold a cheap upper bound may be returned instead (enough to say "not a duplicate").
    """
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < DUPLICATE_THRESHOLD or matcher.quick_ratio() < DUPLICATE_THRESHOLD:
        return matcher.quick_ratio()
    return matcher.ratio()


def _offer_text(offer: Offer) -> str:
    return normalise(f"{offer.title}\n{offer.description}")


def duplicates_of(session: Session, offer: Offer) -> list[tuple[Offer, float]]:
    """Other live offers of the same organisation whose text is near-identical, most similar first."""
    others = session.scalars(
        select(Offer).where(
            Offer.organization_id == offer.organization_id,
            Offer.id != offer.id,
            Offer.status.in_(DUPLICATE_STATES),
        )
    ).all()
    mine = _offer_text(offer)
    found = []
    for other in others:
        score = similarity(mine, _offer_text(other))
        if score >= DUPLICATE_THRESHOLD:
            found.append((other, score))
    return sorted(found, key=lambda pair: (-pair[1], pair[0].id))


def is_stale(offer: Offer, now: datetime) -> bool:
    """True if the offer has not been changed for STALE_AFTER_DAYS days."""
    return offer.updated_at is not None and offer.updated_at < now - timedelta(days=STALE_AFTER_DAYS)


def offer_flags(session: Session, offer: Offer, *, today: date, now: datetime) -> list[Flag]:
    """Every automatic flag on an offer, in a fixed order."""
    flags: list[Flag] = []
    if not offer.organization.verified:
        flags.append(Flag("unverified_org"))
    dupes = duplicates_of(session, offer)
    if dupes:
        flags.append(Flag("duplicate", {
            "offers": [{"id": o.id, "title": o.title, "status": o.status.value, "similarity": round(s, 2)}
                       for o, s in dupes],
        }))
    words = money_words(f"{offer.title}\n{offer.description}")
    if words:
        flags.append(Flag("money_wording", {"words": words}))
    if offer.application_deadline is not None and offer.application_deadline < today:
        flags.append(Flag("deadline_past", {"deadline": offer.application_deadline}))
    if is_stale(offer, now):
        flags.append(Flag("stale", {"updated_at": offer.updated_at}))
    return flags
