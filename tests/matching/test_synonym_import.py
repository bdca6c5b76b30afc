"""Importing ESCO / JobTech Taxonomy label exports into synonym groups (issue 12, item 6)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from matchmaker.matching import Ranker
from matchmaker.matching.cli import import_synonyms_command
from matchmaker.matching.synonyms import ExportError, concept_labels, import_exports, load_synonyms


def _write(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def esco(tmp_path: Path) -> tuple[Path, Path]:
    # ESCO's occupation export: conceptUri, preferredLabel, altLabels (one per line in the cell), ...
    header = ["conceptType", "conceptUri", "preferredLabel", "altLabels", "hiddenLabels"]
    sv = _write(tmp_path / "occupations_sv.csv", header, [
        ["Occupation", "http://data.europa.eu/esco/occupation/1", "sjukgymnast", "fysioterapeut\nfysioterapeuter", ""],
        ["Occupation", "http://data.europa.eu/esco/occupation/2", "skogsvårdare", "skogsarbetare", "skogshuggare"],
        ["Occupation", "http://data.europa.eu/esco/occupation/3", "ensam", "", ""],
    ])
    en = _write(tmp_path / "occupations_en.csv", header, [
        ["Occupation", "http://data.europa.eu/esco/occupation/1", "physiotherapist", "physical therapist", ""],
        ["Occupation", "http://data.europa.eu/esco/occupation/2", "forestry worker",
         "a label that is far too long to be a phrase", ""],
    ])
    return sv, en


def test_exports_of_two_languages_become_one_group_per_concept(esco: tuple[Path, Path]) -> None:
    lines = import_exports([(esco[0], "sv"), (esco[1], "en")])
    assert lines == ["sv:sjukgymnast = fysioterapeut = fysioterapeuter = en:physiotherapist = physical therapist",
                     "sv:skogsvårdare = skogsarbetare = skogshuggare = en:forestry worker"]


def test_variants_already_in_the_synonym_file_are_left_out(esco: tuple[Path, Path]) -> None:
    lines = import_exports([(esco[0], None)], existing="fysioterapeut = sjukgymnast\n")
    assert lines == ["skogsvårdare = skogsarbetare = skogshuggare"]


def test_jobtech_style_columns_and_separators(tmp_path: Path) -> None:
    f = _write(tmp_path / "jobtech.csv", ["id", "type", "preferred_label", "alternative_labels"], [
        ["abc-1", "occupation-name", "Barnmorska", "Barnmorskor|Förlossningsbarnmorska"],
    ], delimiter=";")
    assert import_exports([(f, None)]) == ["Barnmorska = Barnmorskor = Förlossningsbarnmorska"]


def test_a_file_without_a_label_column_is_refused(tmp_path: Path) -> None:
    f = _write(tmp_path / "bad.csv", ["uri", "name"], [["x", "y"]])
    with pytest.raises(ExportError, match="line 1: no preferred label column"):
        import_exports([(f, None)])


def test_command_writes_a_synonym_file_the_ranker_uses(esco: tuple[Path, Path], tmp_path: Path) -> None:
    out, empty = tmp_path / "imported.txt", tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = CliRunner().invoke(import_synonyms_command, [str(esco[0]), str(esco[1]), "--language", "sv",
                                                       "--language", "en", "--existing", str(empty),
                                                       "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert load_synonyms(out)[("physiotherapist",)] == ("sjukgymnast",)
    assert concept_labels(out)["fysioterapeut"] == {"sv": "sjukgymnast", "en": "physiotherapist"}
    from matchmaker.matching import OfferDoc

    r = Ranker(synonyms_path=str(out)).fit([OfferDoc("o", title="Fysioterapeut till vårdcentralen"),
                                            OfferDoc("p", title="Skogsvårdare sökes")])
    assert [m.offer_id for m in r.rank_offers(None, query="physiotherapist", apply_filters=False)] == ["o"]


def test_by_default_the_packaged_file_keeps_its_variants(esco: tuple[Path, Path]) -> None:
    res = CliRunner().invoke(import_synonyms_command, [str(esco[0]), str(esco[1])])
    assert res.exit_code == 0 and "physiotherapist" not in res.output  # already: fysioterapeut = ...
    assert "skogsvårdare = skogsarbetare = skogshuggare = forestry worker" in res.output


def test_command_bad_input_exits_with_code_2(tmp_path: Path, esco: tuple[Path, Path]) -> None:
    bad = _write(tmp_path / "bad.csv", ["uri", "name"], [["x", "y"]])
    res = CliRunner().invoke(import_synonyms_command, [str(bad)])
    assert res.exit_code == 2 and "bad.csv, line 1: no preferred label column" in res.output
    res = CliRunner().invoke(import_synonyms_command, [str(esco[0]), "--language", "sv", "--language", "en"])
    assert res.exit_code == 2 and "once per export" in res.output
