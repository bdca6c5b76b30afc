"""Public pages: start page, health check, language switch, privacy."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from . import offers, views  # noqa: E402,F401
