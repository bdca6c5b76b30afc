"""Imports every module that registers jobs, so any worker process knows them all."""

from . import mail, matching_runs, privacy, review  # noqa: F401
