"""Imports every module that registers jobs, so any worker process knows them all."""

from . import mail  # noqa: F401
