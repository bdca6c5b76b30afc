"""Worker processes may write their chunks to part files; the output is the same bytes either way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from matchmaker.matching.jsonio import append_parts


def test_worker_part_files_and_pretokens_give_the_same_output(fresh_python, tmp_path: Path) -> None:  # noqa: ANN001
    out = fresh_python(f"""
        from pathlib import Path
        from matchmaker.matching import Ranker, pretoken
        from matchmaker.matching.batch import top_k_jsonl
        from matchmaker.matching.jsonio import append_parts
        from tests.matching.test_batch_persistence import TODAY, _docs

        offers, students = _docs(60, 45)
        r = Ranker().fit(offers)
        direct = b"".join(top_k_jsonl(r, students, k=3, n_jobs=1, today=TODAY, chunk_size=10))
        folder = Path({str(tmp_path)!r})
        pretoken.MIN_STUDENTS = 10  # the students tokenised by a child meanwhile, as the command does
        started, got = pretoken.start(students), []
        tokens = lambda: got.append(started()) or got[0]
        parts = list(top_k_jsonl(r, students, k=3, n_jobs=2, today=TODAY, chunk_size=10, spill_dir=str(folder),
                                 pretokens=tokens))
        assert len(got) == 1 and got[0] is not None and len(got[0].fields) == len(students)
        assert len(parts) == 5 and all(isinstance(p, str) and Path(p).parent == folder for p in parts), parts
        target = folder / "out.jsonl"
        with target.open("wb") as f:
            f.write(b"head\\n")  # still buffered when the first part is appended: written first
            append_parts(parts, f)
            f.write(b"tail\\n")
        assert target.read_bytes() == b"head\\n" + direct + b"tail\\n"
        assert sorted(p.name for p in folder.iterdir()) == ["out.jsonl"]
        print(len(direct))
        """)
    assert int(out) > 1000


def test_parts_are_copied_through_the_process_where_the_kernel_cannot(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    paths = []
    for i, text in enumerate([b"a" * 70_000, b"bc\n", b""]):
        p = tmp_path / f"{i}.part"
        p.write_bytes(text)
        paths.append(str(p))
    calls = []

    def refuse(src: int, dst: int, count: int) -> int:
        calls.append(count)
        if len(calls) == 1:  # the first copy goes half way, then the kernel refuses
            return os.sendfile(dst, src, None, 30_000)
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    target = tmp_path / "out"
    with target.open("wb") as f:
        append_parts([b"x", paths[0], paths[1], b"y", paths[2]], f)
    assert target.read_bytes() == b"x" + b"a" * 70_000 + b"bc\n" + b"y"
    assert not any(Path(p).exists() for p in paths)

