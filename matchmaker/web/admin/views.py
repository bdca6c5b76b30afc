"""Views of the admin area."""

from __future__ import annotations

from flask import render_template

from . import bp


@bp.route("/")
def home() -> str:
    """The admin's start page."""
    return render_template("admin/home.html")
