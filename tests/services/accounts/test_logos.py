"""Organisation logos: checked by type and size, re-encoded as PNG, written under a temporary name and renamed."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from matchmaker.core.errors import ValidationError
from matchmaker.models import Role
from matchmaker.services.accounts import logos

pytestmark = pytest.mark.db


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (800, 400), **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (11, 92, 173)).save(out, format=fmt, **save)
    return out.getvalue()


def test_a_logo_is_reencoded_as_a_small_png_without_metadata(db_session, factory, tmp_path) -> None:
    employer = factory.user(Role.EMPLOYER)
    exif = Image.Exif()
    exif[0x010E] = "GPS and a description nobody should get"
    jpeg = image_bytes("JPEG", exif=exif.tobytes())
    name, old = logos.store_logo(db_session, employer, jpeg, "image/jpeg", tmp_path)
    assert old == "" and employer.organization.logo == name and name.endswith(".png")
    with Image.open(tmp_path / name) as stored:
        assert stored.format == "PNG" and max(stored.size) == logos.MAX_SIDE and "exif" not in stored.info
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind
    second, old = logos.store_logo(db_session, employer, image_bytes(), "image/png", tmp_path)
    assert old == name and second != name


@pytest.mark.parametrize(("data", "content_type", "reason"), [
    (b"GIF89a not really", "image/gif", "must be a PNG, JPEG or WebP image"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml", "must be a PNG, JPEG or WebP image"),
    (b"\x89PNG\r\n\x1a\n garbage", "image/png", "could not be read as an image"),
    (None, "image/png", "is not the kind of image its type says"),  # a JPEG declared as PNG
    (b"", "image/png", "is empty"),
    (b"x" * (logos.MAX_BYTES + 1), "image/png", "must be at most 1 MB"),
])
def test_bad_files_are_refused_and_nothing_is_written(db_session, factory, tmp_path, data, content_type,
                                                      reason) -> None:
    employer = factory.user(Role.EMPLOYER)
    with pytest.raises(ValidationError) as caught:
        logos.store_logo(db_session, employer, data if data is not None else image_bytes("JPEG"), content_type,
                         tmp_path)
    assert caught.value.errors == {"logo": reason}
    assert employer.organization.logo == "" and not any(tmp_path.iterdir())


def test_a_decompression_bomb_is_refused_before_decoding(db_session, factory, tmp_path) -> None:
    employer = factory.user(Role.EMPLOYER)
    bomb = image_bytes("PNG", size=(6000, 5000))
    with pytest.raises(ValidationError) as caught:
        logos.store_logo(db_session, employer, bomb, "image/png", tmp_path)
    assert caught.value.errors["logo"] in ("has too many pixels", "must be at most 1 MB")
