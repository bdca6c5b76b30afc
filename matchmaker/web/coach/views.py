"""Views of the coach area."""

from __future__ import annotations

from flask import render_template

from . import bp


@bp.route("/")
def home() -> str:
    """The coach's start page."""
    return render_template("coach/home.html")
