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


def top_terms(products: sp.csr_matrix, label_ids: np.ndarray, n_labels: int, n: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row of an elementwise product of two vectors, the n labels contributing most to the cosine.

    Returns (ptr, label ids, weights): row r's terms are at ptr[r]:ptr[r + 1], best first.
    """
    m = products.tocsr(copy=True)
    m.data[label_ids[m.indices] == HIDDEN] = 0  # single letters, numbers, stop words: never a reason
    m.eliminate_zeros()
    n_rows, width = m.shape[0], max(n_labels, 1)
    rows = np.repeat(np.arange(n_rows, dtype=np.int64), np.diff(m.indptr))
    # A word brings a stem, a prefix and compound parts that share one label: sum them per (row, label).
    keys, inverse = np.unique(rows * width + label_ids[m.indices], return_inverse=True)
    sums = np.bincount(inverse, weights=m.data, minlength=len(keys))
    krows, klabels = keys // width, keys % width
    # keys are sorted by (row, label); a stable sort on (row, -sum) keeps ties alphabetical.
    order = np.argsort(krows * 2.0 - sums / (sums.max(initial=0.0) + 1.0), kind="stable")
    krows, klabels, sums = krows[order], klabels[order], sums[order]
    starts = np.searchsorted(krows, np.arange(n_rows + 1))
    keep = np.arange(len(krows)) - starts[krows] < n
    ptr = np.searchsorted(krows[keep], np.arange(n_rows + 1))
    return ptr, klabels[keep].astype(np.int32), sums[keep].astype(np.float32)


def skill_bits(offer_skills: SkillKeys, student_keys: set, student_words: frozenset[str]) -> int:
    """Bit i set when the student covers the offer's skill i (listed, or all its words in their text)."""
    bits = 0
    for i, (_label, key) in enumerate(offer_skills[:63]):
        if key in student_keys or key <= student_words:
            bits |= 1 << i
    return bits


def boost_reasons(bits: int, sizes: dict[str, float], offer: OfferDoc, order: Sequence[str]) -> list[Reason]:
    """Boost reasons from a bit mask over `order`."""
    out = []
    for i, name in enumerate(order):
        if bits >> i & 1:
            place = {"municipality": offer.municipality, "county": offer.county}.get(name)
            label = f"{BOOST_LABELS[name]}: {place}" if place else BOOST_LABELS[name]
            out.append(Reason("boost", label, sizes[name]))
    return out


def skill_reasons(offer_skills: SkillKeys, bits: int) -> list[Reason]:
    """Skills covered (weight 1), then skills missing (weight 0), in the offer's order."""
    have = [Reason("skill", label, 1.0) for i, (label, _) in enumerate(offer_skills) if bits >> i & 1]
    return have + [Reason("missing_skill", label, 0.0) for i, (label, _) in enumerate(offer_skills)
                   if not bits >> i & 1]
