"""Compound splitting (Koehn & Knight), as a part of the Analyzer: known parts from the corpus lexicon."""

from __future__ import annotations

import math
from typing import Any

from . import swedish


class CompoundSplitter:
    """Splits compounds into parts the corpus knows; the Analyzer provides `lexicon`, `config` and the cache."""

    lexicon: dict[str, int]
    config: Any
    _split_cache: dict[str, tuple[str, ...]]

    def _head(self, part: str) -> tuple[int, str]:
        """Corpus frequency and word of a compound's first part, allowing linking morphemes
        (-s, -e for -a, a dropped -a or -e: swedish.linking_variants)."""
        lex = self.lexicon
        for form in swedish.linking_variants(part):
            f = lex.get(form, 0)
            if f:
                return f, form
        return 0, part

    def _known(self, part: str) -> int:
        """Corpus frequency of a first part (see _head)."""
        return self._head(part)[0]

    def _tail(self, tail: str) -> int:
        """Corpus frequency of a last part, also in a definite or plural form (förskol|läraren)."""
        lex = self.lexicon
        f = lex.get(tail, 0)
        if f:
            return f
        for end in ("n", "s", "en", "et", "er", "ar", "or", "na", "ns"):
            if tail.endswith(end) and len(tail) - len(end) >= self.config.min_part:
                f = lex.get(tail[:-len(end)], 0)
                if f:
                    return f
        return self._tail_freq(tail)

    def split_compound(self, token: str) -> tuple[str, ...]:
        """Split a compound into known parts (Koehn & Knight: best geometric mean of part frequencies)."""
        cached = self._split_cache.get(token)
        if cached is not None:
            return cached
        m = self.config.min_part
        best: tuple[float, tuple[str, ...]] = (0.0, ())
        if len(token) >= 2 * m and not token.isdigit():
            for i in range(m, len(token) - m + 1):
                head, tail = token[:i], token[i:]
                fh, lemma = self._head(head)
                if not fh:
                    continue
                tails = [(self._tail(tail), (tail,))]
                sub = self.split_compound(tail)
                if sub:
                    freq = math.prod(self.lexicon.get(p, 1) for p in sub) ** (1 / len(sub))
                    tails.append((freq, sub))
                for ft, parts in tails:
                    if ft:
                        score = (fh * ft) ** 0.5 if len(parts) == 1 else (fh * ft ** len(parts)) ** (
                            1 / (1 + len(parts)))
                        if score > best[0]:
                            best = (score, (lemma, *parts))
        if not best[1] and len(token) >= 2 * m + 2 and not token.isdigit():
            # Swedish compounds are right-headed: when the modifier is unknown to the corpus (a rare
            # "system" in systemutvecklare), the longest known head still links the compound to its kind.
            for i in range(m, len(token) - m - 1):
                tail = token[i:]
                if self._tail(tail):
                    best = (0.0, (tail,))
                    break
        self._split_cache[token] = best[1]
        return best[1]

    def _tail_freq(self, tail: str) -> int:
        """Frequency of known words sharing the tail's prefix, so inflected compound heads still split."""
        p = self.config.prefix_len
        if not p or len(tail) < p + 2:
            return 0
        # tails like 'utvecklare' count as known when the corpus has 'utveckling' (same 5-letter stem).
        return self._prefix_index().get(tail[:p + 2], 0)

    def _prefix_index(self) -> dict[str, int]:
        idx = getattr(self, "_pidx", None)
        if idx is None or getattr(self, "_pidx_n", -1) != len(self.lexicon):
            p = self.config.prefix_len + 2
            idx = {}
            for w, c in self.lexicon.items():
                if len(w) >= p:
                    idx[w[:p]] = idx.get(w[:p], 0) + c
            self._pidx, self._pidx_n = idx, len(self.lexicon)
        return idx
