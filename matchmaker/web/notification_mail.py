"""The web side of notification mail: the catalogue's words, absolute links and signed unsubscribe tokens.

Installed for the whole process at start-up (services/notifications/delivery.py explains why): it needs no
request or app context, so the in-process worker, RQ workers and the scheduler render mail with it too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from babel.support import NullTranslations, Translations
from flask import Flask
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from matchmaker.services.notifications import delivery

UNSUBSCRIBE_SALT = "matchmaker.mail-unsubscribe"
# A link in an old mail keeps working this long (mail clients keep the List-Unsubscribe URL as long as the mail).
UNSUBSCRIBE_MAX_AGE = 180 * 86400


class BabelRenderer:
    """Renders mail words with the compiled catalogue and links under PUBLIC_URL."""

    def __init__(self, app: Flask) -> None:
        self._dirs = str(app.config["BABEL_TRANSLATION_DIRECTORIES"])
        self._catalogues: dict[str, NullTranslations] = {}
        self._app = app
        self._signer = unsubscribe_signer(app)

    def _catalogue(self, locale: str) -> NullTranslations:
        if locale not in self._catalogues:
            self._catalogues[locale] = Translations.load(self._dirs, [locale])
        return self._catalogues[locale]

    def gettext(self, locale: str, msgid: str) -> str:
        return self._catalogue(locale).gettext(msgid)

    def url(self, endpoint: str, **values: object) -> str:
        # PUBLIC_URL read when the mail is written, not at start-up: `serve` and `demo` set it to the port they
        # serve on after the app is made, so the demo's mail linked to the default port.
        public = urlsplit(str(self._app.config["PUBLIC_URL"]) or "http://localhost")
        urls = self._app.url_map.bind(public.netloc or "localhost", script_name=public.path or "/",
                                      url_scheme=public.scheme or "http")
        return urls.build(endpoint, values, force_external=True)

    def notification_url(self, notification_id: int) -> str:
        return self.url("auth.notification_open", notification_id=notification_id)

    def settings_url(self) -> str:
        return self.url("auth.mail_settings")

    def unsubscribe_url(self, user_id: int, scope: str) -> str:
        return self.url("auth.unsubscribe", token=self._signer.dumps({"u": user_id, "s": scope}))


def unsubscribe_signer(app: Flask) -> URLSafeTimedSerializer:
    """The signer of unsubscribe tokens (the app's secret key, a salt of its own)."""
    return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(app: Flask, token: str) -> tuple[int, str] | None:
    """(user id, scope) from a genuine, unexpired token; None for a forged, altered or expired one."""
    try:
        data = unsubscribe_signer(app).loads(token, max_age=UNSUBSCRIBE_MAX_AGE)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("s"), str):
        return None
    return data["u"], data["s"]


def init_app(app: Flask) -> None:
    """Install this app's renderer for the process's notification mail."""
    delivery.install_renderer(BabelRenderer(app))
