"""JSON lines of batch results written straight from the result arrays (the command line's output).

The same text `json.dumps(row, ensure_ascii=False)` gives for the rows the command wrote from ScoredPair
objects ({"student_id", "matches": [{"offer_id", "score", "reasons": [Reason.to_dict()]}]}), without
building those objects: strings are escaped once per offer id and label, floats are rounded with
Python's round() and written with repr(), as json does. Forked workers format their own chunks, so the
main process only writes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from . import reasons as R
from .documents import OfferDoc
from .selection import BOOST_ORDER, Explained

if TYPE_CHECKING:
    from .ranker import Ranker


# What json.dumps(text, ensure_ascii=False) returns for a str (JSONEncoder.encode calls it), without
# building an encoder per string: the C escaper itself.
_s = json.encoder.encode_basestring


def _reason(kind: str, label: str, weight: float) -> str:
    """Reason.to_dict() as json.dumps writes it."""
    return f'{{"kind": {_s(kind)}, "label": {_s(label)}, "weight": {round(float(weight), 4)!r}}}'


def _skill_parts(ranker: Ranker, o: int, cache: dict) -> tuple[list[str], list[str]]:
    """Per skill of offer o: its reason when covered and when missing (skill_reasons' two kinds)."""
    got = cache.get(o)
    if got is None:
        labels = [label for label, _key in ranker.offer_skills_[o]]
        got = cache[o] = ([_reason("skill", x, 1.0) for x in labels],
                          [_reason("missing_skill", x, 0.0) for x in labels])
    return got


def _skills(ranker: Ranker, o: int, bits: int, cache: dict) -> str:
    """skill_reasons(offer_skills_[o], bits) as JSON: covered skills first, then missing ones."""
    have, miss = _skill_parts(ranker, o, cache)
    return ", ".join([h for i, h in enumerate(have) if bits >> i & 1] + [m for i, m in enumerate(miss)
                                                                         if not bits >> i & 1])


def _boosts(offer: OfferDoc, bits: int, sizes: dict[str, float], parts: dict) -> str:
    """boost_reasons(bits, sizes, offer) as JSON. A reason depends only on its boost and the place it names,
    so each (boost, place) is formatted once: per (offer, bits) it took 40 % of formatting a chunk."""
    out = []
    for i, name in enumerate(BOOST_ORDER):
        if bits >> i & 1:
            key = (i, R.boost_place(name, offer))
            text = parts.get(key)
            if text is None:
                (r,) = R.boost_reasons(1 << i, sizes, offer, BOOST_ORDER)
                text = parts[key] = _reason(r.kind, r.label, r.weight)
            out.append(text)
    return ", ".join(out)


def offer_lines(ranker: Ranker, student_ids: Sequence[str], ex: Explained, with_reasons: bool,
                cache: dict) -> str:
    """One line per student: its best offers with score and reasons (pairs of ex ordered by row)."""
    if cache.get("ranker") is not ranker or cache.get("n_offers") != len(ranker.offer_ids_):
        cache.clear()
        # Labels are escaped when first shown: a chunk's reasons use a few thousand of the vocabulary's
        # labels, and escaping all of them cost each worker 0.4 s.
        cache.update(ranker=ranker, n_offers=len(ranker.offer_ids_), oids=list(map(_s, ranker.offer_ids_)),
                     labels={}, skill={}, boost={}, skill_parts={}, boost_parts={})
    oids, labels, skill_tpl, boost_tpl = cache["oids"], cache["labels"], cache["skill"], cache["boost"]
    skill_parts, boost_parts = cache["skill_parts"], cache["boost_parts"]
    offers = ex.offer.tolist()
    scores = list(map(round, ex.fit.astype(np.float64).tolist(), repeat(6)))
    if with_reasons:
        ptr = ex.term_ptr.tolist()
        term_label = ex.term_label.tolist()
        names = ranker.vectorizer_.label_names_
        for lab in set(term_label).difference(labels):
            labels[lab] = _s(names[lab])
        terms = [f'{{"kind": "term", "label": {labels[lab]}, "weight": {w!r}}}'
                 for lab, w in zip(term_label, map(round, ex.term_weight.tolist(), repeat(4)), strict=True)]
        sizes = ranker.boosts_
        pairs = []
        for j, (o, hv, bs) in enumerate(zip(offers, ex.have.tolist(), ex.boosts.tolist(), strict=True)):
            parts = terms[ptr[j]:ptr[j + 1]]
            tpl = skill_tpl.get((o, hv))
            if tpl is None:
                tpl = skill_tpl[(o, hv)] = _skills(ranker, o, hv, skill_parts)
            if tpl:
                parts.append(tpl)
            if bs:
                tpl = boost_tpl.get((o, bs))
                if tpl is None:
                    tpl = boost_tpl[(o, bs)] = _boosts(ranker.offers_[o], bs, sizes, boost_parts)
                parts.append(tpl)
            pairs.append(f'{{"offer_id": {oids[o]}, "score": {scores[j]!r}, "reasons": [{", ".join(parts)}]}}')
    else:
        pairs = [f'{{"offer_id": {oids[o]}, "score": {s!r}, "reasons": []}}' for o, s in zip(offers, scores,
                                                                                             strict=True)]
    bounds = np.searchsorted(ex.row, np.arange(len(student_ids) + 1)).tolist()
    return "".join(f'{{"student_id": {_s(sid)}, "matches": [{", ".join(pairs[bounds[i]:bounds[i + 1]])}]}}\n'
                   for i, sid in enumerate(student_ids))
