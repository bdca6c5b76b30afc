"""The editable synonym file, concept labels per language, and import of ESCO / JobTech label exports.

File format (matching/data/synonyms.txt): one group per line, variants separated by '=', the first one
canonical; a variant written `en:teacher` is also the concept's label in that language (shown in reasons
to a user of that language; the prefix is not part of the word). '#' starts a comment.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

_TOKEN = re.compile(r"[^\W_]+[+#]*")
_TAG = re.compile(r"^\s*([a-z]{2}):(?!\S*//)\s*(.+)$")  # 'en:teacher' (not 'http://...')
MAX_WORDS = 4  # longest phrase a variant may have (the analyzer looks phrases up by length)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(unicodedata.normalize("NFKC", text or "").lower()))


def synonym_text(path: str | Path | None = None) -> str:
    """The synonym file's text: the packaged one, or the file at `path`."""
    if path is None:
        return resources.files("matchmaker.matching").joinpath("data", "synonyms.txt").read_text(encoding="utf-8")
    return Path(path).read_text(encoding="utf-8")


def _groups(text: str) -> Iterable[list[tuple[str | None, str]]]:
    """(language tag or None, variant as written) per variant, per group line."""
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        group = []
        for v in line.split("="):
            m = _TAG.match(v)
            group.append((m.group(1), m.group(2).strip()) if m else (None, v.strip()))
        yield group


def load_synonyms(path: str | Path | None = None) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Read a synonym file ('canonical = variant = ...' per line): variant words -> canonical words."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for group in _groups(synonym_text(path)):
        variants = [t for t in (_tokens(v) for _lang, v in group) if t]
        if len(variants) < 2:
            continue
        for v in variants[1:]:
            table.setdefault(v, variants[0])
    return table


def concept_labels(path: str | Path | None = None) -> dict[str, dict[str, str]]:
    """Per variant (normalised words joined by spaces): {language: label} from the `xx:` tags of its group."""
    out: dict[str, dict[str, str]] = {}
    for group in _groups(synonym_text(path)):
        tags = {lang: v for lang, v in group if lang}
        if not tags:
            continue
        for _lang, v in group:
            key = " ".join(_tokens(v))
            if key:
                out.setdefault(key, tags)
    return out


# -- importing published label exports ---------------------------------------------------------------
PREFERRED = ("preferredlabel", "preferredterm", "preferred", "label", "term")
ALTERNATIVE = ("altlabels", "alternativelabels", "alternativelabel", "alternativeterms", "alternativeterm",
               "hiddenlabels", "altlabel", "synonyms")
CONCEPT = ("concepturi", "uri", "conceptid", "id", "taxonomyid")


class ExportError(ValueError):
    """A label export that cannot be read (missing column, not CSV)."""


def _column(header: Sequence[str], names: Sequence[str], what: str, path: Path, required: bool = True
            ) -> list[int]:
    squashed = [re.sub(r"[^a-z]", "", h.lower()) for h in header]
    found = [i for i, h in enumerate(squashed) if h in names]
    if not found and required:
        raise ExportError(f"{path}, line 1: no {what} column (looked for {', '.join(names)}; "
                          f"found {', '.join(header) or 'nothing'})")
    return found if what == "alternative label" else found[:1]


def read_export(path: str | Path) -> list[tuple[str, str, list[str]]]:
    """(concept id, preferred label, alternative labels) per row of an ESCO or JobTech Taxonomy CSV export.

    Columns are found by name (ESCO: conceptUri, preferredLabel, altLabels, hiddenLabels; JobTech:
    id, preferred_label / preferred-label, alternative_labels ...); alternative labels may be separated
    by new lines (ESCO), '|' or ';'.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            sample = f.read(65536)
            f.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            rows = list(csv.reader(f, dialect))
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: cannot read the export ({exc})") from exc
    if not rows:
        raise ExportError(f"{path}: the export is empty")
    header = rows[0]
    pref = _column(header, PREFERRED, "preferred label", path)[0]
    alts = _column(header, ALTERNATIVE, "alternative label", path, required=False)
    ids = _column(header, CONCEPT, "concept id", path, required=False)
    out = []
    for n, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= pref:
            raise ExportError(f"{path}, line {n}: {len(row)} columns, the preferred label is column {pref + 1}")
        label = row[pref].strip()
        alt = [a.strip() for i in alts if i < len(row) for a in re.split(r"[\n|;]", row[i]) if a.strip()]
        concept = row[ids[0]].strip() if ids and ids[0] < len(row) else f"{path.name}:{n}"
        if label:
            out.append((concept, label, alt))
    return out


def import_exports(exports: Sequence[tuple[str | Path, str | None]], existing: str = "") -> list[str]:
    """Synonym lines from label exports: one group per concept, the first export's preferred label first
    (canonical), labels of later exports of the same concept (e.g. the English file) joined in.

    Labels of more than MAX_WORDS words, duplicates within a group and variants already used by an
    earlier group or by `existing` synonym text are left out (a variant can point to one canonical only).
    """
    concepts: dict[str, list[tuple[str | None, str]]] = {}
    for path, language in exports:
        for concept, label, alt in read_export(path):
            group = concepts.setdefault(concept, [])
            group.append((language, label))
            group.extend((None, a) for a in alt)
    taken = {" ".join(_tokens(v)) for g in _groups(existing) for _l, v in g}
    lines = []
    for group in concepts.values():
        seen: list[tuple[str | None, str]] = []
        keys = set()
        for lang, label in group:
            key = " ".join(_tokens(label))
            if not key or len(key.split()) > MAX_WORDS or key in keys or key in taken:
                continue
            keys.add(key)
            seen.append((lang, label.replace("=", " ").replace("#", " ")))
        if len(seen) >= 2:
            taken |= keys
            lines.append(" = ".join(f"{lang}:{v}" if lang else v for lang, v in seen))
    return lines
