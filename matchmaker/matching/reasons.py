"""Reasons for ranked pairs: top contributing terms (as written), skills matched and missing, boosts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .documents import OfferDoc, Reason
from .text import Analyzer

BOOST_LABELS = {
    "municipality": "same municipality",
    "county": "same county",
    "remote": "remote work",
    "relocate": "willing to relocate",
    "contract": "employer has a Kompetenskontrakt",
    "sparse": "sparsely populated municipality",
}

SkillKeys = tuple[tuple[str, frozenset[str]], ...]


def skill_keys(analyzer: Analyzer, skills: Sequence[str]) -> SkillKeys:
    """(label, word-feature set) per skill, so 'Python-programmering' and 'python' compare on stems."""
    out = []
    for s in skills:
        key = analyzer.stem_set(s)
        if key:
            out.append((s.strip(), key))
    return tuple(out)


def student_skill_sets(analyzer: Analyzer, skills: Sequence[str], text: str) -> tuple[set, frozenset[str]]:
    """The student's skill keys and the word features of all their text."""
    keys = {k for _, k in skill_keys(analyzer, skills)}
    words = analyzer.stem_set(text + " " + " , ".join(skills))
    return keys, words


def skill_match(offer_skills: SkillKeys, student_keys: set, student_words: frozenset[str]
                ) -> tuple[list[str], list[str]]:
    """Offer skills the student has (listed, or all words present in their text) and those missing."""
    have, missing = [], []
    for label, key in offer_skills:
        (have if key in student_keys or key <= student_words else missing).append(label)
    return have, missing


def top_terms(products: sp.csr_matrix, labels: Sequence[str], n: int) -> list[list[Reason]]:
    """Per row of an elementwise product of two vectors, the n labels contributing most to the cosine."""
    m = products.tocsr()
    m.eliminate_zeros()
    counts = np.diff(m.indptr)
    rows = np.repeat(np.arange(m.shape[0]), counts)
    # One global sort (row ascending, contribution descending) instead of one sort per row.
    order = np.lexsort((-m.data, rows))
    rank = np.arange(m.nnz) - np.repeat(m.indptr[:-1], counts)
    # A word often brings a stem, a prefix and compound parts with the same label: keep a few extra.
    sel = order[rank < 3 * n]
    sel_rows = rows[sel]
    bounds = np.searchsorted(sel_rows, np.arange(m.shape[0] + 1))
    feats = m.indices[sel].tolist()
    vals = m.data[sel].tolist()
    out: list[list[Reason]] = []
    for r in range(m.shape[0]):
        merged: dict[str, float] = {}
        for j in range(bounds[r], bounds[r + 1]):
            label = labels[feats[j]]
            merged[label] = merged.get(label, 0.0) + vals[j]
        best = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        out.append([Reason("term", label, w) for label, w in best])
    return out


def boost_reasons(applied: dict[str, np.ndarray], sizes: dict[str, float], i: int,
                  offer: OfferDoc) -> list[Reason]:
    """Boost reasons for position i of the arrays returned by OfferTable.boost_pairs."""
    out = []
    for name, hit in applied.items():
        if hit[i]:
            place = {"municipality": offer.municipality, "county": offer.county}.get(name)
            label = f"{BOOST_LABELS[name]}: {place}" if place else BOOST_LABELS[name]
            out.append(Reason("boost", label, sizes[name]))
    return out


def skill_reasons(have: list[str], missing: list[str]) -> list[Reason]:
    """Skill and missing-skill reasons."""
    return [Reason("skill", s, 1.0) for s in have] + [Reason("missing_skill", s, 0.0) for s in missing]
