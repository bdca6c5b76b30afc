"""Students tokenised in a forked child while the offers are fitted: the same rows, or no help at all."""

from __future__ import annotations

import numpy as np

from matchmaker.matching import Ranker, pretoken
from matchmaker.matching.documents import StudentDoc
from matchmaker.matching.fastvec import transform_many
from matchmaker.matching.fields import doc_text
from matchmaker.matching.language import UNDECIDED
from matchmaker.matching.text import tokenize

from .test_batch_persistence import _docs

ODD = [StudentDoc("a", about="Jag vill arbeta med barn och ungdomar i skolan", skills=("C++", "C#")),
       StudentDoc("b", about="", interests="", skills=()),
       StudentDoc("c", about="data", interests="I like the forest and the lakes, and I want to stay"),
       StudentDoc("d", about="Ωραία μέρα ﬁnance café")]


def test_pretokens_are_the_fields_tokens_and_the_texts_language_guess() -> None:
    r = Ranker().fit(_docs(30, 5)[0])
    an = r.analyzer_
    pre = pretoken.tokenised(ODD, an._stop_index)
    assert pre.fields[0][0] == "c++ c#" and pre.fields[1] == ("", "", "")
    for d, fields, g in zip(ODD, pre.fields, pre.guesses, strict=True):
        toks = [s.split(" ") if s else [] for s in fields]
        assert [t for ts in toks for t in ts] == tokenize(doc_text(d))
        assert g == an.guess_language(tokenize(doc_text(d)))
    assert pre.guesses[1] == UNDECIDED


def test_rows_from_pretokens_equal_rows_from_text() -> None:
    offers, students = _docs(80, 60)
    r = Ranker().fit(offers)
    docs = students + ODD
    pre = pretoken.tokenised(docs, r.analyzer_._stop_index)
    want = transform_many(r.vectorizer_, docs)
    got = transform_many(r.vectorizer_, docs, pre)
    assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
    assert np.array_equal(got.data, want.data)


def test_the_child_sends_what_tokenised_gives_and_small_batches_go_without(fresh_python) -> None:  # noqa: ANN001
    assert fresh_python("""
        from matchmaker.matching import pretoken
        from matchmaker.matching.language import StopIndex
        from matchmaker.matching.text import stop_lists
        from tests.matching.test_batch_persistence import _docs

        pretoken.MIN_STUDENTS = 10
        students = _docs(5, 40)[1]
        got = pretoken.start(students)()
        assert got == pretoken.tokenised(students, StopIndex(stop_lists())), got
        assert pretoken.start(students[:9])() is None
        print("ok")
        """).strip() == "ok"


def test_a_child_that_dies_leaves_the_batch_to_tokenise(fresh_python) -> None:  # noqa: ANN001
    assert fresh_python("""
        import os
        from matchmaker.matching import pretoken
        from tests.matching.test_batch_persistence import _docs

        pretoken.MIN_STUDENTS = 1
        pretoken._child = lambda conn, students: os._exit(3)
        assert pretoken.start(_docs(5, 4)[1])() is None
        print("ok")
        """).strip() == "ok"
