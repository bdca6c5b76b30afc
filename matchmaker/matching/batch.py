"""Batch top-k for every student: chunked sparse top-n products, never a dense students x offers matrix."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .documents import ScoredPair, StudentDoc
from .fastvec import transform_many, warm
from .gcpause import paused_gc
from .jsonout import offer_lines
from .layout import Allowed, candidates, offer_layout
from .pretoken import Pretokens
from .selection import Explained, explain, materialize, select
from .splitkernel import warm_up

if TYPE_CHECKING:
    from .ranker import Ranker


def allowed_offers(ranker: Ranker, sa, today: date, apply_filters: bool) -> Allowed | None:  # noqa: ANN001
    """The hard filters as offer masks for the candidate product (None: no filters)."""
    if not apply_filters:
        return None
    return ranker.table_.allowed(sa, today, ranker.kind_preference == "filter")


def mth_scores(C: sp.csr_matrix, m: int) -> np.ndarray:
    """Per row, the lowest fetched score when the row holds m scores, else 0."""
    counts = np.diff(C.indptr)
    out = np.zeros(C.shape[0])
    nonempty = np.flatnonzero(counts > 0)
    if len(nonempty):
        # Empty rows have no data, so the segments between non-empty rows' starts are exactly their rows.
        mins = np.zeros(C.shape[0])
        mins[nonempty] = np.minimum.reduceat(C.data, C.indptr[:-1][nonempty])
        full = counts >= m
        out[full] = mins[full]
    return out


def _concat(parts: list[Explained]) -> Explained:
    """Concatenate Explained arrays (term pointers are offset), then order pairs by row, stably."""
    if len(parts) == 1:
        return parts[0]
    ptrs, offset = [np.zeros(1, dtype=np.int64)], 0
    for p in parts:
        ptrs.append(p.term_ptr[1:] + offset)
        offset += int(p.term_ptr[-1])
    row = np.concatenate([p.row for p in parts])
    order = np.argsort(row, kind="stable")
    ptr = np.concatenate(ptrs)
    # Re-gather term slices in the new pair order.
    lengths = np.diff(ptr)[order]
    starts = ptr[:-1][order]
    gather = (np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
              + np.arange(int(lengths.sum())))
    labels = np.concatenate([p.term_label for p in parts])[gather]
    weights = np.concatenate([p.term_weight for p in parts])[gather]
    cat = {f: np.concatenate([getattr(p, f) for p in parts])[order]
           for f in ("row", "offer", "text", "fit", "offer_fit", "have", "boosts")}
    return Explained(term_ptr=np.concatenate([[0], np.cumsum(lengths)]), term_label=labels,
                     term_weight=weights, **cat)


def rank_rows(ranker: Ranker, students: Sequence[StudentDoc], X: sp.csr_matrix, C: sp.csr_matrix, k: int,
              m: int, with_reasons: bool, today: date, apply_filters: bool, threshold: float = 0.0,
              sa=None, allowed: Allowed | None = None) -> Explained:  # noqa: ANN001
    """Rank the candidates in C; rows where a left-out offer could still win are redone with a larger m.

    C holds, per row, the best m scores above `threshold` (among the allowed offers when C was fetched
    with `allowed`): a left-out offer scores at most the lowest fetched score (full rows) or the
    threshold (other rows).
    """
    sa = ranker.table_.students(students) if sa is None else sa
    counts = np.diff(C.indptr)
    rows = np.repeat(np.arange(C.shape[0]), counts)
    floor = np.full(C.shape[0], threshold if threshold > 0 else -1.0)
    if m < C.shape[1]:
        mth = mth_scores(C, m)
        full = counts >= m
        floor[full] = mth[full]
    sel = select(ranker, rows, C.indices.astype(np.int64), C.data.astype(np.float64), C.shape[0], sa, k,
                 floor, today, apply_filters)
    ex = explain(ranker, X, sel, students, sa, with_reasons)
    redo = np.flatnonzero(sel.redo)
    if not len(redo):
        return ex
    # Filters removed too many candidates for these students: fetch more, up to every offer.
    m2 = min(m * 8, C.shape[1])
    Xr = X[redo]
    sub_allowed = None if allowed is None else (allowed[0][redo], allowed[1])
    sub = rank_rows(ranker, [students[r] for r in redo], Xr, candidates(ranker, Xr, m2, 0.0, sub_allowed), k, m2,
                    with_reasons, today, apply_filters, allowed=sub_allowed)
    sub.row = redo[sub.row]
    keep = ~np.isin(ex.row, redo)
    kept = Explained(ex.row[keep], ex.offer[keep], ex.text[keep], ex.fit[keep], ex.offer_fit[keep],
                     *_subset_terms(ex, keep), ex.have[keep], ex.boosts[keep])
    return _concat([kept, sub])


def _subset_terms(ex: Explained, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lengths = np.diff(ex.term_ptr)
    mask = np.repeat(keep, lengths)
    return (np.concatenate([[0], np.cumsum(lengths[keep])]), ex.term_label[mask], ex.term_weight[mask])


def _build(ranker: Ranker, ids: list[str], ex: Explained, with_reasons: bool, cache: dict, freeze: bool
           ) -> list[list[ScoredPair]]:
    """materialize() with the cyclic garbage collector paused: the millions of small, acyclic result
    objects would otherwise trigger full collections that scan the whole fitted model again and again.

    freeze: move every tracked object, these results included, to the collector's permanent generation,
    so later collections do not scan them either (they are still freed as soon as the caller drops them;
    top_k_all unfreezes at the end).
    """
    with paused_gc():
        out = materialize(ranker, ids, ex, with_reasons, cache)
        if freeze:
            gc.freeze()
        return out


def rank_chunk(ranker: Ranker, students: Sequence[StudentDoc], k: int, m: int, with_reasons: bool,
               today: date, apply_filters: bool, tune: dict | None = None, pre: Pretokens | None = None
               ) -> Explained:
    """Vectorise a chunk of students, fetch candidates and rank them.

    tune["threshold"]: a score most rows' m-th candidate exceeds, learnt from the previous chunk. It only
    spares the candidate product collecting hopeless offers; results stay exact (rows it cuts short get the
    threshold as their floor and are redone when it matters).
    """
    tune = {} if tune is None else tune
    X = transform_many(ranker.vectorizer_, students, pre)
    threshold = tune.get("threshold", 0.0)
    sa = ranker.table_.students(students)
    allowed = allowed_offers(ranker, sa, today, apply_filters)
    C = candidates(ranker, X, m, threshold, allowed)
    if C.shape[0] >= 100 and m < C.shape[1]:
        # A row cut short by the threshold has its m-th score below it: counted at the threshold, not at 0
        # (which made every other chunk run without one). Many rows cut: too high, relearnt without one.
        cut = np.diff(C.indptr) < m
        tune["threshold"] = (0.0 if cut.mean() > 0.05 else
                             0.98 * float(np.quantile(np.maximum(mth_scores(C, m), threshold), 0.01)))
    return rank_rows(ranker, students, X, C, k, m, with_reasons, today, apply_filters, threshold, sa, allowed)


# Per-worker state. With the fork start method the initializer's arguments reach the child through the
# fork itself (copy-on-write), so the fitted ranker and the students are never pickled.
_WORKER: dict = {}


def _init_worker(state: dict) -> None:
    _WORKER.update(state)


def _work(bounds: tuple[int, int]) -> Explained | bytes | str:
    w = _WORKER
    chunk = w["students"][bounds[0]:bounds[1]]
    ex = rank_chunk(w["ranker"], chunk, w["k"], w["m"], w["with_reasons"], w["today"], w["apply_filters"],
                    w.setdefault("tune", {}), _part(w["pre"], *bounds))
    if not w["jsonl"]:
        return ex
    # Encoded here, in parallel: a str would be encoded to pickle it, decoded by the main process and
    # encoded again to write it (0.3 s of the main process's CPU for the 120 MB of the speed corpus).
    data = offer_lines(w["ranker"], [s.id for s in chunk], ex, w["with_reasons"], w.setdefault("out", {})).encode()
    if w["spill"] is None:
        return data
    # Or written to a part file: no pipe, no pickling, and the main process appends it inside the kernel.
    path = os.path.join(w["spill"], f"{bounds[0]}.part")
    with open(path, "wb") as f:
        f.write(data)
    return path


def _part(pre: Pretokens | None, a: int, b: int) -> Pretokens | None:
    return None if pre is None else Pretokens(pre.fields[a:b], pre.guesses[a:b])


def top_k_jsonl(ranker: Ranker, students: Sequence[StudentDoc], *, k: int = 10, n_jobs: int = 2,
                with_reasons: bool = True, today: date | None = None, apply_filters: bool = True,
                chunk_size: int = 2000, spill_dir: str | None = None,
                pretokens: Callable[[], Pretokens | None] | None = None) -> Iterator[bytes | str]:
    """top_k_all as JSON lines in UTF-8, a chunk of students at a time (the command line's output, jsonout.py).

    spill_dir: worker processes write their chunks to files there and the files' paths are yielded instead
    (jsonio.append_parts writes either to a file). pretokens: pretoken.start(students, ...)'s result.
    """
    with _freezing() as freeze:
        yield from _run(ranker, students, k, n_jobs, with_reasons, today, apply_filters, chunk_size, None,
                        freeze, True, spill_dir, pretokens)


def top_k_all(ranker: Ranker, students: Sequence[StudentDoc], *, k: int = 10, n_jobs: int = 2,
              with_reasons: bool = True, today: date | None = None, apply_filters: bool = True,
              chunk_size: int = 2000, progress: Callable[[int, int], None] | None = None
              ) -> Iterator[tuple[str, list[ScoredPair]]]:
    """Yield (student_id, top-k matches) for every student, in input order."""
    with _freezing() as freeze:
        for part in _run(ranker, students, k, n_jobs, with_reasons, today, apply_filters, chunk_size,
                         progress, freeze, False):
            yield from part


@contextmanager
def _freezing() -> Iterator[bool]:
    """Whether a batch may gc.freeze(), unfreezing when it ends.

    Freezing keeps the garbage collector off the fitted model (so forked workers do not copy its pages) and
    off the results (see _build); only done when nothing else in this process uses gc.freeze(), since
    unfreezing at the end undoes all freezes."""
    freeze = gc.get_freeze_count() == 0
    try:
        yield freeze
    finally:
        if freeze:
            gc.unfreeze()


def _run(ranker: Ranker, students: Sequence[StudentDoc], k: int, n_jobs: int, with_reasons: bool,
         today: date | None, apply_filters: bool, chunk_size: int, progress: Callable[[int, int], None] | None,
         freeze: bool, jsonl: bool, spill: str | None = None,
         pretokens: Callable[[], Pretokens | None] | None = None) -> Iterator:
    """Per chunk of students, in input order: (id, matches) pairs, or their JSON lines when jsonl."""
    today = today or date.today()
    total = len(students)
    # Over-fetch by text so filters and boosts can reorder; exactness is checked per student.
    m = max(k * ranker.overfetch, k + 20)
    chunks = [(a, min(a + chunk_size, total)) for a in range(0, total, chunk_size)]
    n_jobs = max(1, min(n_jobs, os.cpu_count() or 1, len(chunks)))
    warm(ranker.vectorizer_)  # token table shared with forked workers
    warm_up()  # compiled kernels, likewise
    offer_layout(ranker)  # the offers in filter order with their dense rows, likewise
    pre = pretokens() if pretokens is not None else None  # the students' tokens, likewise
    cache: dict = {}  # reason templates per (offer, bits), shared by all chunks
    tune: dict = {}
    # fork() copies only the calling thread: a lock another thread held at that moment (logging, a
    # connection pool, the allocator) stays locked forever in the child. So worker processes are used
    # only from a single-threaded process (an RQ work-horse, the CLI); inside a threaded web server or
    # the demo's in-process queue the batch runs here, on one core.
    if n_jobs == 1 or "fork" not in mp.get_all_start_methods() or threading.active_count() > 1:
        for a, b in chunks:
            ex = rank_chunk(ranker, students[a:b], k, m, with_reasons, today, apply_filters, tune, _part(pre, a, b))
            ids = [s.id for s in students[a:b]]
            yield (offer_lines(ranker, ids, ex, with_reasons, cache).encode() if jsonl
                   else zip(ids, _build(ranker, ids, ex, with_reasons, cache, freeze), strict=True))
            if progress is not None:
                progress(b, total)
        return
    # Worker processes each take whole chunks (vectorise, multiply, filter, explain) and send back
    # compact arrays; this process only builds the result objects. At most 2 chunks per worker are in
    # flight, which bounds memory however many students there are.
    state = {"ranker": ranker, "students": students, "k": k, "m": m, "with_reasons": with_reasons,
             "today": today, "apply_filters": apply_filters, "jsonl": jsonl, "spill": spill, "pre": pre}
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a process with threads (BLAS pools); the workers start
        # no threads of their own and only run numpy/scipy code, so the warning does not apply.
        warnings.simplefilter("ignore", DeprecationWarning)
        # Frozen objects are never scanned by the workers' garbage collector, so the fitted model's pages
        # stay shared with this process instead of being copied into each worker.
        if freeze:
            gc.freeze()
        pool = mp.get_context("fork").Pool(n_jobs, initializer=_init_worker, initargs=(state,))
    with pool:
        pending: deque = deque()
        todo = iter(chunks)
        for bounds in todo:
            pending.append((bounds, pool.apply_async(_work, (bounds,))))
            if len(pending) >= 2 * n_jobs:
                break
        while pending:
            (a, b), result = pending.popleft()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.apply_async(_work, (nxt,))))
            if jsonl:
                yield result.get()
            else:
                ids = [s.id for s in students[a:b]]
                yield zip(ids, _build(ranker, ids, result.get(), with_reasons, cache, freeze), strict=True)
            if progress is not None:
                progress(b, total)
