"""The fit's serial steps on two processes: half of the work in a forked child, half here.

A fit tokenises every field of the corpus and analyses every distinct (word type, language, n-grams)
once: on the 10 000-offer speed corpus about 0.9 and 1 s, the largest serial steps of `matchmaker match`
(the batch after them already runs on worker processes). Both split by item: a forked child does the
second half while this process does the first, and only the results travel back (pickled; a small part of
the work they stand for). The child is used only where forking is safe: a fork start method, a
single-threaded process (a lock another thread holds would stay locked in the child, see batch.py), and
enough items to pay for its start (about 30 ms).
"""

from __future__ import annotations

import multiprocessing as mp
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .text import Analyzer, Feature

T = TypeVar("T")
R = TypeVar("R")
Entry = tuple[str, str, "str | None", bool]  # word, surface, language, character n-grams
MIN_ENTRIES = 8000  # word types to analyse from which a second process pays for itself
MIN_DOCS = 4000  # documents to tokenise, likewise

_TASK: list = []  # (function, items) for the forked child, handed over by the fork itself


def halves(fn: Callable[[Sequence[T]], R], items: Sequence[T], min_items: int) -> list[R]:
    """[fn(items)], or [fn(first half), fn(second half)] with the second half computed in a forked child."""
    if len(items) < min_items or "fork" not in mp.get_all_start_methods() or threading.active_count() > 1:
        return [fn(items)]
    half = len(items) // 2
    _TASK[:] = [fn, items[half:]]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with BLAS threads: see batch.py
            pool = mp.get_context("fork").Pool(1)
        with pool:
            theirs = pool.apply_async(_run_task)
            mine = fn(items[:half])
            return [mine, theirs.get()]
    finally:
        _TASK.clear()


def _run_task() -> object:
    fn, items = _TASK
    return fn(items)


def analyse_all(an: Analyzer, entries: Sequence[Entry]) -> list[tuple[Feature, ...]]:
    """Analyzer._token_features of every entry, in order (the same tuples whichever process made them)."""
    parts = halves(lambda part: [an._token_features(*e) for e in part], entries, MIN_ENTRIES)
    return [feats for part in parts for feats in part]
