"""The door: refuse unknown Host headers in production; trust a reverse proxy's headers only when configured."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.sansio.utils import host_is_trusted
from werkzeug.wsgi import get_host

WSGIApp = Any


class AcceptedHosts:
    """WSGI middleware: a request whose Host is not one of `hosts` gets a plain 400 before the app sees it."""

    def __init__(self, wsgi_app: WSGIApp, hosts: list[str]) -> None:
        self.wsgi_app = wsgi_app
        self.hosts = [h for h in hosts if h]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        try:
            host = get_host(environ)
        except SecurityError:
            host = ""
        if not host or not host_is_trusted(host, self.hosts):
            body = "Unknown host / Okänd värd\n".encode()
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                               ("Content-Length", str(len(body))),
                                               ("X-Content-Type-Options", "nosniff")])
            return [body]
        return self.wsgi_app(environ, start_response)  # type: ignore[no-any-return]


def init_app(app: Flask) -> None:
    """Wrap the app: ProxyFix for PROXY_HOPS proxies (0: forwarded headers ignored), then the Host check."""
    hops = int(app.config.get("PROXY_HOPS", 0))
    if hops:
        # The client address (per-client throttling) and the scheme (https) come from the proxies' headers; the
        # host does not: links come from PUBLIC_URL, and production checks the Host header itself.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=0, x_prefix=0
        )
    hosts = app.config.get("ACCEPTED_HOSTS")
    if hosts is not None:
        app.wsgi_app = AcceptedHosts(app.wsgi_app, list(hosts))  # type: ignore[method-assign]
