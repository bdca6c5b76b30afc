"""Fixtures for the matching engine tests: the Swedish test corpus and small hand-made documents."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from matchmaker.matching import OfferDoc, Ranker, StudentDoc
from matchmaker.matching.jsonio import _convert

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_python() -> Callable[[str], str]:
    """Run Python code in a new interpreter from the project root and return its output.

    The batch and pretoken.py fork worker processes only from a process without threads; earlier tests in
    this process may have started some (a web app's job queue), so code that must take the forking path
    runs here, asserting inside.
    """
    def run(code: str) -> str:
        proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                              text=True, timeout=300, check=False)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stdout

    return run


@pytest.fixture(scope="session")
def corpus() -> dict:
    """The invented Swedish corpus with offers, students and expected first hits."""
    raw = json.loads((DATA / "sv_corpus.json").read_text(encoding="utf-8"))
    return {
        "offers": [_convert(OfferDoc, o, "sv_corpus.json", i) for i, o in enumerate(raw["offers"], 1)],
        "students": {s["id"]: _convert(StudentDoc, s, "sv_corpus.json", i)
                     for i, s in enumerate(raw["students"], 1)},
        "cases": raw["cases"],
    }


@pytest.fixture(scope="session")
def fitted(corpus: dict) -> Ranker:
    """A ranker fitted on the corpus (treat as read-only)."""
    return Ranker().fit(corpus["offers"], list(corpus["students"].values()))


def offer(oid: str, text: str = "python utvecklare", **kw) -> OfferDoc:
    """A small offer; text goes to the description."""
    return OfferDoc(id=oid, title=kw.pop("title", ""), description=text, **kw)


def student(sid: str, text: str = "python utvecklare", **kw) -> StudentDoc:
    """A small student; text goes to 'about'."""
    return StudentDoc(id=sid, about=text, **kw)
