"""The Ranker estimator: fit on offers, rank offers for a student and students for an offer."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from . import reasons as R
from .documents import Match, OfferDoc, StudentDoc
from .scoring import DEFAULT_BOOSTS, OfferTable, harmonic, max_boost, offer_fit
from .text import Analyzer, TextConfig
from .vectorize import FieldVectorizer


class Ranker(BaseEstimator):
    """Bilingual TF-IDF matcher with filters, boosts, reciprocal scores and reasons (sklearn contract)."""

    def __init__(self, *, title_weight: float = 2.0, skill_weight: float = 2.0, interest_weight: float = 1.5,
                 lead_words: int = 8, stop_words: bool = True, stemming: bool = True, synonyms: bool = True,
                 synonyms_path: str | None = None, decompound: bool = True, prefix_len: int = 5,
                 max_df: float = 1.0, max_terms: int | None = None, boosts: dict[str, float] | None = None,
                 n_terms: int = 5, overfetch: int = 5, default_language: str = "sv") -> None:
        self.title_weight = title_weight
        self.skill_weight = skill_weight
        self.interest_weight = interest_weight
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

    # -- fitting --------------------------------------------------------------------------------------
    def _make_vectorizer(self) -> FieldVectorizer:
        cfg = TextConfig(stop_words=self.stop_words, stemming=self.stemming, synonyms=self.synonyms,
                         decompound=self.decompound, prefix_len=self.prefix_len,
                         synonyms_path=self.synonyms_path)
        weights = {"title": self.title_weight, "skills": self.skill_weight, "interests": self.interest_weight}
        return FieldVectorizer(Analyzer(cfg, self.default_language), weights, self.lead_words,
                               self.max_df, self.max_terms)

    def fit(self, offers: Iterable[OfferDoc], students: Iterable[StudentDoc] = ()) -> Ranker:
        """Learn vocabulary, IDF and compound lexicon from offers (and student texts if given)."""
        offers = list(offers)
        if len({o.id for o in offers}) != len(offers):
            raise ValueError("offer ids must be unique")
        self.boosts_ = {**DEFAULT_BOOSTS, **(self.boosts or {})}
        self.vectorizer_ = self._make_vectorizer().fit(offers + list(students))
        self._set_offers(offers, self.vectorizer_.transform(offers))
        return self

    @property
    def analyzer_(self) -> Analyzer:
        """The fitted text analyzer."""
        return self.vectorizer_.analyzer

    def _set_offers(self, offers: list[OfferDoc], matrix: sp.csr_matrix) -> None:
        self.offers_ = offers
        self.offer_matrix_ = sp.csr_matrix(matrix, dtype=np.float32)
        self.offer_ids_ = [o.id for o in offers]
        self.offer_pos_ = {oid: i for i, oid in enumerate(self.offer_ids_)}
        # Rank of each id in sorted order: ties in score are broken by id with one integer sort key.
        order = sorted(range(len(offers)), key=self.offer_ids_.__getitem__)
        self.id_rank_ = np.empty(len(offers), dtype=np.int64)
        self.id_rank_[order] = np.arange(len(offers))
        self.table_ = OfferTable(offers)
        # Terms x offers in CSR: one student's product then only touches the postings of its own terms.
        self.offer_t_ = self.offer_matrix_.T.tocsr()
        self.offer_skills_ = [R.skill_keys(self.analyzer_, o.skills) for o in offers]

    def upsert_offers(self, offers: Iterable[OfferDoc]) -> Ranker:
        """Add or replace offers using the fitted vocabulary and IDF (no refit)."""
        new = {o.id: o for o in offers}
        if not new:
            return self
        rows = self.vectorizer_.transform(list(new.values()))
        keep = [i for i, oid in enumerate(self.offer_ids_) if oid not in new]
        docs = [self.offers_[i] for i in keep] + list(new.values())
        self._set_offers(docs, sp.vstack([self.offer_matrix_[keep], rows], format="csr"))
        return self

    def remove_offers(self, ids: Iterable[str]) -> Ranker:
        """Drop offers by id (unknown ids are ignored)."""
        drop = set(ids)
        keep = [i for i, oid in enumerate(self.offer_ids_) if oid not in drop]
        if len(keep) != len(self.offer_ids_):
            self._set_offers([self.offers_[i] for i in keep], self.offer_matrix_[keep])
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
        return v / norm if norm > 0 else v

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

    def rank_offers(self, student: StudentDoc | None, *, query: str = "", k: int = 10,
                    today: date | None = None, candidates: Collection[str] | None = None,
                    apply_filters: bool = True) -> list[Match]:
        """Best offers for a student profile and/or a free-text query, best first."""
        x = self._query_vector(student, query)
        if x is None or k <= 0:
            return []
        text = (x @ self.offer_t_).toarray().ravel()
        if candidates is not None:
            idx = np.array(sorted({self.offer_pos_[c] for c in candidates if c in self.offer_pos_}),
                           dtype=np.int64)
            idx = idx[text[idx] > 0]
        else:
            idx = np.flatnonzero(text > 0)
        sa = self.table_.students([student])
        rows = np.zeros(len(idx), dtype=np.int64)
        if apply_filters and len(idx):
            keep = self.table_.filter_pairs(rows, idx, sa, today or date.today())
            idx, rows = idx[keep], rows[keep]
        t = text[idx]
        total, applied = self.table_.boost_pairs(rows, idx, sa, self.boosts_)
        fit = t * (1 + total) / (1 + max_boost(self.boosts_))
        top = self._top(idx, fit, k, self.id_rank_[idx])
        sid = student.id if student is not None else ""
        terms = R.top_terms(sp.csr_matrix(x.multiply(self.offer_matrix_[idx[top]])),
                            self.vectorizer_.labels_, self.n_terms)
        skills = (R.student_skill_sets(self.analyzer_, student.skills, f"{student.about} {student.interests}")
                  if student is not None else (set(), R.student_skill_sets(self.analyzer_, (), query)[1]))
        prog = self.table_.program_pairs(rows[top], idx[top], sa)
        out = []
        for n, p in enumerate(top):
            row = int(idx[p])
            have, missing = R.skill_match(self.offer_skills_[row], *skills)
            cov = len(have) / len(self.offer_skills_[row]) if self.offer_skills_[row] else 1.0
            of = offer_fit(float(t[p]), bool(prog[n]), cov)
            reasons = (terms[n] + R.skill_reasons(have, missing)
                       + R.boost_reasons(applied, self.boosts_, p, self.offers_[row]))
            out.append(Match(self.offer_ids_[row], sid, float(fit[p]), float(t[p]), float(fit[p]), of,
                             float(harmonic(fit[p], of)), reasons))
        return out

    def rank_students(self, offer: OfferDoc, students: Sequence[StudentDoc], *, k: int = 10,
                      apply_filters: bool = True) -> list[Match]:
        """Best students for an offer (ranked by offer-side fit), best first."""
        if not students or k <= 0:
            return []
        y = self.vectorizer_.transform([offer])
        X = self.vectorizer_.transform(students)
        text = (X @ y.T).toarray().ravel()
        table = OfferTable([offer])
        sa = table.students(students)
        pairs, zeros = np.arange(len(students)), np.zeros(len(students), dtype=np.int64)
        kinds_ok = ~sa.has_kinds | np.isin(pairs * sa.width + table.kind[0], sa.kind_keys)
        prog_ok = table.program_pairs(pairs, zeros, sa)
        allowed = kinds_ok & prog_ok if apply_filters else np.ones(len(pairs), dtype=bool)
        total, applied = table.boost_pairs(pairs, zeros, sa, self.boosts_)
        keys = R.skill_keys(self.analyzer_, offer.skills)
        rows = []
        for i, s in enumerate(students):
            if text[i] <= 0 or not allowed[i]:
                continue
            have, missing = R.skill_match(keys, *R.student_skill_sets(self.analyzer_, s.skills,
                                                                      f"{s.about} {s.interests}"))
            cov = len(have) / len(keys) if keys else 1.0
            of = offer_fit(float(text[i]), bool(prog_ok[i]), cov)
            sf = float(text[i] * (1 + total[i]) / (1 + max_boost(self.boosts_)))
            rows.append((i, of, sf, have, missing))
        if not rows:
            return []
        fits = np.array([r[1] for r in rows])
        id_order = sorted(range(len(rows)), key=lambda j: students[rows[j][0]].id)
        rank = np.empty(len(rows), dtype=np.int64)
        rank[id_order] = np.arange(len(rows))
        top = self._top(np.arange(len(rows)), fits, k, rank)
        sel = [rows[j] for j in top]
        terms = R.top_terms(sp.csr_matrix(X[[r[0] for r in sel]].multiply(y)), self.vectorizer_.labels_,
                            self.n_terms)
        out = []
        for n, (i, of, sf, have, missing) in enumerate(sel):
            reasons = (terms[n] + R.skill_reasons(have, missing)
                       + R.boost_reasons(applied, self.boosts_, i, offer))
            out.append(Match(offer.id, students[i].id, of, float(text[i]), sf, of, float(harmonic(sf, of)),
                             reasons))
        return out

    def top_k_all(self, students: Sequence[StudentDoc], *, k: int = 10, n_jobs: int = 2,
                  with_reasons: bool = True, today: date | None = None, apply_filters: bool = True,
                  chunk_size: int = 2000, progress: Callable[[int, int], None] | None = None
                  ) -> Iterator[tuple[str, list[Match]]]:
        """Top-k offers for every student, chunked sparse products (no dense students x offers matrix)."""
        from .batch import top_k_all

        return top_k_all(self, students, k=k, n_jobs=n_jobs, with_reasons=with_reasons, today=today,
                         apply_filters=apply_filters, chunk_size=chunk_size, progress=progress)

    # -- persistence ----------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Save the fitted state (numpy .npz plus JSON, no pickle)."""
        from .persistence import save

        save(self, path)

    @classmethod
    def load(cls, path: str | Path) -> Ranker:
        """Load a saved Ranker; refuses unknown format versions."""
        from .persistence import load

        return load(path)
