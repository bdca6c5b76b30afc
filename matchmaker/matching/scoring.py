"""Hard filters, soft boosts and the offer-side fit, vectorised over offers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from .documents import OfferDoc, StudentDoc

# Boost sizes, as fractions added to the text score. Location boosts do not stack: the best one counts.
DEFAULT_BOOSTS: dict[str, float] = {
    "municipality": 0.15,  # offer in one of the student's municipalities
    "county": 0.08,  # offer in one of the student's counties
    "remote": 0.10,  # remote offer and the student accepts remote work
    "relocate": 0.05,  # offer elsewhere and the student is willing to move
    "contract": 0.05,  # employer has a Kompetenskontrakt
    "sparse": 0.10,  # sparsely populated municipality and the student opted in
    "kind": 0.20,  # offer of one of the student's preferred kinds (a preference orders, it does not hide)
}
KIND_MODES = ("boost", "filter")  # how a student's preferred kinds count (Ranker(kind_preference=...))
LOCATION = ("municipality", "county", "remote", "relocate")
# Offer-side fit: how much the program requirement and the share of the offer's skills covered add.
PROGRAM_WEIGHT = 0.2
COVERAGE_WEIGHT = 0.3


def member(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """values in sorted_keys, by binary search (np.isin would re-sort the keys on every call)."""
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    return sorted_keys[pos] == values


def max_boost(boosts: dict[str, float]) -> float:
    """Largest total boost possible, used to keep scores within [0, 1]."""
    return max(boosts[k] for k in LOCATION) + boosts["contract"] + boosts["sparse"] + boosts.get("kind", 0.0)


def harmonic(a: float, b: float) -> float:
    """Harmonic mean, 0 when both are 0."""
    return 2 * a * b / (a + b) if a + b > 0 else 0.0


class OfferTable:
    """Offer metadata as numpy arrays so filters and boosts cost microseconds per student."""

    _ARRAYS = ("kind", "muni", "county", "remote", "sparse", "contract", "static_open", "deadline",
               "open_to_all")

    def __init__(self, offers: Sequence[OfferDoc], codes: dict[str, int] | None = None) -> None:
        self.codes: dict[str, int] = codes if codes is not None else {"": 0}  # kinds, places, programs
        big = date.max.toordinal()
        self.kind = np.array([self._code(o.kind) for o in offers], dtype=np.int64)
        self.muni = np.array([self._code(o.municipality) for o in offers], dtype=np.int64)
        self.county = np.array([self._code(o.county) for o in offers], dtype=np.int64)
        self.remote = np.array([o.remote for o in offers], dtype=bool)
        self.sparse = np.array([o.sparse for o in offers], dtype=bool)
        self.contract = np.array([o.has_contract for o in offers], dtype=bool)
        self.static_open = np.array([o.status == "published" and (o.places_left is None or o.places_left > 0)
                                     for o in offers], dtype=bool)
        self.deadline = np.array([o.deadline.toordinal() if o.deadline else big for o in offers],
                                 dtype=np.int64)
        self.open_to_all = np.array([not o.programs for o in offers], dtype=bool)
        self.programs = [tuple(self._code(p) for p in o.programs) for o in offers]
        self._index_programs()

    def _index_programs(self) -> None:
        # (offer row, program code) pairs encoded as one sorted int64 key for binary search.
        keys = [i * (1 << 24) + c for i, cs in enumerate(self.programs) for c in cs]
        self.program_keys = np.array(sorted(keys), dtype=np.int64)
        self.n = len(self.programs)

    def take_and_extend(self, keep: Sequence[int], offers: Sequence[OfferDoc]) -> OfferTable:
        """A new table with rows `keep` of this one followed by `offers` (no pass over unchanged offers)."""
        new = OfferTable(offers, self.codes)
        keep_idx = np.asarray(keep, dtype=np.int64)
        out = OfferTable([], self.codes)
        for name in self._ARRAYS:
            setattr(out, name, np.concatenate([getattr(self, name)[keep_idx], getattr(new, name)]))
        out.programs = [self.programs[i] for i in keep_idx.tolist()] + new.programs
        out._index_programs()
        return out

    def _code(self, value: str | None) -> int:
        if not value:
            return 0
        key = value.strip().lower()
        c = self.codes.get(key)
        if c is None:
            c = self.codes[key] = len(self.codes)
        return c

    def code_of(self, value: str | None) -> int:
        """Code of a value, -1 when no offer uses it (so it matches nothing)."""
        if not value:
            return -1
        return self.codes.get(value.strip().lower(), -1)

    def students(self, students: Sequence[StudentDoc | None]) -> StudentArrays:
        """Encode students' preferences against this table's code book."""
        return StudentArrays(self, students)

    def filter_pairs(self, rows: np.ndarray, idx: np.ndarray, sa: StudentArrays, today: date,
                     kinds_hard: bool = False) -> np.ndarray:
        """Hard filters for (student, offer) row pairs: open, the offer's target programs and, only when
        kinds_hard (the old behaviour), the student's preferred kinds."""
        keep = self.static_open[idx] & (self.deadline[idx] >= today.toordinal())
        if kinds_hard:
            keep &= self.kind_pairs(rows, idx, sa)
        keep &= self.program_pairs(rows, idx, sa)
        return keep

    def allowed(self, sa: StudentArrays, today: date, kinds_hard: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The offers each student's hard filters let through, as (mask index per student, masks): the
        same rule as filter_pairs, one boolean row per distinct (program, kinds) among the students."""
        open_ = self.static_open & (self.deadline >= today.toordinal())
        offer_of = self.program_keys >> 24
        code_of = self.program_keys & ((1 << 24) - 1)
        kinds: list[tuple[int, ...]] = [()] * sa.n
        if kinds_hard:
            rows, codes = np.divmod(sa.kind_keys, sa.width)
            for r, c in zip(rows.tolist(), codes.tolist(), strict=True):
                kinds[r] += (c,)
        index: dict[tuple, int] = {}
        masks: list[np.ndarray] = []
        of_row = np.empty(sa.n, dtype=np.int64)
        for r, (present, prog, has_kinds) in enumerate(zip(sa.present.tolist(), sa.program.tolist(),
                                                          sa.has_kinds.tolist(), strict=True)):
            key = (prog if present else -1, kinds[r] if kinds_hard and has_kinds else None)
            i = index.get(key)
            if i is None:
                mask = open_.copy()
                if present:
                    ok = self.open_to_all.copy()
                    if prog > 0:
                        ok[offer_of[code_of == prog]] = True
                    mask &= ok
                if key[1] is not None:
                    mask &= np.isin(self.kind, np.array(key[1], dtype=np.int64))
                i = index[key] = len(masks)
                masks.append(mask)
            of_row[r] = i
        return of_row, (np.stack(masks) if masks else np.zeros((0, self.n), dtype=bool))

    def kind_pairs(self, rows: np.ndarray, idx: np.ndarray, sa: StudentArrays) -> np.ndarray:
        """True where the student names no kind or the offer is of one they prefer."""
        return ~sa.has_kinds[rows] | member(rows * sa.width + self.kind[idx], sa.kind_keys)

    def program_pairs(self, rows: np.ndarray, idx: np.ndarray, sa: StudentArrays) -> np.ndarray:
        """True where the offer is open to all programs or names the student's program."""
        ok = self.open_to_all[idx] | ~sa.present[rows]
        if self.program_keys.size:
            prog = sa.program[rows]
            ok |= (prog > 0) & member(idx * (1 << 24) + prog, self.program_keys)
        return ok

    def boost_pairs(self, rows: np.ndarray, idx: np.ndarray, sa: StudentArrays,
                    sizes: dict[str, float]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Total boost per pair and, per boost name, where it applied."""
        w = sa.width
        same_muni = member(rows * w + self.muni[idx], sa.muni_keys)
        same_county = member(rows * w + self.county[idx], sa.county_keys)
        remote = self.remote[idx] & sa.remote_ok[rows]
        relocate = (self.muni[idx] > 0) & ~same_muni & ~same_county & sa.relocate[rows]
        # Only the best location boost counts, so a remote offer in the home town is not counted twice.
        hits = {"municipality": same_muni, "county": same_county, "remote": remote, "relocate": relocate}
        loc = np.zeros(len(idx))
        for name, hit in hits.items():
            loc = np.where(hit, np.maximum(loc, sizes[name]), loc)
        applied = {name: hit & (loc == sizes[name]) & (loc > 0) for name, hit in hits.items()}
        applied["contract"] = self.contract[idx]
        applied["sparse"] = self.sparse[idx] & sa.prefers_sparse[rows]
        # Preferred kinds order the list; an offer of another kind is still shown, and says so.
        kind_ok = member(rows * w + self.kind[idx], sa.kind_keys)
        applied["kind"] = kind_ok
        applied["other_kind"] = sa.has_kinds[rows] & ~kind_ok
        total = (loc + sizes["contract"] * applied["contract"] + sizes["sparse"] * applied["sparse"]
                 + sizes.get("kind", 0.0) * kind_ok)
        return total, applied


class StudentArrays:
    """Students' preferences as arrays and pair keys, so a whole chunk is filtered in a few numpy calls."""

    def __init__(self, table: OfferTable, students: Sequence[StudentDoc | None]) -> None:
        self.width = w = len(table.codes) + 1
        n = len(students)
        self.present = np.array([s is not None for s in students], dtype=bool)
        real = [s if s is not None else StudentDoc(id="") for s in students]
        self.has_kinds = np.array([bool(s.kinds) for s in real], dtype=bool)
        self.kind_keys = self._keys(w, [[table.code_of(k) for k in s.kinds] for s in real])
        self.muni_keys = self._keys(w, [[table.code_of(m) for m in s.municipalities] for s in real])
        self.county_keys = self._keys(w, [[table.code_of(c) for c in s.counties] for s in real])
        self.program = np.array([max(table.code_of(s.program), 0) for s in real], dtype=np.int64)
        self.remote_ok = np.array([s.remote_ok for s in real], dtype=bool)
        self.relocate = np.array([s.relocate for s in real], dtype=bool)
        self.prefers_sparse = np.array([s.prefers_sparse for s in real], dtype=bool)
        self.has_munis = np.array([bool(s.municipalities) for s in real], dtype=bool)
        self.has_counties = np.array([bool(s.counties) for s in real], dtype=bool)
        self.n = n

    def best_boost(self, sizes: dict[str, float]) -> np.ndarray:
        """Largest total boost each student could get from any offer (bounds what a left-out offer scores)."""
        loc = np.zeros(self.n)
        for name, able in (("municipality", self.has_munis), ("county", self.has_counties),
                           ("remote", self.remote_ok), ("relocate", self.relocate)):
            loc = np.where(able, np.maximum(loc, sizes[name]), loc)
        return (loc + sizes["contract"] + sizes["sparse"] * self.prefers_sparse
                + sizes.get("kind", 0.0) * self.has_kinds)

    @staticmethod
    def _keys(width: int, codes: list[list[int]]) -> np.ndarray:
        # Codes of -1 (unknown to every offer) are dropped: they can match nothing.
        return np.array(sorted(r * width + c for r, cs in enumerate(codes) for c in cs if c > 0),
                        dtype=np.int64)


def offer_fit(text, program_ok, coverage):  # noqa: ANN001, ANN201 - floats or numpy arrays alike
    """Offer-side fit: text scaled by the offer's requirements (program, share of skills covered)."""
    return text * (1 + PROGRAM_WEIGHT * program_ok + COVERAGE_WEIGHT * coverage) / (
        1 + PROGRAM_WEIGHT + COVERAGE_WEIGHT)
