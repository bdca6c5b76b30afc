"""Fitting by word type, not by occurrence: X_features = X_types @ M_analysis, with the same numbers.

Every field is tokenised once by the compiled token pattern and its tokens are mapped to word-type ids by
C-level dict look-ups. The language of each document comes from a documents x types count matrix times a
types x languages stop-word indicator; the compound lexicon from the types' occurrence counts. Each
distinct (type, language, character n-grams or not) is analysed once (`Analyzer._token_features`) into
a row of M (entries x features, weights); a sparse product of the fields' entry counts with M gives the
weighted feature counts per field, then sublinear TF, field weights and IDF as FieldVectorizer does.
The rows are bit-identical to the per-document reference (`FieldVectorizer._fit_reference`), which a
test checks: counts are sums of 1, 0.5 and 0.25 (exact), fields are summed in field order and
logarithms come from math.log.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .fields import Doc, kept_features, prune_rows, smooth_idf
from .language import UNDECIDED, corpus_language, decide, present
from .parallel import analyse_all
from .text import LANGUAGES
from .tokens import tokenise_all

if TYPE_CHECKING:
    from .text import Analyzer
    from .vectorize import FieldVectorizer


# Per fitted vectorizer, its entries' features as arrays (the vocabulary they index, settings, type keys,
# entry keys, number of types, features per entry, vocabulary column or -1 per feature, weights):
# fastvec.warm builds the batch's token table from them instead of looking up every cached feature in the
# vocabulary again (0.4 s at 10 000 offers).
FIT_ENTRIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def sublinear(c: np.ndarray) -> np.ndarray:
    """1 + log(c) above 1, c below (math.log on each distinct count, as FieldVectorizer computes it)."""
    q = c * 4.0
    k = q.astype(np.int64)
    if len(c) and np.array_equal(k, q) and k.max() < 1 << 20:  # quarters (weights 1, 0.5, 0.25): a table
        table = np.array([1.0 + math.log(v / 4.0) if v > 4 else v / 4.0 for v in range(int(k.max()) + 1)])
        return table[k]
    vals, inv = np.unique(c, return_inverse=True)
    return np.array([1.0 + math.log(v) if v > 1.0 else v for v in vals.tolist()])[inv.ravel()]


def _bigram_counts(an: Analyzer, keys: list, feat_tok: np.ndarray, feat_len: np.ndarray, lang_of_field: list,
                   field_len: list[int], feat_ids: dict[str, int]) -> tuple[list[int], list[int]]:
    """(field, feature) of every word bigram in the fields that get them (Analyzer.wants_bigrams);
    new bigram features are added to feat_ids."""
    b_fields: list[int] = []
    b_feats: list[int] = []
    ptr = np.concatenate([[0], np.cumsum(feat_len)]).tolist()
    for f, (lang, n) in enumerate(zip(lang_of_field, field_len, strict=True)):
        if not an.wants_bigrams(n, lang):
            continue
        words = [(k, k) if isinstance(k, str) else k for k in map(keys.__getitem__, feat_tok[ptr[f]:ptr[f + 1]])]
        for b in an.bigrams(words, lang):
            b_fields.append(f)
            b_feats.append(feat_ids.setdefault(b, len(feat_ids)))
    return b_fields, b_feats


def _entry_features(an: Analyzer, keys: list, uentries: np.ndarray, n_types: int, settings: list
                    ) -> list[tuple]:
    """The features of each entry (setting x type): from the analyzer's cache, empty for a stop word, else
    analysed (parallel.analyse_all) and cached; a type rewritten by a synonym is analysed, not cached."""
    cache = an._token_cache
    stops = {lang: an.stops_for(lang) for lang, _chars in settings}
    out: list = []
    todo: list[tuple[int, tuple]] = []  # (position in out, (word, surface, language, n-grams))
    for key in uentries.tolist():
        lang, chars = settings[key // n_types]
        t = keys[key % n_types]
        if isinstance(t, str):
            feats = cache.get((lang, t, chars))
            if feats is None and t in stops[lang]:
                feats = cache[(lang, t, chars)] = ()
            entry = (t, t, lang, chars)
        else:  # (canonical word, surface)
            feats, entry = None, (*t, lang, chars)
        if feats is None:
            todo.append((len(out), entry))
        out.append(feats)
    for (i, (word, surface, lang, chars)), feats in zip(todo, analyse_all(an, [e for _i, e in todo]),
                                                        strict=True):
        out[i] = feats
        if word == surface:
            cache[(lang, word, chars)] = feats
    return out


def _labels(feat_ids: dict[str, int], kept: list[str], feat: np.ndarray, surface: np.ndarray,
            surfaces: list[str], uses: np.ndarray) -> list[str]:
    """Readable label per kept feature: the most frequent way it was written (occurrences `uses` of each
    (feature, surface) row; ties: shortest, then alphabetical); "" for a feature with none (bigrams)."""
    n_s = max(len(surfaces), 1)
    pairs, inv = np.unique(feat * n_s + surface, return_inverse=True)
    count = np.bincount(inv.ravel(), weights=uses, minlength=len(pairs))
    f_of, s_of = pairs // n_s, pairs % n_s
    alpha = np.empty(len(surfaces), dtype=np.int64)
    alpha[sorted(range(len(surfaces)), key=surfaces.__getitem__)] = np.arange(len(surfaces))
    length = np.fromiter(map(len, surfaces), dtype=np.int64, count=len(surfaces))
    order = np.lexsort((alpha[s_of], length[s_of], -count, f_of))  # by feature, then best first
    first = order[np.concatenate([[True], f_of[order][1:] != f_of[order][:-1]])] if len(order) else order
    best = np.full(len(feat_ids), -1, dtype=np.int64)
    best[f_of[first]] = s_of[first]
    return [surfaces[b] if b >= 0 else "" for b in best[[feat_ids[f] for f in kept]].tolist()]


def fit_rows(vec: FieldVectorizer, docs: Sequence[Doc]) -> sp.csr_matrix:
    """Fit `vec` (lexicon, vocabulary, labels, IDF) on docs and return their rows, per word type."""
    an = vec.analyzer
    tokens = tokenise_all(vec, docs)
    types, raw_tok, syn_fields = tokens.types, tokens.raw_tok, tokens.syn_fields
    field_len, field_doc, field_w, field_lead = tokens.field_len, tokens.field_doc, tokens.field_w, tokens.field_lead
    n_docs, n_fields, n_types = len(docs), len(field_len), len(types.keys)
    lengths = np.asarray(field_len, dtype=np.int64)
    tok = np.asarray(raw_tok, dtype=np.int64)
    f_of_tok = np.repeat(np.arange(n_fields, dtype=np.int64), lengths)
    own = ~np.asarray(field_lead, dtype=bool)[f_of_tok]  # tokens of the document's own text
    d_of_tok = np.asarray(field_doc, dtype=np.int64)[f_of_tok]

    # Language per document: stop-word hits (occurrences and distinct words) per language.
    codes = list(LANGUAGES)
    is_str = np.array([isinstance(k, str) for k in types.keys], dtype=bool)
    stop = np.zeros((n_types, len(codes)), dtype=np.float64)
    for c_i, c in enumerate(codes):
        words = an._stops[c]
        stop[:, c_i] = [isinstance(k, str) and k in words for k in types.keys]
    # Counted with bincount (no documents x types matrix): only stop-word occurrences matter, and distinct
    # ones are their distinct (document, type) pairs.
    d_own, t_own = d_of_tok[own], tok[own]
    n_tok = np.bincount(d_own, minlength=n_docs).tolist()
    any_stop = stop.any(axis=1)
    is_stop = any_stop[t_own]
    d_stop, t_stop = d_own[is_stop], t_own[is_stop]
    # Distinct pairs from a presence table over documents x stop-word types (a few hundred types: a table
    # of a few MB), where sorting every stop-word occurrence took a quarter of a second.
    stop_types = np.flatnonzero(any_stop)
    width = max(len(stop_types), 1)
    rank = np.zeros(n_types, dtype=np.int64)
    rank[stop_types] = np.arange(len(stop_types))
    present_pair = np.zeros(n_docs * width, dtype=bool)
    present_pair[d_stop * width + rank[t_stop]] = True
    pairs = np.flatnonzero(present_pair)
    d_pair, t_pair = pairs // width, stop_types[pairs % width]
    hits = np.column_stack([np.bincount(d_stop, weights=stop[t_stop, c], minlength=n_docs)
                            for c in range(len(codes))]).astype(np.int64).tolist()
    distinct = np.column_stack([np.bincount(d_pair, weights=stop[t_pair, c], minlength=n_docs)
                                for c in range(len(codes))]).astype(np.int64).tolist()
    del d_own, t_own, is_stop, d_stop, t_stop, pairs, d_pair, t_pair, present_pair
    guesses = []
    for i, d in enumerate(docs):
        g = getattr(d, "language", None)
        guesses.append(g if g in LANGUAGES else decide(n_tok[i], hits[i], distinct[i], codes))
    an.corpus_language = corpus_language(guesses, an.default_language)
    vec.languages_ = present(guesses)
    langs = [an.corpus_language if g == UNDECIDED else g for g in guesses]

    # Compound lexicon: occurrence counts of the documents' own tokens (as Analyzer.fit_lexicon).
    occ = np.bincount(tok[own], minlength=n_types).tolist()
    m = an.config.min_part
    an.set_lexicon({k: c for k, c, s in zip(types.keys, occ, is_str.tolist(), strict=True)
                    if s and c and len(k) >= m and not k.isdigit()})

    # Entries: (type, language, n-grams) analysed once each; one row of M per entry.
    lang_of_field = [langs[d] for d in field_doc]
    setting = {}
    field_setting = np.empty(n_fields, dtype=np.int64)
    for f, (lang, n) in enumerate(zip(lang_of_field, field_len, strict=True)):
        key = (lang, an.wants_chars(n, lang))
        field_setting[f] = setting.setdefault(key, len(setting))
    feat_tok = tok.copy()
    ptr = np.concatenate([[0], np.cumsum(lengths)])
    if syn_fields:  # fields rewritten by synonyms: their tokens differ in number, rebuild the flat array
        parts = [syn_fields.get(f) or raw_tok[ptr[f]:ptr[f + 1]] for f in range(n_fields)]
        feat_len = np.array([len(p) for p in parts], dtype=np.int64)
        feat_tok = np.fromiter((t for p in parts for t in p), dtype=np.int64, count=int(feat_len.sum()))
        n_types = len(types.keys)
    else:
        feat_len = lengths
    f_of_feat = np.repeat(np.arange(n_fields, dtype=np.int64), feat_len)
    entry_key = field_setting[f_of_feat] * n_types + feat_tok
    # Distinct entries without sorting the occurrences: a presence table over settings x types.
    seen = np.zeros(len(setting) * n_types, dtype=bool)
    seen[entry_key] = True
    uentries = np.flatnonzero(seen)
    slot = np.zeros(len(seen), dtype=np.int64)
    slot[uentries] = np.arange(len(uentries))
    entry_of_tok = slot[entry_key]
    settings = list(setting)
    feat_ids: dict[str, int] = {}
    entry_feats = _entry_features(an, types.keys, uentries, n_types, settings)
    per_entry = np.fromiter(map(len, entry_feats), dtype=np.int64, count=len(entry_feats))
    flat = [x for feats in entry_feats for x in feats]  # (feature, weight, surface) per analysed feature
    add = feat_ids.setdefault
    m_feat = np.fromiter((add(x[0], len(feat_ids)) for x in flat), dtype=np.int64, count=len(flat))
    m_w = np.fromiter((x[1] for x in flat), dtype=np.float64, count=len(flat))
    surface_ids: dict[str, int] = {}
    m_surface = np.fromiter((surface_ids.setdefault(x[2], len(surface_ids)) for x in flat), dtype=np.int64,
                            count=len(flat))
    del flat, entry_feats
    b_fields, b_feats = _bigram_counts(an, types.keys, feat_tok, feat_len, lang_of_field, field_len, feat_ids)
    n_feats = len(feat_ids)
    M = sp.csr_matrix((m_w, m_feat, np.concatenate([[0], np.cumsum(per_entry)])), shape=(len(uentries), n_feats))
    # One entry per token, already grouped by field: duplicates and their order change no sum (counts of
    # 1, 0.5 and 0.25 are exact), so no sorting (a tenth of the fit) until the final rows.
    C = sp.csr_matrix((np.ones(len(entry_of_tok)), entry_of_tok.ravel(),
                       np.concatenate([[0], np.cumsum(feat_len)])), shape=(n_fields, len(uentries)))
    uses = np.bincount(entry_of_tok.ravel(), minlength=len(uentries))
    # Peak memory: the per-occurrence arrays are not needed once the counts are in C.
    del tok, feat_tok, f_of_feat, f_of_tok, entry_key, entry_of_tok, seen, slot, own, d_of_tok, raw_tok
    F = (C @ M).tocsr()  # weighted feature counts per field
    del C, M
    if b_fields:  # word bigrams of English running text: counts of 1, so the sums stay exact
        F = F + sp.csr_matrix((np.ones(len(b_fields)), (b_fields, b_feats)), shape=F.shape)
    F.data = sublinear(F.data)  # a product has no duplicates; its unsorted rows are fine for G @ F
    G = sp.csr_matrix((np.asarray(field_w, dtype=np.float64), (np.asarray(field_doc, dtype=np.int64),
                                                              np.arange(n_fields))), shape=(n_docs, n_fields))
    D = (G @ F).tocsr()  # sum over fields in field order (G's row order), as FieldVectorizer does
    del F, G

    # Vocabulary: features within the document-frequency limits, in sorted order.
    n = max(n_docs, 1)
    df = np.bincount(D.indices, minlength=n_feats)
    kept = kept_features(vec, zip(feat_ids, df.tolist(), strict=True), n)
    vec.vocabulary_ = {f: i for i, f in enumerate(kept)}
    col = np.full(n_feats, -1, dtype=np.int64)
    col[np.fromiter((feat_ids[f] for f in kept), dtype=np.int64, count=len(kept))] = np.arange(len(kept))

    labels = _labels(feat_ids, kept, m_feat, m_surface, list(surface_ids), np.repeat(uses, per_entry))
    FIT_ENTRIES[vec] = (vec.vocabulary_, settings, types.keys, uentries, n_types, per_entry, col[m_feat], m_w)

    dfk = df[np.fromiter((feat_ids[f] for f in kept), dtype=np.int64, count=len(kept))].astype(np.int64)
    vec.idf_ = smooth_idf(dfk, n, vec.idf_power)
    vec.n_docs_ = n
    vec.set_labels(labels)

    # Rows: kept columns only, in vocabulary order, float32 times IDF, then the two-block normalisation.
    c_new = col[D.indices]
    keep = c_new >= 0
    # D has no duplicates: the kept entries form the CSR directly (row pointers from the running count).
    indptr = np.concatenate([[0], np.cumsum(keep)])[D.indptr]
    X = sp.csr_matrix((D.data[keep].astype(np.float32), c_new[keep].astype(np.int32), indptr),
                      shape=(n_docs, len(kept)))
    del D, c_new, keep, indptr
    X.sort_indices()
    X.data *= vec.idf_[X.indices]
    if vec.max_terms:
        X = prune_rows(X, vec.max_terms)
    return vec.normalize(X)
