"""Fitting per word type (typevec.py) gives bit for bit what fitting document by document gives."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matchmaker.matching import OfferDoc, Ranker, StudentDoc
from matchmaker.matching.fields import smooth_idf
from matchmaker.matching.typevec import sublinear

WORDS = ("python java sql vård sjuksköterska sjuksköterskestudent vårdcentraler ekonomi redovisning skog "
         "skogsbruk gis elkraft lia exjobb examensarbete systemutvecklare maskininlärningsmodeller data "
         "analys human resources personal bygg betong och att det i på the and of is developer c++ c# "
         "Umeå ÖSTERSUND 2026 lärare förskolläraren teacher forestry thesis").split()
ENGLISH = "the and of to in is for with on at developer software team work data".split()


def _docs(seed: int, n_offers: int = 60) -> tuple[list[OfferDoc], list[StudentDoc]]:
    rng = random.Random(seed)
    offers = []
    for i in range(n_offers):
        words = ENGLISH if i % 5 == 0 else WORDS
        offers.append(OfferDoc(f"o{i}", title=" ".join(rng.choices(words, k=3)) if i % 3 else "",
                               description=" ".join(rng.choices(words, k=rng.randint(0, 60))),
                               skills=tuple(rng.sample(words, 3)), language="en" if i % 11 == 0 else None))
    offers.append(OfferDoc("polish", title="", description="programista python praca zdalna w zespole " * 5))
    students = [StudentDoc(f"s{i}", about=" ".join(rng.choices(WORDS, k=rng.randint(0, 40))),
                           interests=" ".join(rng.choices(WORDS, k=3)), skills=tuple(rng.sample(WORDS, 2)))
                for i in range(30)]
    return offers, students


def _fit_both(params: dict, docs: list) -> tuple:
    """The per-type fit and the per-document reference of the same parameters: (fast, ref, rows, rows)."""
    fast, ref = Ranker(**params)._make_vectorizer(), Ranker(**params)._make_vectorizer()
    return fast, ref, fast.fit_transform(docs), ref._vectors(ref._fit_reference(docs))


@pytest.mark.parametrize("params", [{}, {"synonyms": False, "stop_words": False}, {"max_terms": 6},
                                    {"char_ngrams": False, "decompound": False, "prefix_len": 0},
                                    {"stemming": False, "max_df": 0.2}])
@pytest.mark.parametrize("seed", [1, 2])
def test_type_level_fit_equals_the_per_document_reference(params: dict, seed: int) -> None:
    offers, students = _docs(seed)
    fast, ref, X, Y = _fit_both(params, offers + students)
    assert X.shape == Y.shape
    assert np.array_equal(X.indptr, Y.indptr) and np.array_equal(X.indices, Y.indices)
    assert np.array_equal(X.data, Y.data)
    assert fast.vocabulary_ == ref.vocabulary_ and fast.labels_ == ref.labels_
    assert np.array_equal(fast.idf_, ref.idf_) and np.array_equal(fast.label_ids_, ref.label_ids_)
    assert fast.analyzer.lexicon == ref.analyzer.lexicon
    assert (fast.analyzer.corpus_language, fast.languages_) == (ref.analyzer.corpus_language, ref.languages_)
    if not params:  # the English running text of the corpus has word bigrams, on both paths alike
        assert any(f.startswith("^") for f in fast.vocabulary_)
    # Students transformed afterwards see the same fitted state.
    assert np.array_equal(fast.transform(students).data, ref.transform(students).data)


@pytest.mark.parametrize("params", [{"max_df": 0.2}, {"max_df": 1.0, "char_max_df": 0.02},
                                    {"max_df": 0.3, "char_max_df": 0.03}])
def test_document_frequency_limits_are_the_same_on_both_paths_and_hold(params: dict) -> None:
    offers, students = _docs(3, n_offers=240)  # 271 documents: enough for the limits to apply (200+)
    docs = offers + students
    fast, ref, X, Y = _fit_both(params, docs)
    assert fast.vocabulary_ == ref.vocabulary_
    assert np.array_equal(X.indices, Y.indices) and np.array_equal(X.data, Y.data)
    full = Ranker(max_df=1.0)._make_vectorizer()
    df = np.bincount(full.fit_transform(docs).indices, minlength=len(full.vocabulary_))
    n = len(docs)
    word_limit = params["max_df"] * n
    char_limit = min(word_limit, params.get("char_max_df", 1.0) * n)
    for name, j in full.vocabulary_.items():
        limit = char_limit if name.startswith("#") else word_limit
        assert (name in fast.vocabulary_) == (df[j] <= limit), (name, df[j], limit)
    # The limits bite on this corpus: something is dropped, and with an n-gram limit alone, only n-grams.
    dropped = set(full.vocabulary_) - set(fast.vocabulary_)
    assert dropped
    if params["max_df"] == 1.0:
        assert all(name.startswith("#") for name in dropped)
        assert any(df[full.vocabulary_[w]] > char_limit for w in fast.vocabulary_ if not w.startswith("#"))


def test_sublinear_counts_match_math_log_for_quarters_and_other_weights() -> None:
    import math

    for c in (np.array([0.25, 0.5, 1.0, 1.25, 3.0, 17.75]), np.array([0.3, 1.0, 2.7])):
        want = [1.0 + math.log(v) if v > 1.0 else v for v in c.tolist()]
        assert sublinear(c).tolist() == want



@pytest.mark.parametrize("power", [1.0, 0.7])
def test_idf_is_scikit_learns_smoothed_idf(power: float) -> None:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfTransformer

    n = 437
    df = np.random.default_rng(5).integers(0, n + 1, 300)
    df[:3] = 0, 1, n  # unseen, rare and everywhere
    indptr = np.concatenate([[0], np.cumsum(df)])
    rows = np.arange(int(indptr[-1])) - np.repeat(indptr[:-1], df)
    binary = sp.csc_matrix((np.ones(len(rows), dtype=np.float32), rows, indptr), shape=(n, len(df)))
    want = (TfidfTransformer(smooth_idf=True).fit(binary).idf_ ** power).astype(np.float32)
    got = smooth_idf(df, n, power)
    assert got.dtype == np.float32 and np.array_equal(got, want)


TWO_PROCESSES = """
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np
from matchmaker.matching import Ranker, parallel
from tests.matching.test_typevec import _docs

