"""Organisation logos uploaded by employers: checked, re-encoded with Pillow, written under a temporary name.

Only PNG, JPEG and WebP up to MAX_BYTES are taken, and the declared type must be what the bytes are. The image is
decoded and written again as a PNG of at most MAX_SIDE pixels a side, so nothing of the upload but its pixels is
served (no metadata, no polyglot file). The file gets a fresh random name; the old one is removed after commit.
"""

from __future__ import annotations

import io
import os
import secrets
import tempfile
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Organization, User
from matchmaker.services.accounts.organizations import own_organization

MAX_BYTES = 1024 * 1024
MAX_SIDE = 512
MAX_PIXELS = 25_000_000  # a decompression bomb is refused before its pixels are decoded
TYPES = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
_NAME_PREFIX = "org-"


def _reencode(data: bytes, content_type: str) -> bytes:
    expected = TYPES.get((content_type or "").split(";")[0].strip().lower())
    if expected is None:
        raise ValidationError({"logo": "must be a PNG, JPEG or WebP image"})
    if len(data) > MAX_BYTES:
        raise ValidationError({"logo": "must be at most 1 MB"})
    if not data:
        raise ValidationError({"logo": "is empty"})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. broken EXIF: its metadata is dropped anyway
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != expected:
                    raise ValidationError({"logo": "is not the kind of image its type says"})
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise ValidationError({"logo": "has too many pixels"})
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                picture = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
            Image.DecompressionBombError) as exc:
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError({"logo": "could not be read as an image"}) from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _write(directory: Path, name: str, content: bytes) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, directory / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_logo(session: Session, actor: User, data: bytes, content_type: str, directory: Path) -> tuple[str, str]:
    """Check and store a new logo for the actor's organisation; returns (new file name, old file name or "")."""
    org = own_organization(session, actor)
    content = _reencode(data, content_type)
    name = f"{_NAME_PREFIX}{org.id}-{secrets.token_hex(8)}.png"
    _write(directory, name, content)
    old, org.logo = org.logo, name
    session.flush()
    audit.record(session, actor, "organization.logo", org, size=len(content))
    return name, old


def remove_logo(session: Session, actor: User) -> str:
    """Take the actor's organisation's logo away; returns the old file name (remove it after commit)."""
    org = own_organization(session, actor)
    old, org.logo = org.logo, ""
    session.flush()
    if old:
        audit.record(session, actor, "organization.logo", org, removed=True)
    return old


def delete_file(directory: Path, name: str) -> None:
    """Remove a logo file that no organisation uses any more (after the commit that replaced it)."""
    if name and name.startswith(_NAME_PREFIX) and "/" not in name and "\\" not in name:
        (directory / name).unlink(missing_ok=True)


def logo_file(session: Session, organization_id: int, directory: Path) -> Path:
    """The logo file of an active organisation, or NotFound."""
    org = session.get(Organization, organization_id)
    if org is None or not org.active or not org.logo:
        raise NotFound("logo")
    path = directory / org.logo
    if not path.is_file():
        raise NotFound("logo")
    return path
