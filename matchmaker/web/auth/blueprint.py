"""The `auth` blueprint object."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
