"""Field-weighted TF-IDF vectors for offers and students in one shared, fitted feature space."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp

from .fields import (  # noqa: F401
    MIN_DOCS_FOR_MAX_DF,
    Doc,
    doc_fields,
    doc_text,
    kept_features,
    lead,
    prune_rows,
    smooth_idf,
)
from .language import UNDECIDED, corpus_language, present
from .reasons import HIDDEN
from .text import CHAR, LANGUAGES, Analyzer, Feature, tokenize

REASON_MAX_DF = 0.25  # features in more of the documents than this are never shown as a reason
MIN_DOCS_FOR_IDF_FLOOR = 20


class FieldVectorizer:
    """Builds one L2-normalised sparse row per document from field-weighted, sublinear TF and IDF."""

    def __init__(self, analyzer: Analyzer, weights: dict[str, float], lead_words: int = 8,
                 max_df: float = 1.0, max_terms: int | None = None, tf: str = "log", k1: float = 1.2,
                 b: float = 0.75, idf_power: float = 1.0, min_df: int = 1, char_weight: float = 0.65,
                 char_max_df: float = 1.0) -> None:
        self.analyzer = analyzer
        self.tf = tf
        self.k1 = k1
        self.b = b
        self.idf_power = idf_power
        self.min_df = min_df
        self.avgdl_ = 1.0
        self.weights = weights
        self.lead_words = lead_words
        self.max_df = max_df
        self.max_terms = max_terms
        self.char_weight = char_weight  # share of the cosine given to the character n-gram block
        self.char_max_df = char_max_df  # n-grams in more of the documents than this are dropped
        self.languages_: tuple[str, ...] = ()  # languages of the fitted corpus (for short queries)
        self.char_mask_ = np.zeros(0, dtype=bool)
        self.vocabulary_: dict[str, int] = {}
        self.labels_: list[str] = []
        self.idf_: np.ndarray = np.zeros(0)

    def _lang(self, doc: Doc, tokens: list[str] | None = None, guessed: str | None = UNDECIDED) -> str | None:
        """A document's language: its `language` field when set, else its text's, else (too short to
        tell) the corpus language, or for a short query in a mixed corpus the corpus language whose
        analysis of it finds most of the fitted vocabulary. `guessed`: the text's guess_language when known."""
        lang = getattr(doc, "language", None)
        if lang in LANGUAGES:
            return lang
        an = self.analyzer
        if guessed == UNDECIDED:
            tokens = tokenize(doc_text(doc)) if tokens is None else tokens
            guessed = an.guess_language(tokens)
        if guessed != UNDECIDED:
            return guessed
        tokens = tokenize(doc_text(doc)) if tokens is None else tokens
        if len(self.languages_) > 1 and self.vocabulary_ and tokens:
            vocab = self.vocabulary_
            hits = {c: sum(an.stem(t, c) in vocab for t in tokens if t not in an.stops_for(c))
                    for c in self.languages_}
            best = max(hits.values())
            if best and hits.get(an.corpus_language, 0) < best:
                return min(c for c, h in hits.items() if h == best)
        return an.corpus_language

    def fit(self, docs: Sequence[Doc]) -> FieldVectorizer:
        """Learn compound lexicon, vocabulary, readable labels and IDF from documents."""
        self.fit_transform(docs)
        return self

    def fit_transform(self, docs: Sequence[Doc]) -> sp.csr_matrix:
        """Fit, then vectorise the same documents (each word type analysed once: typevec.py)."""
        if self.tf == "log":
            from .typevec import fit_rows

            return fit_rows(self, docs)
        return self._vectors(self._fit_reference(docs))

    def _fit_reference(self, docs: Sequence[Doc]) -> list[list[tuple[float, list[Feature]]]]:
        """Fit document by document (BM25 term frequency, and the reference typevec's rows are tested against)."""
        an = self.analyzer
        texts = [tokenize(doc_text(d)) for d in docs]
        given = [getattr(d, "language", None) for d in docs]
        guesses = [g if g in LANGUAGES else an.guess_language(t) for g, t in zip(given, texts, strict=True)]
        an.corpus_language = corpus_language(guesses, an.default_language)
        self.languages_ = present(guesses)
        langs = [an.corpus_language if g == UNDECIDED else g for g in guesses]
        an.fit_lexicon(texts)
        del texts
        # Counting happens in C (Counter.update on the analyzer's cached feature tuples), not per feature.
        uses: Counter[Feature] = Counter()
        df: Counter[str] = Counter()
        analysed = []  # per document: (field weight, features) per field, reused to build the matrix
        for d, lang in zip(docs, langs, strict=True):
            fields = [(fw, an.features(text, lang)) for text, fw in doc_fields(d, self.weights, self.lead_words)]
            analysed.append(fields)
            for _, feats in fields:
                uses.update(feats)
            df.update({f for _, feats in fields for f, _, _ in feats})
        n = max(len(docs), 1)
        # Corpus stop words: features in more than max_df of the documents (n-grams: char_max_df) add little
        # but cost a lot in the sparse products.
        kept = kept_features(self, df.items(), n)
        self.vocabulary_ = {f: i for i, f in enumerate(kept)}
        # Readable label: the most frequent way the feature was written (ties: shortest, then alphabetical).
        written: dict[tuple[str, str], int] = {}
        for (f, _w, surface), c in uses.items():
            written[(f, surface)] = written.get((f, surface), 0) + c
        best: dict[str, tuple[int, int, str]] = {}
        for (f, surface), c in written.items():
            key = (-c, len(surface), surface)
            if f not in best or key < best[f]:
                best[f] = key
        labels = [best[f][2] for f in kept]
        self.idf_ = smooth_idf(np.array([df[f] for f in kept], dtype=np.int64), n, self.idf_power)
        self.n_docs_ = n
        self.set_labels(labels)
        if analysed:
            self.avgdl_ = float(np.mean([self._length(fields) for fields in analysed])) or 1.0
        return analysed

    def _length(self, fields: list[tuple[float, list[Feature]]]) -> float:
        """Document length for BM25 normalisation: field-weighted count of whole-word features."""
        return sum(fw * sum(w for _f, w, _s in feats if w >= 1.0) for fw, feats in fields)

    def set_labels(self, labels: list[str]) -> None:
        """Store readable labels per feature, plus label ids in alphabetical order for cheap merging."""
        self.labels_ = labels
        # Label id HIDDEN (0, the empty name) is reserved for features whose label is not a readable word
        # (a single letter from 'e-tjänst', a number, a stop word): they count in the score, never as a reason.
        # Also hidden: generic words of the domain, and features in more than REASON_MAX_DF of the documents
        # (an IDF floor): they count in the score, but "matched: kommunens, vill" explains nothing.
        an = self.analyzer
        shown = {name: an.readable(name) and name not in an.generic for name in set(labels)}
        n = getattr(self, "n_docs_", 0)
        frequent = np.zeros(len(labels), dtype=bool)
        if n >= MIN_DOCS_FOR_IDF_FLOOR and len(self.idf_) == len(labels):
            frequent = self.idf_ < math.log((1 + n) / (1 + REASON_MAX_DF * n)) + 1
        self.feature_names_ = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        self.char_mask_ = np.array([f.startswith(CHAR) for f in self.feature_names_], dtype=bool)
        # Character n-grams count in the score but are never named: a gram's label is the word it most often
        # came from in the whole corpus, often in neither of the two texts ("ter" -> "webbtjänster" for a
        # nurse). The words themselves (stems, compound parts, prefixes) carry the reasons.
        hide = frequent | self.char_mask_
        self.label_names_ = ["", *sorted(name for name, ok in shown.items() if ok and name)]
        pos = {name: i for i, name in enumerate(self.label_names_)}
        self.label_ids_ = np.array([pos[name] if shown[name] and not h else HIDDEN
                                    for name, h in zip(labels, hide.tolist(), strict=True)], dtype=np.int64)

    def transform(self, docs: Sequence[Doc]) -> sp.csr_matrix:
        """Vectorise documents with the fitted vocabulary (unknown features are ignored)."""
        an = self.analyzer

        def analysed() -> Iterable[list[tuple[float, list[Feature]]]]:
            for d in docs:
                lang = self._lang(d)
                yield [(fw, an.features(text, lang)) for text, fw in doc_fields(d, self.weights, self.lead_words)
                       if text]

        return self._vectors(analysed())

    def _vectors(self, analysed: Iterable[list[tuple[float, list[Feature]]]]) -> sp.csr_matrix:
        vocab, log = self.vocabulary_, math.log
        indptr, indices, values = [0], [], []
        bm25, k1, b = self.tf == "bm25", self.k1, self.b
        for fields in analysed:
            acc: dict[int, float] = {}
            for fw, feats in fields:
                counts: dict[int, float] = {}
                for feat, w, _s in feats:
                    j = vocab.get(feat)
                    if j is not None:
                        counts[j] = counts.get(j, 0.0) + w
                for j, c in counts.items():
                    if bm25:  # BM25F: weighted counts summed over fields, saturated below
                        acc[j] = acc.get(j, 0.0) + fw * c
                    else:
                        # Sublinear TF per field (1 + log c), linear below one so parts/prefixes stay below a word.
                        acc[j] = acc.get(j, 0.0) + fw * (1.0 + log(c) if c > 1.0 else c)
            if bm25 and acc:
                norm = k1 * (1.0 - b + b * self._length(fields) / self.avgdl_)
                acc = {j: c * (k1 + 1.0) / (c + norm) for j, c in acc.items()}
            indices.extend(acc)
            values.extend(acc.values())
            indptr.append(len(indices))
        ind = np.asarray(indices, dtype=np.int32)
        data = np.asarray(values, dtype=np.float32) * self.idf_[ind] if ind.size else np.zeros(0, np.float32)
        m = sp.csr_matrix((data, ind, np.asarray(indptr, dtype=np.int64)), shape=(len(indptr) - 1, len(vocab)))
        m.sort_indices()
        if self.max_terms:
            m = prune_rows(m, self.max_terms)
        return self.normalize(m)

    def normalize(self, m: sp.csr_matrix) -> sp.csr_matrix:
        """Unit rows made of two blocks: words (stems, parts, prefixes) and character n-grams, each
        normalised on its own and weighted so the cosine is (1 - w) x word cosine + w x n-gram cosine
        where both rows have both blocks (w = char_weight); a row with one block is that block, unit."""
        mask = self.char_mask_
        if not self.char_weight or not mask.any() or not m.nnz:
            return l2_normalize(m)
        counts = np.diff(m.indptr)
        rows = np.repeat(np.arange(m.shape[0]), counts)
        char = mask[m.indices]
        sq = m.data.astype(np.float64) ** 2
        sq_c = np.bincount(rows[char], weights=sq[char], minlength=m.shape[0])
        sq_w = np.bincount(rows[~char], weights=sq[~char], minlength=m.shape[0])
        both = (sq_c > 0) & (sq_w > 0)
        w = self.char_weight
        # (No np.errstate here: its context variable would free objects a caller froze, see batch.py.)
        scale_c = np.where(both, math.sqrt(w), 1.0) / np.sqrt(np.where(sq_c > 0, sq_c, 1.0))
        scale_w = np.where(both, math.sqrt(1.0 - w), 1.0) / np.sqrt(np.where(sq_w > 0, sq_w, 1.0))
        m.data *= np.where(char, scale_c[rows], scale_w[rows]).astype(m.data.dtype)
        return m


def l2_normalize(m: sp.csr_matrix) -> sp.csr_matrix:
    """Scale rows to unit length in place (cheaper than sklearn's normalize for one-row requests)."""
    counts = np.diff(m.indptr)
    nz = counts > 0
    if m.nnz:
        sq = np.zeros(m.shape[0], dtype=np.float64)
        sq[nz] = np.add.reduceat(m.data.astype(np.float64) ** 2, m.indptr[:-1][nz])
        norms = np.sqrt(sq)
        norms[norms == 0] = 1.0
        m.data /= np.repeat(norms, counts).astype(m.data.dtype)
    return m
