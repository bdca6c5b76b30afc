"""Fast vectorisation of many documents at once: the same rows as FieldVectorizer.transform, built with numpy.

FieldVectorizer.transform accumulates features per document in Python dicts. Here each distinct
(language, token) is analysed once and stored as a small row of vocabulary ids and weights; a chunk of
documents then becomes one flat array of token ids, expanded, summed per (document, field, feature),
made sublinear, weighted per field and summed per (document, feature) with numpy and scipy's sparse
sums (CSR construction, a fields-to-documents product, as typevec.fit_rows does). Sums are taken in the
same order as FieldVectorizer (field by field), and logarithms come from math.log, so the rows are
identical to transform()'s. Configurations this module does not reproduce (e.g. BM25 term frequency)
fall back to transform().
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from .documents import StudentDoc
from .language import UNDECIDED
from .pretoken import Pretokens
from .text import tokenize
from .typevec import FIT_ENTRIES, sublinear
from .vectorize import FieldVectorizer, doc_fields, prune_rows

MAX_TOKENS = 2_000_000  # distinct cached tokens before the cache is rebuilt (long-running servers)


class _TokenTable:
    """Per (language, token): an id whose vocabulary features and weights sit in growing flat arrays."""

    def __init__(self, vec: FieldVectorizer) -> None:
        self.vocab = vec.vocabulary_
        # (lang, synonym, chars) -> token -> id; (lang, True, None) -> bigram feature -> id
        self.ids: dict[tuple[str | None, bool, bool | None], dict[str, int]] = {}
        # Entries added since the arrays were last built; the arrays grow by these only (converting the
        # whole table's lists again after each chunk's new words cost 40 ms per chunk).
        self.ptr = [0]
        self.feat: list[int] = []
        self.weight: list[float] = []
        self._arrays = (np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
        self._n_ptr = 1  # entries of ptr (and of feat, weight: _n_feat) already in the arrays
        self._n_feat = 0

    def add(self, feats: Sequence[tuple[str, float, str]]) -> int:
        vocab = self.vocab
        for f, w, _s in feats:
            j = vocab.get(f)
            if j is not None:
                self.feat.append(j)
                self.weight.append(w)
        self.ptr.append(len(self.feat) + self._n_feat)
        return len(self) - 1

    def __len__(self) -> int:
        return self._n_ptr + len(self.ptr) - 2  # entries built (n_ptr - 1) and pending (ptr has the last end)

    def seed(self, settings: list, keys: list, entries: np.ndarray, n_types: int, per_entry: np.ndarray,
             cols: np.ndarray, weights: np.ndarray) -> None:
        """Fill an empty table with a fit's entries (typevec.FIT_ENTRIES): per entry its features' vocabulary
        columns and weights in their order, kept features only, as add() would store them."""
        kept = cols >= 0
        entry_of = np.repeat(np.arange(len(per_entry)), per_entry)
        ptr = np.zeros(len(per_entry) + 1, dtype=np.int64)
        np.cumsum(np.bincount(entry_of[kept], minlength=len(per_entry)), out=ptr[1:])
        self._arrays = (ptr, cols[kept].astype(np.int64), weights[kept].astype(np.float64))
        self._n_ptr, self._n_feat = len(ptr), int(ptr[-1])
        self.ptr, self.feat, self.weight = [self._n_feat], [], []
        for e, (s, t) in enumerate(zip((entries // n_types).tolist(), (entries % n_types).tolist(), strict=True)):
            word = keys[t]
            if isinstance(word, str):  # a type rewritten by a synonym is looked up by the synonym path
                lang, chars = settings[s]
                self.ids.setdefault((lang, False, chars), {})[word] = e

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if len(self.ptr) > 1:
            ptr, feat, weight = self._arrays
            self._arrays = (np.concatenate([ptr, np.asarray(self.ptr[1:], dtype=np.int64)]),
                            np.concatenate([feat, np.asarray(self.feat, dtype=np.int64)]),
                            np.concatenate([weight, np.asarray(self.weight, dtype=np.float64)]))
            self._n_ptr += len(self.ptr) - 1
            self._n_feat += len(self.feat)
            self.ptr = [self.ptr[-1]]
            self.feat, self.weight = [], []
        return self._arrays


_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _table(vec: FieldVectorizer) -> _TokenTable:
    t = _TABLES.get(vec)
    if t is None or t.vocab is not vec.vocabulary_ or len(t) > MAX_TOKENS:
        t = _TABLES[vec] = _TokenTable(vec)
    return t


def supported(vec: FieldVectorizer) -> bool:
    """Whether transform_many reproduces this vectorizer's rows (plain sublinear TF only)."""
    return getattr(vec, "tf", "log") == "log"


