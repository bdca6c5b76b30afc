"""Text handling: normalisation, tokens, language, stop words, stems, compounds, synonyms, character n-grams."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

import Stemmer

from . import swedish
from .compounds import CompoundSplitter
from .language import SNOWBALL, UNDECIDED, StopIndex, guess
from .synonyms import concept_labels, load_synonyms

# Letters and digits (any script, so å, ä, ö, é survive) plus a trailing + or # for c++ / c#.
_TOKEN = re.compile(r"[^\W_]+[+#]*")

LANGUAGES = SNOWBALL
# Languages that write compounds as one word: character n-grams within words link their parts.
COMPOUNDING = frozenset({"sv", "da", "no", "de", "nl"})
Feature = tuple[str, float, str]  # (feature, weight, surface word as written)
MAX_CACHE = 1_000_000  # distinct (language, token) entries kept before the caches are reset
CHAR = "#"  # prefix of character n-gram features (their own block of the vector, see vectorize.py)
BIGRAM = "^"  # prefix of word bigram features (counted in the score, never shown as a reason)
BIGRAM_LANGUAGES = frozenset({"en"})


def _data_text(name: str) -> str:
    return resources.files("matchmaker.matching").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _read_words(name: str) -> list[str]:
    text = _data_text(name)
    words: list[str] = []
    for line in text.splitlines():
        words.extend(line.split("#", 1)[0].split())
    return words


def stop_lists() -> dict[str, frozenset[str]]:
    """The packaged stop words of each language."""
    return {code: frozenset(_read_words(f"stopwords_{code}.txt")) for code in LANGUAGES}


def normalize(text: str) -> str:
    """Unicode NFKC normalisation and lower-casing (composes decomposed å/ä/ö/é)."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokenize(text: str) -> list[str]:
    """Split normalised text into word tokens, keeping letters of any script and c++/c#."""
    return _TOKEN.findall(normalize(text))


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
    char_ngrams: bool = True  # character 3-5-grams within words, for compounding languages
    char_max_tokens: int = 12  # only fields this short get them (titles, skills, queries)
    # Swedish words get them only from 7 letters (compounds): the Swedish normaliser already links the
    # forms of short words, and 'lärare' must not meet 'sekreterare' through '-rare'. The other compounding
    # languages have Snowball alone, so all their words get n-grams.
    char_min_letters: dict[str, int] = field(default_factory=lambda: {"sv": 7})
    # Word bigrams (adjacent words once stop words are out, as scikit-learn forms them) for English running
    # text: fields longer than char_max_tokens. Titles and queries keep single words, so a short query is
    # not diluted by phrases it cannot contain.
    word_bigrams: bool = True


