"""Language of a text from its function words, robust to headings, lists and mojibake.

A text is decided when function words of one language are both frequent and varied: long texts (20+ tokens) need four
distinct stop words of the language and 5 % of their tokens (a CV full of 'Skill Details' headings still
has hundreds of 'and', 'of', 'the'; a Polish ad hits only the 'i' and 'do' it shares with Swedish and
English), short texts two distinct ones and a clear lead. Everything else is UNDECIDED and takes the
corpus's language (`corpus_language`): the majority of its decided documents, where long undecided
documents vote for 'no known language' (None), so a Polish corpus is not stemmed as Swedish.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

SNOWBALL = {"sv": "swedish", "en": "english", "da": "danish", "no": "norwegian", "de": "german", "nl": "dutch"}
UNDECIDED = "?"  # too little evidence in the text itself
LONG = 20  # tokens from which a text counts as long


class StopIndex:
    """Which languages' stop-word lists hold each word, so a text is counted in one pass for all languages."""

    def __init__(self, stops: Mapping[str, frozenset[str]]) -> None:
        self.codes = list(stops)
        self.words: frozenset[str] = frozenset().union(*stops.values())
        langs: dict[str, list[int]] = {}
        for i, words in enumerate(stops.values()):
            for w in words:
                langs.setdefault(w, []).append(i)
        self.langs = {w: tuple(v) for w, v in langs.items()}


def guess(tokens: Sequence[str], index: StopIndex) -> str | None:
    """A language code, None (a long text in none of the known languages) or UNDECIDED."""
    n = len(tokens)
    if not n:
        return UNDECIDED
    # Per language: stop-word occurrences and distinct stop words (one look-up per token, then per
    # distinct stop word; checking every language's list per token cost a quarter of vectorising students).
    words = index.words
    hits = [0] * len(index.codes)
    distinct = [0] * len(index.codes)
    for w, c in Counter([t for t in tokens if t in words]).items():
        for i in index.langs[w]:
            hits[i] += c
            distinct[i] += 1
    return decide(n, hits, distinct, index.codes)


def decide(n: int, hits: Sequence[int], distinct: Sequence[int], codes: Sequence[str]) -> str | None:
    """The language of a text of n tokens from its stop-word occurrences and distinct stop words per
    language (guess's rule; the fit counts them for all documents at once, typevec.fit_rows)."""
    if not n:
        return UNDECIDED
    ranked = sorted(zip(hits, distinct, codes, strict=True), reverse=True)
    (best, types, code), (second, _t2, _c2) = ranked[0], ranked[1]
    if n >= LONG:
        if types >= 4 and best >= 0.05 * n and best >= 1.3 * second:
            return code
        return None
    if types >= 2 and best > second:
        return code
    return UNDECIDED


def corpus_language(guesses: Iterable[str | None], default: str | None) -> str | None:
    """The language undecided texts of a corpus get: majority vote of decided and long documents."""
    votes = Counter(g for g in guesses if g != UNDECIDED)
    if not votes:
        return default
    return max(votes.items(), key=lambda kv: (kv[1], kv[0] or ""))[0]


def present(guesses: Iterable[str | None], share: float = 0.05) -> tuple[str, ...]:
    """Languages decided for at least `share` of the decided documents (candidates for short queries)."""
    votes = Counter(g for g in guesses if g not in (UNDECIDED, None))
    total = sum(votes.values())
    return tuple(sorted(c for c, v in votes.items() if v >= share * total)) if total else ()
