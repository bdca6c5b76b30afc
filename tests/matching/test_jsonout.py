"""The command's JSON lines, written from the batch arrays, are the bytes json.dumps gives for the results."""

from __future__ import annotations

import json
from datetime import date

import pytest

from matchmaker.matching import OfferDoc, Ranker, StudentDoc
from matchmaker.matching.batch import top_k_jsonl

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
    got = "".join(top_k_jsonl(r, students, k=4, n_jobs=n_jobs, today=TODAY, chunk_size=7,
                              with_reasons=with_reasons))
    assert got == want
    assert 'SQL \\"databaser\\"' in got or not with_reasons  # labels are escaped as JSON strings