@dataclass
class Analyzer(CompoundSplitter):
    """Turns text into weighted features (stems, compound parts, prefixes) and remembers surface forms."""

    config: TextConfig = field(default_factory=TextConfig)
    default_language: str = "sv"

    def __post_init__(self) -> None:
        self._stemmers = {code: Stemmer.Stemmer(name) for code, name in LANGUAGES.items()}
        self._stops = stop_lists()
        # Text in no known language loses the Swedish and English function words (as before v2).
        self._all_stops = self._stops["sv"] | self._stops["en"]
        self._stop_index = StopIndex(self._stops)
        self.corpus_language: str | None = self.default_language  # undecided texts get this one
        self._synonyms = load_synonyms(self.config.synonyms_path) if self.config.synonyms else {}
        self._max_phrase = max((len(k) for k in self._synonyms), default=1)
        self._phrase_starts = frozenset(k[0] for k in self._synonyms)
        self._synonym_words = frozenset(w for k, v in self._synonyms.items() for w in (*k, *v))
        # One-word variants, applied to compound parts too (maskininlärnings|modeller -> ml + modell).
        self.concepts = concept_labels(self.config.synonyms_path) if self.config.synonyms else {}
        self.generic = frozenset(_read_words("generic_words.txt"))
        self._word_synonyms = {k[0]: v[0] for k, v in self._synonyms.items() if len(k) == 1 and len(v) == 1}
        self._token_cache: dict[tuple[str | None, str], tuple[tuple[str, float, str], ...]] = {}
        # Stems per (language, token): a handful of distinct tokens cover most text, so a dict makes
        # stemming cost proportional to the vocabulary, not to the corpus.
        self._stem_cache: dict[tuple[str, str], str] = {}
        self._split_cache: dict[str, tuple[str, ...]] = {}
        self._stem_sets: dict[tuple[str, str | None], frozenset[str]] = {}
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
        """The text's language (language.guess); texts too short to tell get the corpus's language.

        None is a long text in no language the engine knows (no Snowball stemmer, both stop lists)."""
        g = guess(tokens, self._stop_index)
        return self.corpus_language if g == UNDECIDED else g

    def guess_language(self, tokens: Sequence[str]) -> str | None:
        """The text's own evidence only: a code, None, or language.UNDECIDED."""
        return guess(tokens, self._stop_index)

    def stem(self, token: str, lang: str | None) -> str:
        """Snowball stem of one token for a language (identity when lang is None), cached."""
        if lang is None or not self.config.stemming:
            return token
        key = (lang, token)
        s = self._stem_cache.get(key)
        if s is None:
            if lang == "sv":
                s = swedish.stem(token, self._is_word, self._stemmers["sv"])
            else:
                s = self._stemmers[lang].stemWord(token)
            self._stem_cache[key] = s
        return s

    def _is_word(self, form: str) -> bool:
        """Whether a form occurs in the fitted corpus or the synonym file (the Swedish rules ask)."""
        return form in self.lexicon or form in self._synonym_words

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
        self.set_lexicon(counts)

    def set_lexicon(self, counts: dict[str, int]) -> None:
        """Use these corpus word counts (words of min_part+ letters, no numbers) as the known-word list."""
        # Words of the synonym file count as known, so their compounds split (maskininlärnings|modeller).
        for variant, canon in self._synonyms.items():
            for t in (*canon, *(v for v in variant if len(v) >= self.config.min_part)):
                counts[t] = counts.get(t, 0) + 1
        self.lexicon = counts
        self._stem_sets.clear()
        self._split_cache.clear()
        self._token_cache.clear()
        self._stem_cache.clear()  # the Swedish rules ask the lexicon

    # -- features -------------------------------------------------------------------------------------
    def stops_for(self, lang: str | None) -> frozenset[str]:
        """The stop words dropped from text in a language (none when the step is off)."""
        if not self.config.stop_words:
            return frozenset()
        return self._stops.get(lang, self._all_stops) if lang else self._all_stops

    def wants_chars(self, n_tokens: int, lang: str | None) -> bool:
        """Whether a field gets character n-grams: short text in a compounding language."""
        cfg = self.config
        return cfg.char_ngrams and lang in COMPOUNDING and 0 < n_tokens <= cfg.char_max_tokens

    def wants_bigrams(self, n_tokens: int, lang: str | None) -> bool:
        """Whether a field gets word bigrams: running English text (longer than a title or a query)."""
        cfg = self.config
        return cfg.word_bigrams and lang in BIGRAM_LANGUAGES and n_tokens > cfg.char_max_tokens

    def bigrams(self, words: Iterable[tuple[str, str]], lang: str | None) -> list[str]:
        """Bigram features of (word, surface) pairs after synonyms: stems of adjacent non-stop words."""
        stops = self.stops_for(lang)
        stems = [self.stem(w, lang) for w, s in words if not (w == s and w in stops)]
        return [f"{BIGRAM}{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]

    def features(self, text: str, lang: str | None = "auto") -> list[tuple[str, float, str]]:
        """Weighted features of a text: (feature, weight, surface word as written)."""
        tokens = tokenize(text)
        if not tokens:
            return []
        if lang == "auto":
            lang = self.detect_language(tokens)
        stops = self.stops_for(lang)
        chars = self.wants_chars(len(tokens), lang)
        out: list[tuple[str, float, str]] = []
        cache = self._token_cache
        if len(cache) > MAX_CACHE:  # a long-running server sees ever new words in free-text queries
            cache.clear()
            self._stem_cache.clear()
        words = self.apply_synonyms(tokens)
        for word, surface in words:
            if surface == word:
                key = (lang, word, chars)
                feats = cache.get(key)
                if feats is None:
                    feats = () if word in stops else self._token_features(word, surface, lang, chars)
                    cache[key] = feats
                out.extend(feats)
            else:  # rewritten by a synonym: never a stop word, and rare enough to skip the cache
                out.extend(self._token_features(word, surface, lang, chars))
        if self.wants_bigrams(len(tokens), lang):
            out.extend((b, 1.0, "") for b in self.bigrams(words, lang))  # no label: hidden from reasons
        return out

    def _token_features(self, word: str, surface: str, lang: str | None, chars: bool = False
                        ) -> tuple[Feature, ...]:
        cfg = self.config
        # Prefix features: a crude stemmer for text in a language we have no Snowball stemmer for, and,
        # for known languages, a longer prefix of long words that catches derivations Snowball keeps
        # apart (utvecklare / utveckling). Short prefixes on every word would cost a lot in batch speed.
        p = cfg.prefix_len if lang is None else cfg.prefix_len + 2
        out = [(self.stem(word, lang), 1.0, surface)]
        if cfg.prefix_len and len(word) > p + 1:
            out.append(("~" + word[:p], cfg.prefix_weight, surface))
        if cfg.decompound and self.lexicon:
            for part in self.split_compound(word):
                # A part that is a synonym variant meets its canonical word (exjobbs|handledare -> exjobb).
                part = self._word_synonyms.get(part, part) if cfg.synonyms else part
                out.append((self.stem(part, lang), cfg.part_weight, part))
                if cfg.prefix_len and len(part) > p + 1:
                    out.append(("~" + part[:p], cfg.part_weight * cfg.prefix_weight, part))
        if chars and len(word) >= cfg.char_min_letters.get(lang or "", 0):
            out.extend((g, 1.0, surface) for g in char_ngrams(word))
        return tuple(out)

    def stem_set(self, text: str) -> frozenset[str]:
        """Set of word features (no prefixes) of a text, for skill look-ups (cached: skills repeat)."""
        key = (text, self.corpus_language)
        got = self._stem_sets.get(key)
        if got is None:
            if len(self._stem_sets) > MAX_CACHE:
                self._stem_sets.clear()
            got = self._stem_sets[key] = frozenset(f for f, _, _ in self.features(text) if f[0] not in "~" + CHAR)
        return got


def char_ngrams(word: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams of one word (never across words), 3 to 5 characters of the word marked '<' at
    its start and '>' at its end, as scikit-learn's char_wb pads words with spaces: the marks count as
    characters, so a word's first and last two letters are grams of their own ('<ar', 'in>') and
    'sjukskötersk|a' and 'sjukskötersk|or' share their inner grams. Endings that unrelated words share
    ('are>', 'ing>') get a low IDF in any real corpus."""
    s = "<" + word + ">"
    n_s = len(s)
    return [CHAR + s[i:i + n] for n in range(low, high + 1) for i in range(n_s - n + 1)]
