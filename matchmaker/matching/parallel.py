"""Analysing many word types at once on two processes (the fit's largest serial step).

A fit analyses every distinct (word type, language, n-grams) once: 35 000 entries and about a second on the
10 000-offer speed corpus, mostly cold-cache stemming and compound splitting. The entries are
independent, so a forked child analyses half of them while this process does the other half; only the
results travel back (pickled tuples of strings and floats, a tenth of the work they stand for).
The child is used only where forking is safe: a fork start method, a single-threaded process (a lock
another thread holds would stay locked in the child, see batch.py) and enough entries to pay for it.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .text import Analyzer, Feature

Entry = tuple[str, str, "str | None", bool]  # word, surface, language, character n-grams
MIN_PARALLEL = 8000  # entries from which a second process pays for its start (about 30 ms)

_ANALYZER: list = []  # the analyzer, handed to the forked child by the fork itself


def analyse_all(an: Analyzer, entries: Sequence[Entry]) -> list[tuple[Feature, ...]]:
    """Analyzer._token_features of every entry, in order (the same tuples whichever process made them)."""
    if len(entries) < MIN_PARALLEL or "fork" not in mp.get_all_start_methods() or threading.active_count() > 1:
        return [an._token_features(*e) for e in entries]
    half = len(entries) // 2
    _ANALYZER[:] = [an]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with BLAS threads: see batch.py
            pool = mp.get_context("fork").Pool(1)
        with pool:
            theirs = pool.apply_async(_analyse, (entries[half:],))
            mine = [an._token_features(*e) for e in entries[:half]]
            return mine + theirs.get()
    finally:
        _ANALYZER.clear()


def _analyse(entries: Sequence[Entry]) -> list[tuple[Feature, ...]]:
    an = _ANALYZER[0]
    return [an._token_features(*e) for e in entries]
