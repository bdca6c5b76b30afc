"""The command's JSON lines, written from the batch arrays, are the bytes json.dumps gives for the results."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from matchmaker.matching import OfferDoc, Ranker, StudentDoc
from matchmaker.matching.batch import top_k_jsonl
from matchmaker.matching.jsonout import _weights

TODAY = date(2026, 3, 1)


def _docs() -> tuple[list[OfferDoc], list[StudentDoc]]:
    offers = [OfferDoc(f'o"{i}', title=f"Systemutvecklare {i % 4} \"citat\" å", kind=("job", "internship")[i % 2],
                       description="python sql vård elkraft exjobb " * (1 + i % 3),
                       skills=("Python", 'SQL "databaser"', "Ärendehantering")[: 1 + i % 3],
                       municipality=("Umeå", "Luleå")[i % 2], programs=("data",) if i % 5 == 0 else (),
                       has_contract=i % 3 == 0) for i in range(40)]
    students = [StudentDoc(f"s{i}", about="python och sql, vård i Umeå " * (1 + i % 2), skills=("python",),
                           program="data" if i % 2 else "ekonomi", kinds=("job",) if i % 3 else (),
                           municipalities=("Umeå",)) for i in range(25)]
    return offers, students


@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize("with_reasons", [True, False])
def test_lines_equal_json_dumps_of_the_results(n_jobs: int, with_reasons: bool) -> None:
    offers, students = _docs()
    r = Ranker().fit(offers)
    want = "".join(json.dumps({"student_id": sid, "matches": [
        {"offer_id": m.offer_id, "score": round(m.score, 6), "reasons": [x.to_dict() for x in m.reasons]}
        for m in ms]}, ensure_ascii=False) + "\n"
        for sid, ms in r.top_k_all(students, k=4, n_jobs=n_jobs, today=TODAY, chunk_size=7,
                                   with_reasons=with_reasons))
    got = b"".join(top_k_jsonl(r, students, k=4, n_jobs=n_jobs, today=TODAY, chunk_size=7,
                               with_reasons=with_reasons)).decode()
    assert got == want
    assert 'SQL \\"databaser\\"' in got or not with_reasons  # labels are escaped as JSON strings


def test_term_weights_are_written_as_json_dumps_writes_their_rounding() -> None:
    # Random float32 weights, exact halves at the fourth decimal (k/32: 0.03125 rounds to 0.0312, half to
    # even) and the ends; weights outside [0, 1] take the general path.
    rng = np.random.default_rng(4)
    weights = np.concatenate([rng.random(200_000), np.arange(33) / 32, [0.0, 1.0, 0.99995, 0.00005]])
    for w in (weights.astype(np.float32), np.array([1.5, 0.25, 2.00004], dtype=np.float32)):
        assert _weights(w) == [f"{json.dumps(round(x, 4))}}}" for x in w.tolist()]
    assert _weights(np.zeros(0, dtype=np.float32)) == []
