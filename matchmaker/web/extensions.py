"""Flask extensions, created here and initialised in create_app()."""

from __future__ import annotations

import contextlib
from typing import Any

from flask import Flask, current_app, g
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from matchmaker.core.mail import SEND_JOB, send_after_commit
from matchmaker.models.database import make_engine, make_session_factory
from matchmaker.services.ranking.index import OfferIndex, watch_offer_changes

from .queue_ext import queue_of


class Database:
    """One SQLAlchemy session per request (per app context), closed at teardown."""

    def init_app(self, app: Flask) -> None:
        """Create the engine and session factory for this app."""
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["matchmaker.db"] = {"engine": engine, "factory": make_session_factory(engine)}
        app.teardown_appcontext(self._teardown)

    def use_session_factory(self, app: Flask, factory: sessionmaker[Session]) -> None:
        """Serve this app's requests from another session factory (tests bind it to their transaction)."""
        app.extensions["matchmaker.db"]["engine"].dispose()
        app.extensions["matchmaker.db"]["factory"] = factory

    @property
    def engine(self) -> Engine:
        return current_app.extensions["matchmaker.db"]["engine"]

    @property
    def session_factory(self) -> sessionmaker[Session]:
        return current_app.extensions["matchmaker.db"]["factory"]

    @property
    def session(self) -> Session:
        """The current request's session."""
        if "db_session" not in g:
            session = self.session_factory()
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            # Mail written in this request is sent after its commit, whichever view committed it.
            send_after_commit(session, lambda: queue_of(app).enqueue(SEND_JOB))
            # Offers changed in this request are in the index for the next search, not after check_seconds.
            watch_offer_changes(session, offer_index(app))
            g.db_session = session
        return g.db_session

    @staticmethod
    def _teardown(_exc: BaseException | None) -> None:
        session: Session | None = g.pop("db_session", None)
        if session is not None:
            # Anything not committed by the view is discarded: a failed request changes nothing. When the
            # database went away (a restart), the rollback itself fails: there is nothing left to undo, and
            # the response already made must not turn into a server error.
            with contextlib.suppress(SQLAlchemyError):
                session.rollback()
            with contextlib.suppress(SQLAlchemyError):
                session.close()


db = Database()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


def init_offer_index(app: Flask) -> None:
    """The app's index of published offers: one per app, shared by its requests and threads."""
    c = app.config
    app.extensions["matchmaker.index"] = OfferIndex(
        background_refit=c["INDEX_BACKGROUND_REFIT"], check_seconds=c.get("INDEX_CHECK_SECONDS", 0.0),
        refit_changes=c.get("INDEX_REFIT_CHANGES", 1), refit_seconds=c.get("INDEX_REFIT_SECONDS", 0.0),
        path=c.get("INDEX_PATH") or None, refitter=c.get("INDEX_REFITTER", True))


def offer_index(app: Flask | None = None) -> OfferIndex:
    """The offer index of `app` (default: the current app)."""
    return (app or current_app).extensions["matchmaker.index"]


def session_for(app: Flask) -> Any:
    """The session factory of an app (for jobs and the CLI, outside requests)."""
    return app.extensions["matchmaker.db"]["factory"]
