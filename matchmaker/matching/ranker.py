"""The Ranker estimator: fit on offers, rank offers for a student and students for an offer."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from . import reasons as R
from .documents import OfferDoc, ScoredPair, StudentDoc
from .gcpause import paused_gc
from .kernel import int32_indices as _int32
from .pairterms import pair_terms
from .params import Params
from .scoring import DEFAULT_BOOSTS, KIND_MODES, OfferTable, harmonic, max_boost, offer_fit
from .selection import BOOST_ORDER, explain, materialize, select
from .text import Analyzer, TextConfig
from .vectorize import FieldVectorizer


class Ranker(Params):
    """Bilingual TF-IDF matcher with filters, boosts, reciprocal scores and reasons (sklearn contract)."""

    def __init__(self, *, title_weight: float = 2.0, skill_weight: float = 2.0, interest_weight: float = 1.5,
                 lead_words: int = 12, stop_words: bool = True, stemming: bool = True, synonyms: bool = True,
                 synonyms_path: str | None = None, decompound: bool = True, prefix_len: int = 5,
                 max_df: float = 0.5, max_terms: int | None = None, boosts: dict[str, float] | None = None,
                 n_terms: int = 3, overfetch: int = 4, default_language: str = "sv", char_ngrams: bool = True,
                 char_weight: float = 0.65, kind_preference: str = "boost", char_max_df: float = 0.05) -> None:
        self.title_weight, self.skill_weight, self.interest_weight = title_weight, skill_weight, interest_weight
        self.lead_words = lead_words
        self.stop_words = stop_words
        self.stemming = stemming
        self.synonyms = synonyms
        self.synonyms_path = synonyms_path
        self.decompound = decompound
        self.prefix_len = prefix_len
        self.max_df = max_df
        self.max_terms = max_terms
        self.boosts = boosts
        self.n_terms = n_terms
        self.overfetch = overfetch
        self.default_language = default_language
        self.char_ngrams, self.char_weight, self.char_max_df = char_ngrams, char_weight, char_max_df
        # "boost": a student's preferred kinds order offers (issue 12); "filter": they hide other kinds.
        self.kind_preference = kind_preference

    # -- fitting --------------------------------------------------------------------------------------
    def _make_vectorizer(self) -> FieldVectorizer:
        cfg = TextConfig(stop_words=self.stop_words, stemming=self.stemming, synonyms=self.synonyms,
                         decompound=self.decompound, prefix_len=self.prefix_len,
                         synonyms_path=self.synonyms_path, char_ngrams=self.char_ngrams)
        weights = {"title": self.title_weight, "skills": self.skill_weight, "interests": self.interest_weight}
        return FieldVectorizer(Analyzer(cfg, self.default_language), weights, self.lead_words,
                               self.max_df, self.max_terms, char_weight=self.char_weight,
                               char_max_df=self.char_max_df)

    def fit(self, offers: Iterable[OfferDoc], students: Iterable[StudentDoc] = ()) -> Ranker:
        """Learn vocabulary, IDF and compound lexicon from offers (and student texts if given)."""
        offers = list(offers)
        if len({o.id for o in offers}) != len(offers):
            raise ValueError("offer ids must be unique")
        if self.kind_preference not in KIND_MODES:
            raise ValueError(f"kind_preference must be one of {KIND_MODES}, got {self.kind_preference!r}")
        self.boosts_ = {**DEFAULT_BOOSTS, **(self.boosts or {})}
        self.vectorizer_ = self._make_vectorizer()
        with paused_gc():
            matrix = self.vectorizer_.fit_transform(offers + list(students))
        self._set_offers(offers, matrix[:len(offers)])
        return self

    @property
    def analyzer_(self) -> Analyzer:
        """The fitted text analyzer."""
        return self.vectorizer_.analyzer

    def _set_offers(self, offers: list[OfferDoc], matrix: sp.csr_matrix, table: OfferTable | None = None,
                    skills: list | None = None) -> None:
        self.offers_ = offers
        self.offer_matrix_ = _int32(sp.csr_matrix(matrix, dtype=np.float32))
        self.offer_ids_ = [o.id for o in offers]
        self.offer_pos_ = {oid: i for i, oid in enumerate(self.offer_ids_)}
        # Rank of each id in sorted order: ties in score are broken by id with one integer sort key.
        order = np.argsort(np.array(self.offer_ids_, dtype=object), kind="stable") if offers else []
        self.id_rank_ = np.empty(len(offers), dtype=np.int64)
        self.id_rank_[order] = np.arange(len(offers))
        self.table_ = table if table is not None else OfferTable(offers)
        # Terms x offers in CSR: one student's product then only touches the postings of its own terms.
        self.offer_t_ = _int32(self.offer_matrix_.T.tocsr())
        self.offer_skills_ = skills if skills is not None else [R.skill_keys(self.analyzer_, o.skills)
                                                                for o in offers]

    def upsert_offers(self, offers: Iterable[OfferDoc]) -> Ranker:
        """Add or replace offers using the fitted vocabulary and IDF (no refit, no pass over other offers)."""
        new = {o.id: o for o in offers}
        if not new:
            return self
        docs_new = list(new.values())
        rows = self.vectorizer_.transform(docs_new)
        keep = [i for i, oid in enumerate(self.offer_ids_) if oid not in new]
        self._set_offers([self.offers_[i] for i in keep] + docs_new,
                         sp.vstack([self.offer_matrix_[keep], rows], format="csr"),
                         self.table_.take_and_extend(keep, docs_new),
                         [self.offer_skills_[i] for i in keep] + [R.skill_keys(self.analyzer_, o.skills)
                                                                  for o in docs_new])
        return self

    def remove_offers(self, ids: Iterable[str]) -> Ranker:
        """Drop offers by id (unknown ids are ignored)."""
        drop = set(ids)
        keep = [i for i, oid in enumerate(self.offer_ids_) if oid not in drop]
        if len(keep) != len(self.offer_ids_):
            self._set_offers([self.offers_[i] for i in keep], self.offer_matrix_[keep],
                             self.table_.take_and_extend(keep, []), [self.offer_skills_[i] for i in keep])
        return self

    # -- vectors --------------------------------------------------------------------------------------
    def transform_students(self, students: Sequence[StudentDoc]) -> sp.csr_matrix:
        """Student vectors in the fitted space."""
        return self.vectorizer_.transform(students)

    def _query_vector(self, student: StudentDoc | None, query: str) -> sp.csr_matrix | None:
        parts = []
        if student is not None:
            parts.append(self.vectorizer_.transform([student]))
        if query.strip():
            parts.append(self.vectorizer_.transform([StudentDoc(id="", about=query)]))
        if not parts:
            return None
        v = parts[0] if len(parts) == 1 else parts[0] + parts[1]
        norm = np.sqrt(v.multiply(v).sum())
        return sp.csr_matrix(v / norm if norm > 0 else v, dtype=np.float32)

    # -- ranking --------------------------------------------------------------------------------------
    def _top(self, idx: np.ndarray, scores: np.ndarray, k: int, rank: np.ndarray) -> np.ndarray:
        """Positions of the k best scores, ties broken by id; deterministic."""
        if len(idx) > k:
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            sel = np.flatnonzero(scores >= kth)
        else:
            sel = np.arange(len(idx))
        order = np.lexsort((rank[sel], -scores[sel]))
        return sel[order[:k]]

    def suggest(self, query: str) -> str | None:
        """'Did you mean': the query with unknown words replaced by the closest corpus words, or None."""
        from .suggest import suggest

        return suggest(self, query)

    def concept_label(self, label: str, language: str | None) -> str:
        """A reason's label in the user's language where the synonym file names the concept (en:teacher)."""
        if not language:
            return label
        return self.analyzer_.concepts.get(label, {}).get(language, label)

    def _localise(self, matches: list[ScoredPair], language: str | None) -> list[ScoredPair]:
        """Term reasons in the user's language, each concept once (the first, largest weight, wins)."""
        return R.localise(matches, self.analyzer_.concepts, language)

    def rank_offers(self, student: StudentDoc | None, *, query: str = "", k: int = 10,
                    today: date | None = None, candidates: Collection[str] | None = None,
                    apply_filters: bool = True, language: str | None = None) -> list[ScoredPair]:
        """Best offers for a student profile and/or a free-text query, best first.

        language: the user's ('sv', 'en'): term reasons name concepts the synonym file knows in it."""
        x = self._query_vector(student, query)
        if x is None or k <= 0:
            return []
        sa = self.table_.students([student])
        today = today or date.today()
        if candidates is not None:
            idx = np.array(sorted({self.offer_pos_[c] for c in candidates if c in self.offer_pos_}),
                           dtype=np.int64)
            text = (self.offer_matrix_[idx] @ x.T).toarray().ravel().astype(np.float64)
            keep = text > 0
            sel = select(self, np.zeros(int(keep.sum()), dtype=np.int64), idx[keep], text[keep], 1, sa, k,
                         np.array([-1.0]), today, apply_filters)
        else:
            # One sparse row times the terms x offers matrix touches only this student's postings.
            text = (x @ self.offer_t_).toarray().ravel().astype(np.float64)
            nz = np.flatnonzero(text > 0)
            m = max(k * self.overfetch, k + 20)
            while True:
                # Filters and boosts are scored on the best m by text only; widen when a left-out offer
                # could still win after boosts.
                if m >= len(nz):
                    idx, floor = nz, -1.0
                else:
                    idx = nz[np.argpartition(-text[nz], m - 1)[:m]]
                    floor = float(text[idx].min())
                sel = select(self, np.zeros(len(idx), dtype=np.int64), idx, text[idx], 1, sa, k,
                             np.array([floor]), today, apply_filters)
                if not sel.redo[0]:
                    break
                m *= 4
        ex = explain(self, x, sel, [student], sa, True)
        return self._localise(materialize(self, [student.id if student is not None else ""], ex, True)[0],
                              language)

    def rank_students(self, offer: OfferDoc, students: Sequence[StudentDoc], *, k: int = 10,
                      apply_filters: bool = True, student_matrix: sp.csr_matrix | None = None) -> list[ScoredPair]:
        """Best students for an offer (ranked by offer-side fit), best first.

        student_matrix: transform_students(students), when ranking many offers against the same students.
        """
        if not students or k <= 0:
            return []
        y = self.vectorizer_.transform([offer])
        X = self.transform_students(students) if student_matrix is None else student_matrix
        text_all = (X @ y.T).toarray().ravel()
        nz = np.flatnonzero(text_all > 0)
        m = max(k * self.overfetch, k + 20)
        while True:
            # Offer-side fit never exceeds text: students below the m-th text score cannot win once the
            # k-th fit is above it, so only the best m by text are checked (widened when needed).
            if m >= len(nz):
                cand, floor = nz, -1.0
            else:
                cand = nz[np.argpartition(-text_all[nz], m)[:m]]
                floor = float(text_all[cand].min())
            result = self._rank_student_candidates(offer, students, X, y, cand, text_all, k, apply_filters)
            if floor < 0 or (len(result) == k and result[-1].offer_fit > floor):
                return result
            m *= 4

    def _rank_student_candidates(self, offer: OfferDoc, students: Sequence[StudentDoc], X: sp.csr_matrix,
                                 y: sp.csr_matrix, cand: np.ndarray, text_all: np.ndarray, k: int,
                                 apply_filters: bool) -> list[ScoredPair]:
        subset = [students[i] for i in cand.tolist()]
        text = text_all[cand]
        table = OfferTable([offer])
        sa = table.students(subset)
        pairs, zeros = np.arange(len(subset)), np.zeros(len(subset), dtype=np.int64)
        prog_ok = table.program_pairs(pairs, zeros, sa)
        allowed = prog_ok.copy() if apply_filters else np.ones(len(pairs), dtype=bool)
        if apply_filters and self.kind_preference == "filter":
            allowed &= table.kind_pairs(pairs, zeros, sa)
        total, applied = table.boost_pairs(pairs, zeros, sa, self.boosts_)
        students, X = subset, X[cand]
        keys = R.skill_keys(self.analyzer_, offer.skills)
        names = self.vectorizer_.feature_names_
        ok = np.flatnonzero((text > 0) & allowed)
        if not len(ok):
            return []
        cover, bits = np.ones(len(ok)), [0] * len(ok)
        for j, i in enumerate(ok.tolist()):
            if keys:
                words = frozenset(names[f] for f in X.indices[X.indptr[i]:X.indptr[i + 1]])
                bits[j] = R.skill_bits(keys, *R.student_skill_sets(self.analyzer_, students[i].skills, words))
                cover[j] = bits[j].bit_count() / len(keys)
        t = text[ok].astype(np.float64)
        ofit = offer_fit(t, prog_ok[ok], cover)
        sfit = t * (1 + total[ok]) / (1 + max_boost(self.boosts_))
        id_order = sorted(range(len(ok)), key=lambda j: students[ok[j]].id)
        rank = np.empty(len(ok), dtype=np.int64)
        rank[id_order] = np.arange(len(ok))
        top = self._top(ok, ofit, k, rank)
        vec = self.vectorizer_
        ptr, tl, tw = pair_terms(X, y, ok[top], np.zeros(len(top), dtype=np.int64), vec.label_ids_,
                                 len(vec.label_names_), self.n_terms)
        out = []
        for n, j in enumerate(top.tolist()):
            i = int(ok[j])
            reasons = [R.Reason("term", vec.label_names_[tl[q]], float(tw[q])) for q in range(ptr[n], ptr[n + 1])]
            reasons += R.skill_reasons(keys, bits[j])
            mask = sum(1 << b for b, name in enumerate(BOOST_ORDER) if applied[name][i])
            reasons += R.boost_reasons(mask, self.boosts_, offer, BOOST_ORDER)
            of, sf = float(ofit[j]), float(sfit[j])
            out.append(ScoredPair(offer.id, students[i].id, of, float(t[j]), sf, of, harmonic(sf, of), reasons))
        return out

    def top_k_all(self, students: Sequence[StudentDoc], *, k: int = 10, n_jobs: int = 2,
                  with_reasons: bool = True, today: date | None = None, apply_filters: bool = True,
                  chunk_size: int = 2000, progress: Callable[[int, int], None] | None = None
                  ) -> Iterator[tuple[str, list[ScoredPair]]]:
        """Top-k offers for every student, chunked sparse products (no dense students x offers matrix)."""
        from .batch import top_k_all

        return top_k_all(self, students, k=k, n_jobs=n_jobs, with_reasons=with_reasons, today=today,
                         apply_filters=apply_filters, chunk_size=chunk_size, progress=progress)

    # -- persistence ----------------------------------------------------------------------------------
    def save(self, path: str | Path, extra: dict | None = None) -> None:
        """Save the fitted state (numpy .npz plus JSON, no pickle); `extra` JSON comes back as saved_extra_."""
        from .persistence import save

        save(self, path, extra)

    @classmethod
    def load(cls, path: str | Path) -> Ranker:
        """Load a saved Ranker; refuses unknown format versions."""
        from .persistence import load

        return load(path, cls)
