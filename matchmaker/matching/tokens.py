"""The tokenised fields of a corpus: every field tokenised once by the compiled token pattern and its tokens
mapped to word-type ids by C-level dict look-ups (typevec.fit_rows works on the ids)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from . import parallel
from .documents import OfferDoc
from .fields import Doc, doc_fields
from .text import tokenize

if TYPE_CHECKING:
    from .vectorize import FieldVectorizer


class Types:
    """Word types (a plain token, or (canonical word, surface) rewritten by a synonym) and their ids."""

    def __init__(self) -> None:
        self.ids: dict = {}
        self.keys: list = []

    def map(self, tokens: Sequence) -> list[int]:
        ids = self.ids
        got = list(map(ids.get, tokens))
        if None not in got:
            return got
        for t in set(tokens).difference(ids):  # (id order changes no sum: counts are exact)
            ids[t] = len(self.keys)
            self.keys.append(t)
        return list(map(ids.__getitem__, tokens))


class Fields:
    """The tokenised fields of some documents: token type ids, and per field its length, document, weight."""

    def __init__(self) -> None:
        self.types = Types()
        self.raw_tok: list[int] = []  # raw token type ids of every field, concatenated
        self.field_len: list[int] = []
        self.field_doc: list[int] = []
        self.field_w: list[float] = []
        self.field_lead: list[bool] = []  # a title made of lead words: not part of the document's own text
        self.syn_fields: dict[int, list[int]] = {}  # field -> type ids after synonyms (only where they differ)
        self.n_docs = 0

    def __getstate__(self) -> dict:
        # Sent back from the forked child: the token ids as one array, not 800 000 pickled ints.
        return {**vars(self), "raw_tok": np.asarray(self.raw_tok, dtype=np.int64)}

    def extend(self, other: Fields) -> Fields:
        """Append another part's fields (its documents after these), its type ids mapped to these types."""
        remap = np.asarray(self.types.map(other.types.keys), dtype=np.int64)
        offset, n_fields = self.n_docs, len(self.field_len)
        self.raw_tok.extend(remap[np.asarray(other.raw_tok, dtype=np.int64)].tolist())
        self.field_len += other.field_len
        self.field_doc += [d + offset for d in other.field_doc]
        self.field_w += other.field_w
        self.field_lead += other.field_lead
        self.syn_fields.update((f + n_fields, remap[ids].tolist()) for f, ids in other.syn_fields.items())
        self.n_docs += other.n_docs
        return self


def tokenise(vec: FieldVectorizer, docs: Sequence[Doc]) -> Fields:
    """Every field of docs tokenised by the compiled pattern and mapped to word-type ids."""
    an = vec.analyzer
    out = Fields()
    types, raw_tok, field_len = out.types, out.raw_tok, out.field_len
    starts = an._phrase_starts
    for d_i, d in enumerate(docs):
        fields = doc_fields(d, vec.weights, vec.lead_words)
        lead_title = isinstance(d, OfferDoc) and not d.title
        for f_i, (text, fw) in enumerate(fields):
            ts = tokenize(text) if text else []
            f = len(field_len)
            raw_tok.extend(types.map(ts))
            field_len.append(len(ts))
            out.field_doc.append(d_i)
            out.field_w.append(fw)
            out.field_lead.append(lead_title and f_i == 0)
            if ts and not starts.isdisjoint(ts):
                pairs = an.apply_synonyms(ts)
                out.syn_fields[f] = types.map([w if w == s else (w, s) for w, s in pairs])
    out.n_docs = len(docs)
    return out


def tokenise_all(vec: FieldVectorizer, docs: Sequence[Doc]) -> Fields:
    """tokenise(vec, docs), the second half of a large corpus in a forked child (parallel.halves)."""
    parts = parallel.halves(lambda part: tokenise(vec, part), docs, parallel.MIN_DOCS)
    return parts[0] if len(parts) == 1 else parts[0].extend(parts[1])
