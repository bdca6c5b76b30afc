"""Where organisation logos are stored: MATCHMAKER's LOGO_DIR setting, else <instance>/uploads/logos."""

from __future__ import annotations

from pathlib import Path

from flask import current_app


def logo_dir() -> Path:
    """The folder of the logo files (created on the first upload)."""
    configured = current_app.config.get("LOGO_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "uploads" / "logos"