def transform_many(vec: FieldVectorizer, docs: Sequence, pre: Pretokens | None = None) -> sp.csr_matrix:
    """Rows equal to vec.transform(docs), for many documents at a time (pre: the students' Pretokens)."""
    if not supported(vec):
        return vec.transform(docs)
    an = vec.analyzer
    table = _table(vec)
    ids = table.ids
    starts = an._phrase_starts
    tok_ids: list[int] = []
    groups: list[int] = []  # per field with text: doc * n_fields + field position
    lengths: list[int] = []
    field_w: list[float] = []
    n_fields = 0
    for d_i, d in enumerate(docs):
        fields = doc_fields(d, vec.weights, vec.lead_words)
        n_fields = max(n_fields, len(fields))
        if pre is not None:  # tokenised while the offers were fitted (pretoken.py)
            toks = [s.split(" ") if s else [] for s in pre.fields[d_i]]
            g = pre.guesses[d_i]
            lang = vec._lang(d, [t for ts in toks for t in ts] if g == UNDECIDED else None, g)
        else:
            toks = [tokenize(text) if text else [] for text, _fw in fields]
            # A student's fields are doc_text's tokens in the same order, already at hand.
            lang = vec._lang(d, [t for ts in toks for t in ts] if isinstance(d, StudentDoc) else None)
        for f_i, ((_text, fw), ts) in enumerate(zip(fields, toks, strict=True)):
            if not ts:
                continue
            chars = an.wants_chars(len(ts), lang)
            plain = ids.get((lang, False, chars))
            if plain is None:
                plain = ids[(lang, False, chars)] = {}
            if starts.isdisjoint(ts):
                got = list(map(plain.get, ts))
                if None in got:
                    got = [g if g is not None else _plain_id(an, table, plain, t, lang, chars)
                           for g, t in zip(got, ts, strict=True)]
            else:
                got = []
                for word, surface in an.apply_synonyms(ts):
                    if surface == word:
                        g = plain.get(word)
                        got.append(g if g is not None else _plain_id(an, table, plain, word, lang, chars))
                    else:
                        syn = ids.get((lang, True, chars))
                        if syn is None:
                            syn = ids[(lang, True, chars)] = {}
                        g = syn.get(word)
                        if g is None:
                            g = syn[word] = table.add(an._token_features(word, surface, lang, chars))
                        got.append(g)
            if an.wants_bigrams(len(ts), lang):
                got.extend(_bigram_ids(an, table, ts, lang))
            tok_ids.extend(got)
            groups.append(d_i * 8 + f_i)
            lengths.append(len(got))
            field_w.append(fw)
    return _assemble(vec, table, len(docs), tok_ids, groups, lengths, field_w)


def _bigram_ids(an, table: _TokenTable, ts: list[str], lang: str | None) -> list[int]:  # noqa: ANN001
    """Table ids of a field's word bigrams (each a one-feature entry of weight 1, as Analyzer.features)."""
    ids = table.ids.get((lang, True, None))
    if ids is None:
        ids = table.ids[(lang, True, None)] = {}
    out = []
    for b in an.bigrams(an.apply_synonyms(ts), lang):
        g = ids.get(b)
        if g is None:
            g = ids[b] = table.add(((b, 1.0, ""),))
        out.append(g)
    return out


def _plain_id(an, table: _TokenTable, plain: dict[str, int], word: str, lang: str | None,  # noqa: ANN001
              chars: bool) -> int:
    """Analyse a token not seen before (as Analyzer.features does: stop words have no features)."""
    g = plain[word] = table.add(() if word in an.stops_for(lang) else an._token_features(word, word, lang, chars))
    return g


def _assemble(vec: FieldVectorizer, table: _TokenTable, n_docs: int, tok_ids: list[int], groups: list[int],
              lengths: list[int], field_w: list[float]) -> sp.csr_matrix:
    n_vocab = len(vec.vocabulary_)
    ptr, feat, weight = table.arrays()
    tok = np.asarray(tok_ids, dtype=np.int64)
    if not len(tok):
        return sp.csr_matrix((n_docs, n_vocab), dtype=np.float32)
    n_groups = len(groups)
    if not int((ptr[tok + 1] - ptr[tok]).sum()):
        return sp.csr_matrix((n_docs, n_vocab), dtype=np.float32)
    # Weighted count per (document-field, feature): the fields' token counts times the table's rows (its
    # arrays are a CSR matrix). Weights are 1, 0.5 and 0.25, so the sums are exact in any order: nothing is
    # sorted until the document rows (building the counts from every token's features took twice as long).
    T = sp.csr_matrix((np.ones(len(tok)), tok, np.concatenate([[0], np.cumsum(lengths)])),
                      shape=(n_groups, len(ptr) - 1))
    F = T @ sp.csr_matrix((weight, feat, ptr), shape=(len(ptr) - 1, n_vocab))
    # Sublinear TF with math.log (identical to FieldVectorizer's floats), from a table of quarters.
    F.data = sublinear(F.data)
    # Sum over fields per (document, feature) in field order, as FieldVectorizer does: the product visits
    # a document's fields in G's column order, which is field order, and adds field weight x TF.
    grp = np.asarray(groups, dtype=np.int64)
    G = sp.csr_matrix((np.asarray(field_w, dtype=np.float64), (grp // 8, np.arange(n_groups))),
                      shape=(n_docs, n_groups))
    D = G @ F
    D.sort_indices()
    cols = D.indices.astype(np.int32)
    data = D.data.astype(np.float32) * vec.idf_[cols]
    indptr = D.indptr.astype(np.int64)
    m = sp.csr_matrix((data, cols, indptr), shape=(n_docs, n_vocab))
    m.has_sorted_indices = True
    if vec.max_terms:
        m = prune_rows(m, vec.max_terms)
    return vec.normalize(m)


def warm(vec: FieldVectorizer) -> None:
    """Fill the token table from the analyzer's cache (the tokens seen while fitting), so forked workers
    start with it instead of each analysing the same common words again."""
    if not supported(vec):
        return
    table = _table(vec)
    fitted = FIT_ENTRIES.pop(vec, None)
    if fitted is not None and fitted[0] is vec.vocabulary_ and not len(table):
        table.seed(*fitted[1:])
    # Tokens analysed since the fit (all of them when the table was not seeded, e.g. a loaded index).
    for (lang, word, chars), feats in list(vec.analyzer._token_cache.items()):
        plain = table.ids.get((lang, False, chars))
        if plain is None:
            plain = table.ids[(lang, False, chars)] = {}
        if word not in plain:
            plain[word] = table.add(feats)
    table.arrays()
