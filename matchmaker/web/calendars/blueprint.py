"""The `calendars` blueprint object."""

from flask import Blueprint

bp = Blueprint("calendars", __name__)
