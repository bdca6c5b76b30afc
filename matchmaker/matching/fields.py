"""The fields of a document as the vectorisers see them (text and weight), and row pruning."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import scipy.sparse as sp

from .documents import OfferDoc, StudentDoc
from .text import CHAR

Doc = OfferDoc | StudentDoc
MIN_DOCS_FOR_MAX_DF = 200


def lead(text: str, n: int) -> str:
    """The first n words of a text: job ads open with the role, so they stand in for a missing title."""
    return " ".join(text.split()[:n]) if n else ""


def doc_fields(doc: Doc, weights: dict[str, float], lead_words: int) -> list[tuple[str, float]]:
    """(text, weight) per field of a document."""
    if isinstance(doc, OfferDoc):
        title = doc.title or lead(doc.description, lead_words)
        return [(title, weights["title"]), (" , ".join(doc.skills), weights["skills"]),
                (doc.description, 1.0)]
    skills, interests, about = student_texts(doc)
    return [(skills, weights["skills"]), (interests, weights["interests"]), (about, 1.0)]


def student_texts(doc: StudentDoc) -> tuple[str, str, str]:
    """A student's field texts in doc_fields' order: skills, interests, about."""
    return " , ".join(doc.skills), doc.interests, doc.about


def doc_text(doc: Doc) -> str:
    """All free text of a document (for language detection)."""
    if isinstance(doc, OfferDoc):
        return f"{doc.title} {' '.join(doc.skills)} {doc.description}"
    return f"{' '.join(doc.skills)} {doc.interests} {doc.about}"


def prune_rows(m: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep the k largest entries of each row (cheap sparsification for batch speed)."""
    m = m.tocsr()
    counts = np.diff(m.indptr)
    if counts.max(initial=0) <= k:
        return m
    keep = np.ones(m.nnz, dtype=bool)
    for r in np.flatnonzero(counts > k):
        a, b = m.indptr[r], m.indptr[r + 1]
        order = np.argsort(-m.data[a:b], kind="stable")
        keep[a + order[k:]] = False
    rows = np.repeat(np.arange(m.shape[0]), counts)[keep]
    return sp.csr_matrix((m.data[keep], (rows, m.indices[keep])), shape=m.shape)


def smooth_idf(df: np.ndarray, n: int, power: float = 1.0) -> np.ndarray:
    """IDF of features found in df of n documents: log((1 + n) / (1 + df)) + 1, to the power, in float32.

    The same numbers as scikit-learn's TfidfTransformer(smooth_idf=True) fitted on float32 counts (a test
    compares them), without importing scikit-learn: that import alone cost the command 0.8 s.
    """
    idf = np.full(len(df), n + 1, dtype=np.float32)
    idf /= np.asarray(df, dtype=np.float32) + np.float32(1.0)
    np.log(idf, out=idf)
    idf += np.float32(1.0)
    return (idf ** power).astype(np.float32)


def kept_features(vec: Any, df: Iterable[tuple[str, int]], n: int) -> list[str]:
    """The features whose document frequency is within the limits, sorted: at least min_df, at most max_df of
    the n documents, and n-grams at most char_max_df (limits apply only from MIN_DOCS_FOR_MAX_DF documents:
    a share means nothing on a handful of documents)."""
    if n < MIN_DOCS_FOR_MAX_DF:
        return sorted(f for f, _c in df)
    limit = vec.max_df * n if vec.max_df < 1.0 else float("inf")
    char_limit = min(limit, vec.char_max_df * n)
    low = vec.min_df
    return sorted(f for f, c in df if low <= c <= (char_limit if f.startswith(CHAR) else limit))
