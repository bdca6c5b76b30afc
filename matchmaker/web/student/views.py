"""Views of the student area."""

from __future__ import annotations

from flask import render_template

from . import bp


@bp.route("/")
def home() -> str:
    """The student's start page."""
    return render_template("student/home.html")
