"""Field-weighted TF-IDF vectors for offers and students in one shared, fitted feature space."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from .documents import OfferDoc, StudentDoc
from .text import Analyzer, tokenize

Doc = OfferDoc | StudentDoc


def lead(text: str, n: int) -> str:
    """The first n words of a text: job ads open with the role, so they stand in for a missing title."""
    return " ".join(text.split()[:n]) if n else ""


def doc_fields(doc: Doc, weights: dict[str, float], lead_words: int) -> list[tuple[str, float]]:
    """(text, weight) per field of a document."""
    if isinstance(doc, OfferDoc):
        title = doc.title or lead(doc.description, lead_words)
        return [(title, weights["title"]), (" , ".join(doc.skills), weights["skills"]),
                (doc.description, 1.0)]
    return [(" , ".join(doc.skills), weights["skills"]), (doc.interests, weights["interests"]),
            (doc.about, 1.0)]


def doc_text(doc: Doc) -> str:
    """All free text of a document (for language detection)."""
    if isinstance(doc, OfferDoc):
        return f"{doc.title} {' '.join(doc.skills)} {doc.description}"
    return f"{' '.join(doc.skills)} {doc.interests} {doc.about}"


class FieldVectorizer:
    """Builds one L2-normalised sparse row per document from field-weighted, sublinear TF and IDF."""

    def __init__(self, analyzer: Analyzer, weights: dict[str, float], lead_words: int = 8,
                 max_df: float = 1.0, max_terms: int | None = None) -> None:
        self.analyzer = analyzer
        self.weights = weights
        self.lead_words = lead_words
        self.max_df = max_df
        self.max_terms = max_terms
        self.vocabulary_: dict[str, int] = {}
        self.labels_: list[str] = []
        self.idf_: np.ndarray = np.zeros(0)

    def _lang(self, doc: Doc) -> str | None:
        lang = getattr(doc, "language", None)
        if lang in ("sv", "en"):
            return lang
        return self.analyzer.detect_language(tokenize(doc_text(doc)))

    def fit(self, docs: Sequence[Doc]) -> FieldVectorizer:
        """Learn compound lexicon, vocabulary, readable labels and IDF from documents."""
        an = self.analyzer
        an.fit_lexicon(tokenize(doc_text(d)) for d in docs)
        vocab: dict[str, int] = {}
        surfaces: list[Counter[str]] = []
        rows: list[int] = []
        cols: list[int] = []
        for i, d in enumerate(docs):
            lang = self._lang(d)
            seen = set()
            for text, _ in doc_fields(d, self.weights, self.lead_words):
                for feat, _w, surface in an.features(text, lang):
                    j = vocab.get(feat)
                    if j is None:
                        j = vocab[feat] = len(vocab)
                        surfaces.append(Counter())
                    surfaces[j][surface] += 1
                    seen.add(j)
            rows.extend([i] * len(seen))
            cols.extend(seen)
        n = max(len(docs), 1)
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocab))
        keep = np.flatnonzero(df <= self.max_df * n) if self.max_df < 1.0 else np.arange(len(vocab))
        names = list(vocab)
        self.vocabulary_ = {names[j]: k for k, j in enumerate(keep)}
        # Readable label: the most frequent way the feature was written (ties: shortest, then alphabetical).
        self.labels_ = [min(surfaces[j].items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] for j in keep]
        binary = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocab)))[:, keep]
        self.idf_ = TfidfTransformer(smooth_idf=True).fit(binary).idf_.astype(np.float32)
        return self

    def transform(self, docs: Iterable[Doc]) -> sp.csr_matrix:
        """Vectorise documents with the fitted vocabulary (unknown features are ignored)."""
        an, vocab = self.analyzer, self.vocabulary_
        nf = 3
        rows: list[list[int]] = [[] for _ in range(nf)]
        cols: list[list[int]] = [[] for _ in range(nf)]
        vals: list[list[float]] = [[] for _ in range(nf)]
        fweights: list[float] = []
        n = 0
        for i, d in enumerate(docs):
            n = i + 1
            lang = self._lang(d)
            fields = doc_fields(d, self.weights, self.lead_words)
            if not fweights:
                fweights = [w for _, w in fields]
            for f, (text, _) in enumerate(fields):
                if not text:
                    continue
                r, c, v = rows[f], cols[f], vals[f]
                for feat, w, _s in an.features(text, lang):
                    j = vocab.get(feat)
                    if j is not None:
                        r.append(i)
                        c.append(j)
                        v.append(w)
        shape = (n, len(vocab))
        total = sp.csr_matrix(shape, dtype=np.float32)
        for f in range(nf):
            if not rows[f]:
                continue
            m = sp.csr_matrix((np.asarray(vals[f], dtype=np.float32), (rows[f], cols[f])), shape=shape)
            m.sum_duplicates()
            # Sublinear TF per field (1 + log c), linear below one so part/prefix weights stay below a word.
            d = m.data
            np.copyto(d, np.where(d > 1.0, 1.0 + np.log(np.maximum(d, 1.0)), d))
            total = total + fweights[f] * m
        total = sp.csr_matrix(total @ sp.diags(self.idf_), dtype=np.float32)
        if self.max_terms:
            total = prune_rows(total, self.max_terms)
        return normalize(total, copy=False)


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
