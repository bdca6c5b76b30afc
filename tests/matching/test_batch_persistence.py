"""Batch top-k equals single ranking; saved state loads back identically; format versions are checked."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from matchmaker.matching import FORMAT_VERSION, OfferDoc, Ranker, StudentDoc, UnsupportedFormatError
from matchmaker.matching.batch import candidates

WORDS = ("python java sql vård sjuksköterska vårdcentral ekonomi redovisning skog gis elkraft lia exjobb "
         "systemutvecklare maskininlärning data analys rekrytering personal bygg betong el styrsystem").split()
KINDS = ("job", "internship", "degree_project")
TODAY = date(2026, 3, 1)


def _docs(n_offers: int, n_students: int, seed: int = 3) -> tuple[list[OfferDoc], list[StudentDoc]]:
    rng = random.Random(seed)
    offers = [OfferDoc(f"o{i:03d}", title=rng.choice(WORDS), description=" ".join(rng.choices(WORDS, k=12)),
                       kind=rng.choice(KINDS), skills=tuple(rng.sample(WORDS, 2)),
                       programs=("data",) if i % 5 == 0 else (), municipality=rng.choice(["Umeå", "Luleå"]),
                       has_contract=i % 4 == 0, status="draft" if i % 17 == 0 else "published")
              for i in range(n_offers)]
    students = [StudentDoc(f"s{i:03d}", about=" ".join(rng.choices(WORDS, k=8)),
                           skills=tuple(rng.sample(WORDS, 2)), program=rng.choice(["data", "ekonomi"]),
                           kinds=(rng.choice(KINDS),) if i % 2 else (), municipalities=("Umeå",))
                for i in range(n_students)]
    return offers, students


def _key(ms: list) -> list[tuple]:
    # float32 products may differ in the last bits between the batch and single paths.
    return [(m.offer_id, pytest.approx(m.score, abs=1e-5), pytest.approx(m.reciprocal, abs=1e-5),
             [(r.kind, r.label) for r in m.reasons]) for m in ms]


@pytest.mark.parametrize(("n_jobs", "kinds"), [(1, "boost"), (2, "boost"), (1, "filter")])
def test_batch_equals_single_student_ranking(n_jobs: int, kinds: str) -> None:
    offers, students = _docs(120, 50)
    # overfetch=1 forces the widening path for students whose filters drop most candidates; with kinds as
    # a filter the candidate product's offer masks hold (program, kinds) combinations.
    r = Ranker(overfetch=1, kind_preference=kinds).fit(offers, students)
    seen = []
    batch = dict(r.top_k_all(students, k=5, n_jobs=n_jobs, today=TODAY, chunk_size=16,
                             progress=lambda done, total: seen.append((done, total))))
    assert list(batch) == [s.id for s in students]
    assert seen[-1] == (50, 50) and len(seen) == 4
    for s in students:
        assert _key(batch[s.id]) == _key(r.rank_offers(s, k=5, today=TODAY)), s.id


def test_batch_without_reasons_and_without_filters() -> None:
    offers, students = _docs(40, 10)
    r = Ranker().fit(offers)
    plain = dict(r.top_k_all(students, k=3, n_jobs=1, with_reasons=False, apply_filters=False))
    assert all(m.reasons == [] for ms in plain.values() for m in ms)
    s = students[1]
    assert [m.offer_id for m in plain[s.id]] == [m.offer_id for m in r.rank_offers(s, k=3, apply_filters=False)]


def test_candidates_are_sparse_top_m_not_dense() -> None:
    offers, students = _docs(60, 20)
    r = Ranker().fit(offers)
    X = r.transform_students(students)
    C = candidates(r, X, 7)
    assert C.shape == (20, 60) and C.format == "csr"
    assert np.diff(C.indptr).max() <= 7
    dense = (X @ r.offer_matrix_.T).toarray()
    for row in range(20):
        got = np.sort(C.data[C.indptr[row]:C.indptr[row + 1]])[::-1]
        want = np.sort(dense[row])[::-1][:len(got)]
        assert np.allclose(got, want, atol=1e-6)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    offers, students = _docs(30, 6)
    r = Ranker(title_weight=2.5, boosts={"contract": 0.1}).fit(offers, students)
    path = tmp_path / "ranker.npz"
    r.save(path)
    loaded = Ranker.load(path)
    assert loaded.get_params() == r.get_params()
    for s in students:
        assert _key(loaded.rank_offers(s, k=5, today=TODAY)) == _key(r.rank_offers(s, k=5, today=TODAY))
    # A loaded ranker still takes new offers on the fitted vocabulary.
    loaded.upsert_offers([OfferDoc("new", description="sjuksköterska vårdcentral", deadline=date(2026, 5, 1))])
    assert "new" in {m.offer_id for m in loaded.rank_offers(None, query="sjuksköterskor", k=50, today=TODAY)}
    assert not list(tmp_path.glob(".*tmp"))


def _rewrite_header(path: Path, change: dict) -> None:
    npz = dict(np.load(path))
    header = json.loads(npz["header"].tobytes())
    header.update(change)
    npz["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    np.savez(path, **npz)


def test_unknown_format_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.npz"
    Ranker().fit(_docs(5, 0)[0]).save(path)
    _rewrite_header(path, {"version": FORMAT_VERSION + 1})
    with pytest.raises(UnsupportedFormatError, match=f"version {FORMAT_VERSION + 1} is not supported"):
        Ranker.load(path)


def test_other_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(UnsupportedFormatError, match="not a saved matching Ranker"):
        Ranker.load(junk)
    other = tmp_path / "other.npz"
    np.savez(other, header=np.frombuffer(b'{"format": "x", "version": 1}', dtype=np.uint8))
    with pytest.raises(UnsupportedFormatError, match="not a saved matching Ranker"):
        Ranker.load(other)
