"""A Swedish normaliser: Snowball's Swedish stemmer with the inflection rules it gets wrong put right.

Snowball overstems agent nouns (`lärare` -> `lär`, the verb "learn"), Latin nouns in -or (`mentor` ->
`ment`) and words whose final s is part of the stem (`analys` -> `analy`, while `analyser` -> `analys`),
and leaves definite forms ending in a vowel + n alone (`sjuksköterskan`, `processindustrin`). Where a rule
is ambiguous it asks the corpus (`known`: is this form a word of the fitted corpus?), so the forms of one
word meet without merging unrelated words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import Stemmer

_SNOWBALL = Stemmer.Stemmer("swedish")
# Agent nouns: lärare, läraren, lärarens, lärares, lärarna, lärarnas (one lemma, one stem 'lärar').
_AGENT = re.compile(r"^(.{3,}?)(arnas|arens|arna|aren|ares|are)$")
# Latin nouns whose -or is no plural ending: mentor, doktor, sektor, motor, revisor, professor, ...
_LATIN_OR = re.compile(r"^(.{2,}(?:at|it|kt|nt|ot|ss|is|ut|ns)or)(?:erna|ernas|er|ers|ns|n|s)?$")
VOWELS = frozenset("aeiouyåäö")


def never(_word: str) -> bool:
    """The default corpus check: nothing is known (rules that need the corpus stay off)."""
    return False


def stem(word: str, known: Callable[[str], bool] = never, snowball: Stemmer.Stemmer = _SNOWBALL) -> str:
    """Stem of a lower-cased Swedish word; `known(form)` says whether a form occurs in the corpus."""
    if len(word) < 4 or not word.isalpha():
        return word
    m = _AGENT.match(word)
    if m and (m.group(2) == "are" or known(m.group(1) + "are")):
        return m.group(1) + "ar"
    m = _LATIN_OR.match(word)
    if m:
        return m.group(1)
    w = word
    # Definite singular of words ending in a vowel: sjuksköterska-n, processindustri-n, studio-n.
    if w[-1] == "n" and w[-2] in VOWELS and not w.endswith("ion") and known(w[:-1]):
        w = w[:-1]
    elif w.endswith("ns") and w[-3] in VOWELS and known(w[:-2]):  # and its genitive: sjuksköterska-ns
        w = w[:-2]
    s = snowball.stemWord(w)
    # Snowball drops a final genitive s after many letters; keep it when the shorter form is no word.
    if s == w[:-1] and w[-1] == "s" and not known(s):
        return w
    return s


def linking_variants(head: str) -> tuple[str, ...]:
    """Forms a compound's first part may stand for: as written, without a linking -s, a dropped -a
    (förskol-lärare), -e for -a (sjuksköterske-student) and a dropped -e (lärar-student)."""
    out = [head]
    if head.endswith("s"):  # linking -s, also after a dropped -e or -a (examensarbet-s-modell)
        out += [head[:-1], head[:-1] + "e", head[:-1] + "a"]
    if head.endswith("e"):
        out.append(head[:-1] + "a")
    elif head[-1] not in VOWELS:
        out += [head + "a", head + "e"]
    return tuple(out)
