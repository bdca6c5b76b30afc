"""The `main` blueprint object."""

from flask import Blueprint

bp = Blueprint("main", __name__)
