"""The Flask application factory."""

from __future__ import annotations

import os
from typing import Any

from apiflask import APIFlask
from flask import Flask

from .config import load_config


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure a Matchmaker app; `test_config` overrides the environment."""
    # APIFlask is a Flask that also describes the API blueprint (web/api/) in OpenAPI 3.1. Its own spec and docs
    # routes and its JSON errors are off: the HTML pages keep their error pages, the API serves its own.
    app = APIFlask(__name__, title="Matchmaker API", version="1", spec_path=None, docs_path=None, json_errors=False,
                   instance_relative_config=False)
    app.config.update(load_config(app.instance_path, test_config))
    os.makedirs(app.instance_path, exist_ok=True)

    from . import context, converters, errors, event_labels, hardening, i18n, labels, proxy, queue_ext, sqlite_retry
    from .extensions import babel, csrf, db, init_offer_index, limiter, login_manager

    converters.init_app(app)
    db.init_app(app)
    init_offer_index(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    i18n.init_i18n(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    app.config.setdefault("RATELIMIT_ENABLED", True)
    limiter.init_app(app)
    queue_ext.init_app(app)
    errors.init_app(app)
    context.init_app(app)
    labels.init_app(app)
    event_labels.init_app(app)
    hardening.init_app(app)
    sqlite_retry.init_app(app)
    proxy.init_app(app)

    from .admin import bp as admin_bp
    from .alumni import bp as alumni_bp
    from .api import bp as api_bp
    from .api import init_app as init_api
    from .auth import bp as auth_bp
    from .calendars import bp as calendars_bp
    from .coach import bp as coach_bp
    from .conversations import bp as conversations_bp
    from .employer import bp as employer_bp
    from .main import bp as main_bp
    from .publishing import bp as publishing_bp
    from .sso import bp as sso_bp
    from .student import bp as student_bp

    for blueprint in (main_bp, auth_bp, student_bp, employer_bp, coach_bp, admin_bp, publishing_bp, sso_bp, api_bp,
                      conversations_bp, calendars_bp, alumni_bp):
        app.register_blueprint(blueprint)
    init_api(app)
    from . import notification_mail

    notification_mail.init_app(app)  # after the blueprints: it builds links to their routes
    return app
