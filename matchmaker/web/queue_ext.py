"""The app's job queue, built from configuration."""

from __future__ import annotations

from flask import Flask, current_app
from sqlalchemy.orm import Session

from matchmaker.core import mail
from matchmaker.jobs.queue import Queue, make_queue


def init_app(app: Flask) -> None:
    """Create the queue backend the configuration names."""
    # The factory is looked up at run time so tests can rebind the app's sessions to their transaction.
    app.extensions["matchmaker.queue"] = make_queue(
        app.config["QUEUE_BACKEND"], _LazyFactory(app), app.config["REDIS_URL"], app.config["DATABASE_URL"]
    )
    mail.SMTP_SETTINGS.update(
        host=app.config["SMTP_HOST"], port=app.config["SMTP_PORT"], sender=app.config["MAIL_FROM"]
    )


class _LazyFactory:
    """Calls whatever session factory the app holds at the moment of the call."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def __call__(self) -> Session:
        return self.app.extensions["matchmaker.db"]["factory"]()


def queue_of(app: Flask | None = None) -> Queue:
    """The queue of `app` (default: the current app)."""
    return (app or current_app).extensions["matchmaker.queue"]


def get_queue() -> Queue:
    """The current app's queue."""
    return queue_of()
