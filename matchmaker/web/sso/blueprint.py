"""The `sso` blueprint object."""

from flask import Blueprint

bp = Blueprint("sso", __name__)
