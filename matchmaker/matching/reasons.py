"""Reasons for ranked pairs: top contributing terms (as written), skills matched and missing, boosts."""

from __future__ import annotations

from collections.abc import Sequence

from .documents import OfferDoc, Reason, ScoredPair
from .text import Analyzer

BOOST_LABELS = {
    "municipality": "same municipality",
    "county": "same county",
    "remote": "remote work",
    "relocate": "willing to relocate",
    "contract": "employer has a Kompetenskontrakt",
    "sparse": "sparsely populated municipality",
    "kind": "preferred kind",
    "other_kind": "not one of your preferred kinds",
}
# Reason kind of each boost name: 'other_kind' is a note (weight 0), shown so a student knows why an offer
# of a kind they did not ask for is in their list.
BOOST_KINDS = {"other_kind": "preference"}

HIDDEN = 0  # label id of features not shown as term reasons (see FieldVectorizer.set_labels)
SkillKeys = tuple[tuple[str, frozenset[str]], ...]


def skill_keys(analyzer: Analyzer, skills: Sequence[str]) -> SkillKeys:
    """(label, word-feature set) per skill, so 'Python-programmering' and 'python' compare on stems."""
    out = []
    for s in skills:
        key = analyzer.stem_set(s)
        if key:
            out.append((s.strip(), key))
    return tuple(out)


def student_skill_sets(analyzer: Analyzer, skills: Sequence[str], words: frozenset[str]
                       ) -> tuple[set, frozenset[str]]:
    """The student's skill keys, and the word features of all their text (from their vector)."""
    return {k for _, k in skill_keys(analyzer, skills)}, words


def skill_bits(offer_skills: SkillKeys, student_keys: set, student_words: frozenset[str]) -> int:
    """Bit i set when the student covers the offer's skill i (listed, or all its words in their text)."""
    bits = 0
    for i, (_label, key) in enumerate(offer_skills[:63]):
        if key in student_keys or key <= student_words:
            bits |= 1 << i
    return bits


def boost_place(name: str, offer: OfferDoc) -> str | None:
    """The offer's value a boost reason names (its municipality, county or kind), if any."""
    if name in ("kind", "other_kind"):
        return offer.kind
    return offer.municipality if name == "municipality" else offer.county if name == "county" else None


def boost_reasons(bits: int, sizes: dict[str, float], offer: OfferDoc, order: Sequence[str]) -> list[Reason]:
    """Boost reasons from a bit mask over `order`."""
    out = []
    for i, name in enumerate(order):
        if bits >> i & 1:
            place = boost_place(name, offer)
            label = f"{BOOST_LABELS[name]}: {place}" if place else BOOST_LABELS[name]
            out.append(Reason(BOOST_KINDS.get(name, "boost"), label, sizes.get(name, 0.0)))
    return out


def skill_reasons(offer_skills: SkillKeys, bits: int) -> list[Reason]:
    """Skills covered (weight 1), then skills missing (weight 0), in the offer's order."""
    have = [Reason("skill", label, 1.0) for i, (label, _) in enumerate(offer_skills) if bits >> i & 1]
    return have + [Reason("missing_skill", label, 0.0) for i, (label, _) in enumerate(offer_skills)
                   if not bits >> i & 1]


def localise(matches: list[ScoredPair], concepts: dict[str, dict[str, str]],
             language: str | None) -> list[ScoredPair]:
    """Term reasons in the user's language (from the synonym file's concept names), each concept once."""
    if not language:
        return matches
    for m in matches:
        seen: set[str] = set()
        kept = []
        for r in m.reasons:
            if r.kind == "term":
                r.label = concepts.get(r.label, {}).get(language, r.label)
                if r.label in seen:
                    continue
                seen.add(r.label)
            kept.append(r)
        m.reasons = kept
    return matches
