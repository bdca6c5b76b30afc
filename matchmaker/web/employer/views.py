"""Views of the employer area."""

from __future__ import annotations

from flask import render_template

from . import bp


@bp.route("/")
def home() -> str:
    """The employer's start page."""
    return render_template("employer/home.html")
