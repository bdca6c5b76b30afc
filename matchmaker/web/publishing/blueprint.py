"""The `publishing` blueprint object."""

from flask import Blueprint

bp = Blueprint("publishing", __name__)
