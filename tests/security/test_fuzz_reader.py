"""Property-based fuzzing of the matcher's JSONL file reader: any file either reads into documents or is refused
with an InputError naming the file (and line) - never another exception, never a crash."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaker.matching.jsonio import InputError, read_offers, read_qrels, read_students

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=50))
JSON = st.recursive(SCALARS, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids,
                                                                                       max_size=4), max_leaves=15)
KEYS = st.sampled_from(["id", "title", "description", "skills", "programs", "kinds", "municipality", "remote",
                        "deadline", "places_left", "about", "interests", "relocate", "student_id", "offer_id",
                        "grade", "language", "status", "county", "counties", "sparse", "has_contract"])
DOCS = st.dictionaries(KEYS, JSON, max_size=8).map(json.dumps)
HOSTILE_LINES = st.sampled_from([
    "", "   ", "{", "}", "[]", "null", "42", '"text"', "{'single': 'quotes'}", '{"id": 1, "title": "x"} trailing',
    # Deep nesting (RecursionError in json.loads) and huge integers (ValueError) must be InputErrors too.
    "[" * 3000 + "]" * 3000, '{"id": ' + "9" * 5000 + ', "title": "x"}',
    "[" * 200 + "]" * 200, '{"id": ' + "9" * 4000 + ', "title": "x"}', '{"id": 1e999, "title": "x"}',
    '{"id": "\\ud800", "title": "\\u0000"}', '{"id": true, "title": "x"}', '{"id": 1, "deadline": "2026-02-30"}',
    '{"id": 1, "title": "<script>alert(1)</script>", "skills": ["' + "a" * 1000 + '"]}',
    '{"id": 1, "title": "x", "places_left": 1.5}', '{"id": [], "title": "x"}', "\ufeff{}",
])
LINES = st.lists(st.one_of(DOCS, HOSTILE_LINES, st.text(max_size=80)), max_size=6)
READERS = st.sampled_from([read_offers, read_students, read_qrels])


def _write(tmp: Path, content: bytes) -> Path:
    path = tmp / "input.jsonl"
    path.write_bytes(content)
    return path


def _check(reader, path: Path) -> None:
    try:
        result = reader(path)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert result  # an accepted file has at least one entry


@SETTINGS
@given(reader=READERS, lines=LINES)
def test_reader_accepts_or_refuses_cleanly_any_lines(reader, lines) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = "\n".join(lines).encode("utf-8", "surrogatepass")
        _check(reader, _write(Path(tmp), content))


@SETTINGS
@given(reader=READERS, data=st.binary(max_size=2000))
def test_reader_refuses_binary_garbage_cleanly(reader, data) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _check(reader, _write(Path(tmp), data))


def test_reader_reads_a_good_file() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        good = b'{"id": 1, "title": "Exjobb", "skills": ["python"]}\n\n{"id": "b", "description": "x"}\n'
        path = _write(Path(tmp), good)
        assert [o.id for o in read_offers(path)] == ["1", "b"]