offers, students = _docs(int(sys.argv[3]), n_offers=240)
docs = offers + students
serial = Ranker()._make_vectorizer()
X = serial.fit_transform(docs)
setattr(parallel, sys.argv[2], 20)  # this step on two processes, the other on one
forked = []
real = parallel.mp.get_context
parallel.mp.get_context = lambda method: forked.append(method) or real(method)
both = Ranker()._make_vectorizer()
Y = both.fit_transform(docs)
assert forked == ["fork"], forked
assert both.vocabulary_ == serial.vocabulary_ and both.labels_ == serial.labels_
assert both.analyzer.lexicon == serial.analyzer.lexicon and both.languages_ == serial.languages_
assert both.analyzer._token_cache == serial.analyzer._token_cache  # the child's half is cached here too
assert np.array_equal(X.indptr, Y.indptr) and np.array_equal(X.indices, Y.indices)
assert np.array_equal(X.data, Y.data) and np.array_equal(both.idf_, serial.idf_)
assert np.array_equal(both.transform(students).data, serial.transform(students).data)
print("same model")
"""


@pytest.mark.parametrize(("step", "seed"), [("MIN_ENTRIES", 4), ("MIN_DOCS", 6)])
def test_a_fit_on_two_processes_gives_the_same_model(step: str, seed: int) -> None:
    # In a fresh interpreter: the fit forks only from a single-threaded process, and a test run may have
    # threads left by earlier tests (parallel.halves would then rightly stay on one process).
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    got = subprocess.run([sys.executable, "-c", TWO_PROCESSES, str(root), step, str(seed)], capture_output=True,
                         text=True, timeout=120, cwd=root)
    assert got.returncode == 0, got.stderr[-3000:]
    assert got.stdout.strip() == "same model"
