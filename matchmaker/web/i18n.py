"""Translations: per-area .po files merged and compiled at start-up, and locale selection."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, request, session
from flask_babel import get_locale
from flask_login import current_user

LOCALES = ("sv", "en")
SOURCE_DIR = Path(__file__).parent / "translations"


def compile_translations(target_root: Path) -> Path:
    """Merge translations/<locale>/*.po into one messages.mo per locale under target_root."""
    for locale_dir in sorted(p for p in SOURCE_DIR.iterdir() if p.is_dir()):
        sources = sorted(locale_dir.glob("*.po"))
        out = target_root / locale_dir.name / "LC_MESSAGES" / "messages.mo"
        newest = max((p.stat().st_mtime for p in sources), default=0.0)
        if out.exists() and out.stat().st_mtime >= newest:
            continue
        merged = Catalog(locale=locale_dir.name)
        for po in sources:
            with po.open("rb") as fh:
                for message in read_po(fh, locale=locale_dir.name):
                    if message.id and message.string:
                        merged.add(message.id, message.string)
        out.parent.mkdir(parents=True, exist_ok=True)
        # Written to a temporary name and renamed, so a concurrent start never reads half a file.
        fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            write_mo(fh, merged)
        os.replace(tmp, out)
    return target_root


def current_locale() -> str:
    """The locale of the current request as a plain code: "sv" or "en"."""
    return str(get_locale() or "sv")


def select_locale() -> str:
    """The user's choice, else the session's, else the browser's Accept-Language, else Swedish."""
    if current_user and current_user.is_authenticated:
        return current_user.locale.value
    chosen = session.get("lang")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES) or "sv"


def init_i18n(app: Flask) -> None:
    """Compile catalogues into the instance folder and point Flask-Babel at them."""
    target = compile_translations(Path(app.instance_path) / "translations")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(target)
