"""Text handling for Swedish and English: normalisation, tokens, stop words, stems, compounds, synonyms."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import Stemmer

# Letters and digits (any script, so å, ä, ö, é survive) plus a trailing + or # for c++ / c#.
_TOKEN = re.compile(r"[^\W_]+[+#]*")

LANGUAGES = {"sv": "swedish", "en": "english"}
Feature = tuple[str, float, str]  # (feature, weight, surface word as written)
MAX_CACHE = 1_000_000  # distinct (language, token) entries kept before the caches are reset


def _data_text(name: str) -> str:
    return resources.files("matchmaker.matching").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _read_words(name: str) -> list[str]:
    text = _data_text(name)
    words: list[str] = []
    for line in text.splitlines():
        words.extend(line.split("#", 1)[0].split())
    return words


def normalize(text: str) -> str:
    """Unicode NFKC normalisation and lower-casing (composes decomposed å/ä/ö/é)."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokenize(text: str) -> list[str]:
    """Split normalised text into word tokens, keeping letters of any script and c++/c#."""
    return _TOKEN.findall(normalize(text))


def load_synonyms(path: str | Path | None = None) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Read a synonym file ('canonical = variant = ...' per line): variant words -> canonical words."""
    text = _data_text("synonyms.txt") if path is None else Path(path).read_text(encoding="utf-8")
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        variants = [tuple(tokenize(v)) for v in line.split("=")]
        variants = [v for v in variants if v]
        if len(variants) < 2:
            continue
        canonical = variants[0]
        for v in variants[1:]:
            table.setdefault(v, canonical)
    return table


@dataclass
class TextConfig:
    """Switches for each text step, so the ablation in docs/matching.md can turn them off one by one."""

    stop_words: bool = True
    stemming: bool = True
    synonyms: bool = True
    decompound: bool = True
    prefix_len: int = 5  # 0 disables the language-agnostic prefix feature
    prefix_weight: float = 0.5
    part_weight: float = 0.5
    min_part: int = 4
    synonyms_path: str | None = None


@dataclass
class Analyzer:
    """Turns text into weighted features (stems, compound parts, prefixes) and remembers surface forms."""

    config: TextConfig = field(default_factory=TextConfig)
    default_language: str = "sv"

    def __post_init__(self) -> None:
        self._stemmers = {code: Stemmer.Stemmer(name) for code, name in LANGUAGES.items()}
        self._stops = {"sv": frozenset(_read_words("stopwords_sv.txt")),
                       "en": frozenset(_read_words("stopwords_en.txt"))}
        self._all_stops = self._stops["sv"] | self._stops["en"]
        self._synonyms = load_synonyms(self.config.synonyms_path) if self.config.synonyms else {}
        self._max_phrase = max((len(k) for k in self._synonyms), default=1)
        self._phrase_starts = frozenset(k[0] for k in self._synonyms)
        self._synonym_words = frozenset(w for k, v in self._synonyms.items() for w in (*k, *v))
        self._token_cache: dict[tuple[str | None, str], tuple[tuple[str, float, str], ...]] = {}
        # Stems per (language, token): a handful of distinct tokens cover most text, so a dict makes
        # stemming cost proportional to the vocabulary, not to the corpus.
        self._stem_cache: dict[tuple[str, str], str] = {}
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self.lexicon: dict[str, int] = {}

    def readable(self, label: str) -> bool:
        """Whether a label may be shown as a term reason: a real word, not a letter, number or stop word.

        At least two letters (or one letter with + / #: c++, c#), not a stop word of either list unless
        a synonym group uses it ('IT').
        """
        letters = sum(ch.isalpha() for ch in label)
        if letters < 2 and not (letters == 1 and label.rstrip("+#") != label):
            return False
        words = label.split()
        return not all(w in self._all_stops and w not in self._synonym_words for w in words)

    # -- language -------------------------------------------------------------------------------------
    def detect_language(self, tokens: Sequence[str]) -> str | None:
        """Pick sv or en by stop-word share; None for long text that is neither (then no Snowball)."""
        sv = sum(map(self._stops["sv"].__contains__, tokens))
        en = sum(map(self._stops["en"].__contains__, tokens))
        # Real Swedish/English prose is 30-50 % stop words; other languages hit a few by chance.
        if len(tokens) >= 20 and max(sv, en) < 0.12 * len(tokens):
            return None
        if sv == en:
            return self.default_language
        return "sv" if sv > en else "en"

    def stem(self, token: str, lang: str | None) -> str:
        """Snowball stem of one token for a language (identity when lang is None), cached."""
        if lang is None or not self.config.stemming:
            return token
        key = (lang, token)
        s = self._stem_cache.get(key)
        if s is None:
            s = self._stemmers[lang].stemWord(token)
            self._stem_cache[key] = s
        return s

    # -- synonyms and compounds -----------------------------------------------------------------------
    def apply_synonyms(self, tokens: list[str]) -> list[tuple[str, str]]:
        """Rewrite known variants (longest phrase first) to canonical words; returns (word, surface) pairs."""
        if not self._synonyms:
            return [(t, t) for t in tokens]
        out: list[tuple[str, str]] = []
        i, n = 0, len(tokens)
        starts = self._phrase_starts
        while i < n:
            if tokens[i] not in starts:
                out.append((tokens[i], tokens[i]))
                i += 1
                continue
            for size in range(min(self._max_phrase, n - i), 0, -1):
                canon = self._synonyms.get(tuple(tokens[i:i + size]))
                if canon is not None:
                    surface = " ".join(tokens[i:i + size])
                    out.extend((c, surface) for c in canon)
                    i += size
                    break
            else:
                out.append((tokens[i], tokens[i]))
                i += 1
        return out

    def fit_lexicon(self, token_lists: Iterable[Sequence[str]]) -> None:
        """Learn the known-word list used to split compounds (language-agnostic, from the corpus)."""
        counts: dict[str, int] = {}
        for tokens in token_lists:
            for t in tokens:
                if len(t) >= self.config.min_part and not t.isdigit():
                    counts[t] = counts.get(t, 0) + 1
        for canon in self._synonyms.values():
            for t in canon:
                counts[t] = counts.get(t, 0) + 1
        self.lexicon = counts
        self._split_cache.clear()
        self._token_cache.clear()

    def _known(self, part: str) -> int:
        """Corpus frequency of a part, also accepting a Swedish linking -s or an inflected form."""
        lex = self.lexicon
        return lex.get(part, 0) or (part.endswith("s") and lex.get(part[:-1], 0)) or 0

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
                fh = self._known(head)
                if not fh:
                    continue
                tails = [(self.lexicon.get(tail, 0) or self._tail_freq(tail), (tail,))]
                sub = self.split_compound(tail)
                if sub:
                    freq = math.prod(self.lexicon.get(p, 1) for p in sub) ** (1 / len(sub))
                    tails.append((freq, sub))
                for ft, parts in tails:
                    if ft:
                        score = (fh * ft) ** 0.5 if len(parts) == 1 else (fh * ft ** len(parts)) ** (
                            1 / (1 + len(parts)))
                        if score > best[0]:
                            best = (score, (head.removesuffix("s") if not self.lexicon.get(head) else head,
                                            *parts))
        if not best[1] and len(token) >= 2 * m + 2 and not token.isdigit():
            # Swedish compounds are right-headed: when the modifier is unknown to the corpus (a rare
            # "system" in systemutvecklare), the longest known head still links the compound to its kind.
            for i in range(m, len(token) - m - 1):
                tail = token[i:]
                if self.lexicon.get(tail, 0) or self._tail_freq(tail):
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

    # -- features -------------------------------------------------------------------------------------
    def features(self, text: str, lang: str | None = "auto") -> list[tuple[str, float, str]]:
        """Weighted features of a text: (feature, weight, surface word as written)."""
        tokens = tokenize(text)
        if not tokens:
            return []
        if lang == "auto":
            lang = self.detect_language(tokens)
        cfg = self.config
        if cfg.stop_words:
            stops = self._stops[lang] if lang else self._all_stops
        else:
            stops = frozenset()
        out: list[tuple[str, float, str]] = []
        cache = self._token_cache
        if len(cache) > MAX_CACHE:  # a long-running server sees ever new words in free-text queries
            cache.clear()
            self._stem_cache.clear()
        for word, surface in self.apply_synonyms(tokens):
            if surface == word:
                feats = cache.get((lang, word))
                if feats is None:
                    feats = () if word in stops else self._token_features(word, surface, lang)
                    cache[(lang, word)] = feats
                out.extend(feats)
            else:  # rewritten by a synonym: never a stop word, and rare enough to skip the cache
                out.extend(self._token_features(word, surface, lang))
        return out

    def _token_features(self, word: str, surface: str, lang: str | None) -> tuple[Feature, ...]:
        cfg = self.config
        # Prefix features: a crude stemmer for text in a language we have no Snowball stemmer for, and,
        # for Swedish/English, a longer prefix of long words that catches derivations Snowball keeps
        # apart (utvecklare / utveckling). Short prefixes on every word would cost a lot in batch speed.
        p = cfg.prefix_len if lang is None else cfg.prefix_len + 2
        out = [(self.stem(word, lang), 1.0, surface)]
        if cfg.prefix_len and len(word) > p + 1:
            out.append(("~" + word[:p], cfg.prefix_weight, surface))
        if cfg.decompound and self.lexicon:
            for part in self.split_compound(word):
                out.append((self.stem(part, lang), cfg.part_weight, part))
                if cfg.prefix_len and len(part) > p + 1:
                    out.append(("~" + part[:p], cfg.part_weight * cfg.prefix_weight, part))
        return tuple(out)

    def stem_set(self, text: str) -> frozenset[str]:
        """Set of word features (no prefixes) of a text, for skill look-ups."""
        return frozenset(f for f, _, _ in self.features(text) if not f.startswith("~"))
