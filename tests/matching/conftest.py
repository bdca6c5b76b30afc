"""Fixtures for the matching engine tests: the Swedish test corpus and small hand-made documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matchmaker.matching import OfferDoc, Ranker, StudentDoc
from matchmaker.matching.jsonio import _convert

DATA = Path(__file__).parent / "data"


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
