"""Browser hardening: no inline script or style anywhere in the templates, security headers, HSTS in production,
friendly 413 for oversized requests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from matchmaker.web.hardening import CSP
from tests.conftest import make_test_app

TEMPLATES = Path(__file__).resolve().parents[2] / "matchmaker" / "web" / "templates"
ALL_TEMPLATES = sorted(TEMPLATES.rglob("*.html"))

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
# A resource loaded from elsewhere (a CDN): any element but a plain link (<a>), which only leads elsewhere, as the
# accessibility statement's link to the supervising authority must.
EXTERNAL = re.compile(r"""<(?!a\s)[a-z][a-z0-9]*\s[^>]*\b(src|href)\s*=\s*["']https?://""", re.IGNORECASE | re.DOTALL)


def test_templates_exist_to_scan() -> None:
    assert len(ALL_TEMPLATES) > 10


@pytest.mark.parametrize("path", ALL_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_inline_script_style_or_handlers(path: Path) -> None:
    text = path.read_text("utf-8")
    # Jinja comments may mention the forbidden things; only markup counts.
    markup = re.sub(r"{#.*?#}", "", text, flags=re.DOTALL)
    for name, pattern in [("inline <script>", INLINE_SCRIPT), ("style attribute", STYLE_ATTRIBUTE),
                          ("<style> element", STYLE_ELEMENT), ("on* event handler", EVENT_HANDLER),
                          ("javascript: URL", JS_URL), ("external resource (no CDN)", EXTERNAL)]:
        found = pattern.search(markup)
        assert found is None, f"{path.relative_to(TEMPLATES)}: {name}: {found.group(0)[:80]!r}"


def test_scanner_catches_what_it_should() -> None:
    assert INLINE_SCRIPT.search("<script>alert(1)</script>") and not INLINE_SCRIPT.search('<script src="/a.js">')
    assert STYLE_ATTRIBUTE.search('<p class="x" style="color:red">')
    assert EVENT_HANDLER.search('<button type="button"\n onclick="go()">')
    assert JS_URL.search('<a href="javascript:void(0)">')
    assert EXTERNAL.search('<link rel="stylesheet" href="https://cdn.example/x.css">')
    assert EXTERNAL.search('<script\n  src="http://cdn.example/x.js">') and EXTERNAL.search('<img alt="" src="https://x/y.png">')
    assert not EXTERNAL.search('<a href="https://www.digg.se/">') and not EXTERNAL.search('<link href="/static/a.css">')


def test_csp_forbids_inline_code_plugins_base_and_framing() -> None:
    directives = {d.strip().split(" ")[0]: d.strip() for d in CSP.split(";")}
    assert directives["script-src"] == "script-src 'self'" and "unsafe-inline" not in CSP
    assert directives["style-src"] == "style-src 'self'"
    assert directives["object-src"] == "object-src 'none'"
    assert directives["base-uri"] == "base-uri 'none'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"


@pytest.mark.db
def test_headers_in_testing_have_no_hsts(client) -> None:
    response = client.get("/")
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.db
def test_production_sends_hsts_and_secure_cookies(database_url, session_factory) -> None:
    app = make_test_app(database_url, session_factory, ENV="production", PUBLIC_URL="https://matchmaker.example.org",
                        SECRET_KEY="x" * 40)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    client = app.test_client()
    response = client.get("/", base_url="https://matchmaker.example.org")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    error = client.get("/no-such-page", base_url="https://matchmaker.example.org")
    assert error.status_code == 404 and "Strict-Transport-Security" in error.headers
    assert error.headers["Content-Security-Policy"] == CSP


@pytest.mark.db
def test_oversized_request_gets_a_friendly_413(client, app) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit == 5 * 1024 * 1024
    response = client.post("/login", data={"email": "a@example.org", "password": "x" * (limit + 1)},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "What you sent is too large." in html and "<main" in html
    response = client.post("/login", data={"email": "a@example.org", "password": "x" * (limit + 1)},
                           headers={"Accept-Language": "sv"})
    assert "Det du skickade är för stort." in response.get_data(as_text=True)


@pytest.mark.db
def test_oversized_upload_gets_413(client, app) -> None:
    import io

    from werkzeug.test import EnvironBuilder

    big = io.BytesIO(b"%PDF-1.4\n" + b"0" * (app.config["MAX_CONTENT_LENGTH"] + 10))
    builder = EnvironBuilder(path="/register", method="POST", data={"cv_file": (big, "cv.pdf")})
    environ = builder.get_environ()
    try:
        response = client.open(environ)
        assert response.status_code == 413
    finally:
        environ["wsgi.input"].close()  # the encoded body is a temporary file
        builder.close()
