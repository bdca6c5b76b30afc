"""The batch path's fast vectoriser and vectorised skill coverage give exactly what the plain code gives."""

from __future__ import annotations

import random

import numpy as np

from matchmaker.matching import OfferDoc, Ranker, StudentDoc, fastvec, typevec
from matchmaker.matching import reasons as R
from matchmaker.matching.fastvec import transform_many, warm
from matchmaker.matching.selection import skill_cover

WORDS = ("python java sql vård sjuksköterska vårdcentraler ekonomi redovisning skog gis elkraft lia exjobb "
         "examensarbete systemutvecklare maskininlärning data analys human resources personal bygg betong "
         "och att det the and of developer c++ c# Umeå ÖSTERSUND").split()


def _docs(seed: int = 5) -> tuple[list[OfferDoc], list[StudentDoc]]:
    rng = random.Random(seed)
    offers = [OfferDoc(f"o{i}", title=" ".join(rng.choices(WORDS, k=2)) if i % 3 else "",
                       description=" ".join(rng.choices(WORDS, k=30)), skills=tuple(rng.sample(WORDS, 3)),
                       language="en" if i % 7 == 0 else None) for i in range(40)]
    students = [StudentDoc(f"s{i}", about=" ".join(rng.choices(WORDS, k=rng.randint(0, 40))),
                           interests=" ".join(rng.choices(WORDS, k=3)) if i % 2 else "",
                           skills=tuple(rng.sample(WORDS, 2)) if i % 3 else ()) for i in range(60)]
    # Unknown-language text (few stop words, long) and a student without any text.
    students.append(StudentDoc("polish", about="programista python praca zdalna " * 6))
    students.append(StudentDoc("empty"))
    # English running text: word bigrams (Analyzer.wants_bigrams).
    english = "the developer of the data team is in the software team and works with customers "
    students.append(StudentDoc("english", about=english * 3))
    return offers, students


def test_transform_many_equals_transform_bit_for_bit() -> None:
    offers, students = _docs()
    for params in ({}, {"max_terms": 5}, {"synonyms": False, "stop_words": False}):
        r = Ranker(**params).fit(offers, students[:10] + students[-1:])
        want = r.transform_students(students)
        names = r.vectorizer_.feature_names_
        english = want.indices[want.indptr[-2]:want.indptr[-1]]
        assert any(names[j].startswith("^") for j in english)  # the bigram path is exercised
        for _ in range(2):  # cold, then with the token table filled
            got = transform_many(r.vectorizer_, students)
            assert got.shape == want.shape
            assert np.array_equal(got.indptr, want.indptr)
            assert np.array_equal(got.indices, want.indices)
            assert np.array_equal(got.data, want.data)
        warm(r.vectorizer_)
        assert np.array_equal(transform_many(r.vectorizer_, students).data, want.data)


def test_skill_cover_equals_skill_bits() -> None:
    offers, students = _docs(9)
    r = Ranker().fit(offers)
    X = r.transform_students(students)
    rng = np.random.default_rng(0)
    rows, idx = rng.integers(0, len(students), 500), rng.integers(0, len(offers), 500)
    have, cover = skill_cover(r, X, rows, idx, students)
    names = r.vectorizer_.feature_names_
    for j, (row, o) in enumerate(zip(rows.tolist(), idx.tolist(), strict=True)):
        sk = r.offer_skills_[o]
        words = frozenset(names[i] for i in X.indices[X.indptr[row]:X.indptr[row + 1]])
        bits = R.skill_bits(sk, *R.student_skill_sets(r.analyzer_, students[row].skills, words)) if sk else 0
        assert have[j] == bits
        assert cover[j] == (bits.bit_count() / len(sk) if sk else 1.0)


def _table_rows(vec) -> dict:  # noqa: ANN001
    """(lang, word, chars) -> the (column, weight) pairs the token table holds for it."""
    t = fastvec._table(vec)
    ptr, feat, weight = t.arrays()
    return {(lang, word, chars): list(zip(feat[ptr[i]:ptr[i + 1]].tolist(), weight[ptr[i]:ptr[i + 1]].tolist(),
                                          strict=True))
            for (lang, syn, chars), ids in t.ids.items() if not syn for word, i in ids.items()}


def test_a_table_seeded_from_the_fit_equals_one_built_from_the_token_cache() -> None:
    offers, students = _docs()
    for params in ({}, {"synonyms": False, "stop_words": False}):
        r = Ranker(**params).fit(offers, students[:10] + students[-1:])
        vec = r.vectorizer_
        assert vec in typevec.FIT_ENTRIES
        warm(vec)  # seeded: the fit's entries, then nothing new from the cache
        assert vec not in typevec.FIT_ENTRIES  # used once, then dropped
        seeded = _table_rows(vec)
        fastvec._TABLES.pop(vec)
        warm(vec)  # no entries left: built from the analyzer's cache, feature by feature
        from_cache = _table_rows(vec)
        assert seeded == from_cache and len(seeded) == len(vec.analyzer._token_cache)
        fastvec._TABLES.pop(vec)
        typevec.FIT_ENTRIES[vec] = (dict(vec.vocabulary_), *range(6))  # another vocabulary: not used
        warm(vec)
        assert _table_rows(vec) == from_cache
        want = r.transform_students(students)
        got = transform_many(vec, students)
        assert np.array_equal(got.indices, want.indices) and np.array_equal(got.data, want.data)
