"""Save and load a fitted Ranker as one numpy .npz file holding arrays and a JSON header (no pickle)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from .documents import OfferDoc

if TYPE_CHECKING:
    from .ranker import Ranker

FORMAT = "matchmaker-ranker"
FORMAT_VERSION = 3  # 2: languages of the corpus, character n-gram block; 3: n-grams of the padded word


class UnsupportedFormatError(ValueError):
    """The file is not a saved Ranker, or was written by an unknown format version."""


def _offer_to_json(o: OfferDoc) -> dict[str, Any]:
    d = asdict(o)
    d["deadline"] = o.deadline.isoformat() if o.deadline else None
    return d


def _offer_from_json(d: dict[str, Any]) -> OfferDoc:
    d = dict(d)
    d["deadline"] = date.fromisoformat(d["deadline"]) if d.get("deadline") else None
    d["skills"] = tuple(d.get("skills") or ())
    d["programs"] = tuple(d.get("programs") or ())
    return OfferDoc(**d)


def save(ranker: Ranker, path: str | Path, extra: dict[str, Any] | None = None) -> None:
    """Write the fitted state atomically (temporary file in the same directory, then rename).

    extra: JSON-ready data of the caller stored in the same file (e.g. what the index was built from);
    `load` puts it in `ranker.saved_extra_`."""
    vec = ranker.vectorizer_
    header = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "params": ranker.get_params(),
        "boosts": ranker.boosts_,
        "vocabulary": sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__),
        "labels": vec.labels_,
        "lexicon": vec.analyzer.lexicon,
        "corpus_language": vec.analyzer.corpus_language,
        "n_docs": vec.n_docs_,
        "languages": list(vec.languages_),
        "offers": [_offer_to_json(o) for o in ranker.offers_],
        "extra": extra or {},
    }
    m = ranker.offer_matrix_
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez_compressed(
                f, header=np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
                idf=vec.idf_, data=m.data, indices=m.indices, indptr=m.indptr,
                shape=np.array(m.shape, dtype=np.int64))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: str | Path, ranker_cls: type[Ranker]) -> Ranker:
    """Read a file written by save() into a new `ranker_cls`; refuse other formats and unknown versions."""
    try:
        npz = np.load(path, allow_pickle=False)
        header = json.loads(npz["header"].tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise UnsupportedFormatError(f"{path}: not a saved matching Ranker ({exc})") from exc
    if header.get("format") != FORMAT:
        raise UnsupportedFormatError(f"{path}: not a saved matching Ranker")
    if header.get("version") != FORMAT_VERSION:
        raise UnsupportedFormatError(
            f"{path}: format version {header.get('version')!r} is not supported "
            f"(this code reads version {FORMAT_VERSION}); refit and save again")
    ranker = ranker_cls(**header["params"])
    ranker.boosts_ = header["boosts"]
    vec = ranker._make_vectorizer()
    vec.vocabulary_ = {f: i for i, f in enumerate(header["vocabulary"])}
    vec.idf_ = npz["idf"]
    vec.n_docs_ = int(header["n_docs"])
    vec.set_labels(header["labels"])
    vec.analyzer.lexicon = {k: int(v) for k, v in header["lexicon"].items()}
    vec.analyzer.corpus_language = header["corpus_language"]
    vec.languages_ = tuple(header["languages"])
    ranker.vectorizer_ = vec
    shape = tuple(int(x) for x in npz["shape"])
    matrix = sp.csr_matrix((npz["data"], npz["indices"], npz["indptr"]), shape=shape)
    ranker._set_offers([_offer_from_json(d) for d in header["offers"]], matrix)
    ranker.saved_extra_ = header.get("extra") or {}
    return ranker
