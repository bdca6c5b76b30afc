"""The Swedish normaliser, word by word, and languages per text (issue 12, items 2 and 3)."""

from __future__ import annotations

import pytest

from matchmaker.matching import swedish
from matchmaker.matching.language import UNDECIDED, corpus_language
from matchmaker.matching.text import Analyzer, char_ngrams, tokenize

CORPUS = ("sjuksköterska processindustri lärare förskola analys mentor student examensarbete "
          "maskininlärning modell kommun företag utvecklare")


@pytest.fixture(scope="module")
def an() -> Analyzer:
    a = Analyzer()
    a.fit_lexicon([tokenize(CORPUS)])
    return a


@pytest.mark.parametrize(("forms", "stem"), [
    (("lärare", "läraren", "lärarens", "lärarna", "lärarnas", "lärares"), "lärar"),
    (("sjuksköterska", "sjuksköterskan", "sjuksköterskor", "sjuksköterskorna", "sjuksköterskans"), "sjukskötersk"),
    (("analys", "analysen", "analyser", "analyserna"), "analys"),
    (("mentor", "mentorn", "mentorer", "mentorerna"), "mentor"),
    (("processindustri", "processindustrin"), "processindustri"),
    (("utvecklare", "utvecklaren", "utvecklare"), "utvecklar"),
])
def test_inflected_forms_meet(an: Analyzer, forms: tuple[str, ...], stem: str) -> None:
    assert {an.stem(f, "sv") for f in forms} == {stem}


@pytest.mark.parametrize(("a", "b"), [
    ("lärare", "lär"),  # the teacher is not the verb 'learn' (Snowball: both 'lär')
    ("lärare", "lära"),
    ("mentor", "mentol"),
    ("analys", "anal"),
    ("maskin", "maski"),  # a word ending in -in is not a definite form unless the corpus says so
])
def test_unrelated_words_stay_apart(an: Analyzer, a: str, b: str) -> None:
    assert an.stem(a, "sv") != an.stem(b, "sv")


def test_without_a_corpus_the_rules_that_need_one_stay_off() -> None:
    assert swedish.stem("lärare") == "lärar" and swedish.stem("mentor") == "mentor"
    assert swedish.stem("analys") == "analys"
    assert swedish.stem("sjuksköterskan") == "sjuksköterskan"  # 'sjuksköterska' unknown: left as written


@pytest.mark.parametrize(("word", "parts"), [
    ("sjuksköterskestudent", ("sjuksköterska", "student")),  # linking -e for -a
    ("förskollärare", ("förskola", "lärare")),  # dropped -a
    ("förskolläraren", ("förskola", "läraren")),  # definite head
    ("lärarstudent", ("lärare", "student")),  # dropped -e
    ("examensarbetsmodell", ("examensarbete", "modell")),  # linking -s after a dropped -e
])
def test_compounds_split_at_linking_morphemes(an: Analyzer, word: str, parts: tuple[str, ...]) -> None:
    assert an.split_compound(word) == parts


def test_synonyms_reach_compound_parts(an: Analyzer) -> None:
    compound = {f for f, _, _ in an.features("maskininlärningsmodeller", "sv")}
    simple = {f for f, _, _ in an.features("maskininlärning", "sv")}
    assert "ml" in simple and "ml" in compound  # maskininlärning = ml in the synonym file


def test_character_ngrams_stay_within_words_and_skip_endings() -> None:
    grams = char_ngrams("sjuksköterska")
    assert {"#<sj", "#<sju", "#<sjuk", "#ka>", "#ska>", "#rska>", "#sköt"} <= set(grams)
    assert all(" " not in g and "<" not in g[2:] and ">" not in g[:-1] for g in grams)
    assert len(grams) == len(set(grams)) == 3 * len("sjuksköterska") - 3  # 3- to 5-grams of '<word>'
    assert "#<s" not in grams and "#a>" not in grams  # a mark and one letter is no gram
    an = Analyzer()
    # Only short fields (titles, skills, queries) and only long words (compounds) get them: 'lärare' does
    # not meet 'sekreterare' through '-rare'.
    assert not [f for f, _, _ in an.features("lärare", "sv") if f.startswith("#")]
    assert [f for f, _, _ in an.features("sjuksköterska", "sv") if f.startswith("#")]
    assert not [f for f, _, _ in an.features("sjuksköterska " * 20, "sv") if f.startswith("#")]
    assert not [f for f, _, _ in an.features("developers", "en") if f.startswith("#")]  # not compounding


@pytest.mark.parametrize(("text", "lang"), [
    ("Vi söker en sjuksköterska som vill arbeta med oss i Umeå", "sv"),
    ("Vi søger en sygeplejerske, som har lyst til at arbejde med os", "da"),
    ("Wir suchen eine Pflegekraft, die mit uns in Berlin arbeiten möchte", "de"),
    ("Wij zoeken een verpleegkundige die met ons in Utrecht wil werken", "nl"),
    ("Vi søker en sykepleier som vil jobbe med oss i Bergen og ikke er redd", "no"),
])
def test_language_of_a_sentence(an: Analyzer, text: str, lang: str) -> None:
    assert an.detect_language(tokenize(text)) == lang


def test_a_cv_full_of_headings_and_mojibake_is_english(an: Analyzer) -> None:
    cv = ("Skill Details Company Details Education Details â€“ Python Java SQL â€¢ Excel "
          "Project Manager with experience in the planning of the projects and in the training of the staff, "
          "responsible for the budget and for the reports to the board of directors of the company")
    assert an.detect_language(tokenize(cv)) == "en"
    assert an.stem("projects", an.detect_language(tokenize(cv))) == "project"


def test_short_texts_take_the_corpus_language() -> None:
    assert corpus_language(["da", "da", UNDECIDED, "no", None], "sv") == "da"
    assert corpus_language([None, None, "en", UNDECIDED], "sv") is None  # long texts of another language
    assert corpus_language([UNDECIDED, UNDECIDED], "sv") == "sv"
