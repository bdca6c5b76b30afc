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


def _places(ranker: Ranker) -> list[int]:
    """Per offer, an id of what its boost reasons name (R.boost_place per boost): offers with the same id get
    the same boost reasons for the same bits."""
    ids: dict[tuple, int] = {}
    return [ids.setdefault(tuple(map(R.boost_place, BOOST_ORDER, repeat(o))), len(ids)) for o in ranker.offers_]


# The weights of term reasons as json.dumps writes round(w, 4), closing the reason: "0.1234}" for 1234.
_WEIGHT_TEXT: list[str] = []


def _weights(weights: np.ndarray) -> list[str]:
    """round(float(w), 4)!r + "}" per weight, by table look-up where that is exact.

    A float32 weight times 10 000 is exact in float64 (24 + 14 bits), so np.rint (halves to even) gives the
    integer round() rounds to, and round(w, 4) is the double nearest k / 10 000, which k / 10 000 is: the
    same repr. Formatting each weight took a third of a chunk's JSON."""
    if not _WEIGHT_TEXT:
        _WEIGHT_TEXT.extend(f"{k / 10000!r}}}" for k in range(10001))
    if weights.dtype == np.float32 and len(weights):
        k = np.rint(weights.astype(np.float64) * 10000.0)
        if k.min() >= 0 and k.max() <= 10000:
            return list(map(_WEIGHT_TEXT.__getitem__, k.astype(np.int64).tolist()))
    return [f"{round(w, 4)!r}}}" for w in weights.tolist()]


def offer_lines(ranker: Ranker, student_ids: Sequence[str], ex: Explained, with_reasons: bool,
                cache: dict) -> str:
    """One line per student: its best offers with score and reasons (pairs of ex ordered by row)."""
    if cache.get("ranker") is not ranker or cache.get("n_offers") != len(ranker.offer_ids_):
        cache.clear()
        # Labels are escaped when first shown: a chunk's reasons use a few thousand of the vocabulary's
        # labels, and escaping all of them cost each worker 0.4 s.
        cache.update(ranker=ranker, n_offers=len(ranker.offer_ids_), oids=list(map(_s, ranker.offer_ids_)),
                     labels={}, skill={}, boost={}, skill_parts={}, boost_parts={}, place=_places(ranker))
    oids, labels, skill_tpl, boost_tpl = cache["oids"], cache["labels"], cache["skill"], cache["boost"]
    skill_parts, boost_parts = cache["skill_parts"], cache["boost_parts"]
    offers = ex.offer.tolist()
    scores = list(map(round, ex.fit.astype(np.float64).tolist(), repeat(6)))
    if with_reasons:
        ptr = ex.term_ptr.tolist()
        term_label = ex.term_label.tolist()
        names = ranker.vectorizer_.label_names_
        for lab in set(term_label).difference(labels):
            labels[lab] = f'{{"kind": "term", "label": {_s(names[lab])}, "weight": '
        terms = list(map(str.__add__, map(labels.__getitem__, term_label), _weights(ex.term_weight)))
        sizes = ranker.boosts_
        place = cache["place"]
        pairs = []
        for j, (o, hv, bs) in enumerate(zip(offers, ex.have.tolist(), ex.boosts.tolist(), strict=True)):
            parts = terms[ptr[j]:ptr[j + 1]]
            tpl = skill_tpl.get((o, hv))
            if tpl is None:
                tpl = skill_tpl[(o, hv)] = _skills(ranker, o, hv, skill_parts)
            if tpl:
                parts.append(tpl)
            if bs:
                key = place[o] << len(BOOST_ORDER) | bs
                tpl = boost_tpl.get(key)
                if tpl is None:
                    tpl = boost_tpl[key] = _boosts(ranker.offers_[o], bs, sizes, boost_parts)
                parts.append(tpl)
            pairs.append(f'{{"offer_id": {oids[o]}, "score": {scores[j]!r}, "reasons": [{", ".join(parts)}]}}')
    else:
        pairs = [f'{{"offer_id": {oids[o]}, "score": {s!r}, "reasons": []}}' for o, s in zip(offers, scores,
                                                                                             strict=True)]
    bounds = np.searchsorted(ex.row, np.arange(len(student_ids) + 1)).tolist()
    return "".join(f'{{"student_id": {_s(sid)}, "matches": [{", ".join(pairs[bounds[i]:bounds[i + 1]])}]}}\n'
                   for i, sid in enumerate(student_ids))
