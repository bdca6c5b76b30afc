"""Typo tolerance for queries: "did you mean" from the fitted corpus's words (edit distance 1-2)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import tokenize

if TYPE_CHECKING:
    from .ranker import Ranker

_WORDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def max_distance(word: str) -> int:
    """Edits allowed for a word: none under 5 letters (too many neighbours), 1 up to 7, 2 from 8."""
    return 0 if len(word) < 5 else 1 if len(word) < 8 else 2


def _choices(ranker: Ranker) -> tuple[list[str], list[int]]:
    """Corpus words (the compound lexicon: words of 4+ letters) and their frequencies, cached per fit."""
    an = ranker.analyzer_
    got = _WORDS.get(ranker)
    if got is None or got[0] is not an.lexicon:
        words = sorted(w for w in an.lexicon if w.isalpha())
        got = _WORDS[ranker] = (an.lexicon, words, [an.lexicon[w] for w in words])
    return got[1], got[2]


def known(ranker: Ranker, word: str) -> bool:
    """Whether a query word finds something: a corpus word, a synonym, or a feature of the vocabulary."""
    an = ranker.analyzer_
    if word in an.lexicon or word in an._synonym_words:
        return True
    vocab = ranker.vectorizer_.vocabulary_
    return any(f in vocab for f, w, _s in an._token_features(word, word, an.corpus_language) if w >= 1.0
               and not f.startswith("#"))


def suggest(ranker: Ranker, query: str) -> str | None:
    """The query with each unknown word replaced by the closest corpus word (Damerau/OSA distance, then
    the most frequent), or None when every word is known or nothing is close enough."""
    tokens = tokenize(query)
    words, freq = _choices(ranker)
    stops = ranker.analyzer_.stops_for(None)
    out, changed = [], False
    for t in tokens:
        d = max_distance(t)
        if not d or t in stops or not t.isalpha() or known(ranker, t):
            out.append(t)
            continue
        hits = process.extract(t, words, scorer=OSA.distance, score_cutoff=d, limit=20)
        if not hits:
            out.append(t)
            continue
        best = min(hits, key=lambda h: (h[1], -freq[h[2]], h[0]))
        out.append(best[0])
        changed = True
    return " ".join(out) if changed else None
