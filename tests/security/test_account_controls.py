"""Account controls: mailed single-use reset token, no enumeration, throttling, ending sessions, idle timeout."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.core.passwords import verify_password
from matchmaker.models import OutboxMail, PasswordResetToken, utcnow
from matchmaker.services.accounts import password_reset
from tests.conftest import PASSWORD, make_test_app

pytestmark = pytest.mark.db

NEW = "a-brand-new-passphrase"
EN = {"Accept-Language": "en"}


def _mails_to(db_session, address: str) -> list[OutboxMail]:
    return list(db_session.scalars(select(OutboxMail).where(OutboxMail.to_address == address)))


def _token_from_mail(mail: OutboxMail) -> str:
    match = re.search(r"/password/reset/([A-Za-z0-9_\-]+)", mail.body)
    assert match, mail.body
    return match.group(1)


def test_reset_flow_mails_a_link_stores_only_a_hash_and_works_once(client, factory, db_session, capsys) -> None:
    user = factory.student()
    response = client.post("/password/forgot", data={"email": user.email.upper()}, headers=EN)
    assert response.status_code == 302
    [mail] = _mails_to(db_session, user.email)
    assert mail.sent_at is not None  # the mail.send_pending job ran (sync queue) and printed it (no SMTP host)
    assert user.email in capsys.readouterr().out
    raw = _token_from_mail(mail)
    [stored] = db_session.scalars(select(PasswordResetToken).where(PasswordResetToken.user_id == user.id))
    assert stored.token_hash == password_reset.hash_token(raw) and raw not in stored.token_hash
    assert client.get(f"/password/reset/{raw}").status_code == 200
    response = client.post(f"/password/reset/{raw}", data={"new_password": NEW, "confirm": NEW})
    assert response.status_code == 302
    db_session.refresh(user)
    assert verify_password(user.password_hash, NEW)
    # Single use: the same link is dead now.
    assert client.get(f"/password/reset/{raw}").status_code == 404
    again = client.post(f"/password/reset/{raw}", data={"new_password": "yet-another-passphrase",
                                                        "confirm": "yet-another-passphrase"})
    assert again.status_code == 404
    db_session.refresh(user)
    assert verify_password(user.password_hash, NEW)


def test_reset_token_expires(client, factory, db_session) -> None:
    user = factory.student()
    raw = password_reset.request_reset(db_session, user.email, lambda u, a, t: ("s", t))
    token = db_session.scalar(select(PasswordResetToken).where(PasswordResetToken.user_id == user.id))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db_session.flush()
    response = client.post(f"/password/reset/{raw}", data={"new_password": NEW, "confirm": NEW})
    assert response.status_code == 404
    db_session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)


def test_forgot_password_does_not_reveal_which_emails_exist(client, factory, db_session) -> None:
    user = factory.student()
    known = client.post("/password/forgot", data={"email": user.email}, headers=EN)
    page_known = client.get(known.headers["Location"], headers=EN).get_data(as_text=True)
    unknown = client.post("/password/forgot", data={"email": "nobody-here@example.org"}, headers=EN)
    page_unknown = client.get(unknown.headers["Location"], headers=EN).get_data(as_text=True)
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert "If an account has this email" in page_known
    strip = re.compile(r'name="csrf_token"[^>]*>')
    assert strip.sub("", page_known) == strip.sub("", page_unknown)
    [told] = _mails_to(db_session, "nobody-here@example.org")  # told that no account uses the address
    assert "no account uses it" in told.body and "/password/reset/" not in told.body


def _statements(connection, request):
    """The SQL statements (text only) a request runs."""
    from sqlalchemy import event

    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:
        seen.append(re.sub(r"sa_savepoint_\d+", "savepoint", statement))  # the test's own nesting

    event.listen(connection, "before_cursor_execute", record)
    try:
        response = request()
    finally:
        event.remove(connection, "before_cursor_execute", record)
    return response, seen


def test_a_reset_request_does_the_same_work_for_known_and_unknown_addresses(client, factory, connection,
                                                                            db_session) -> None:
    user = factory.student()
    known, known_sql = _statements(connection, lambda: client.post("/password/forgot", data={"email": user.email}))
    unknown, unknown_sql = _statements(
        connection, lambda: client.post("/password/forgot", data={"email": "nobody-at-all@example.org"}))
    assert known.status_code == unknown.status_code == 302
    assert known_sql == unknown_sql  # the same statements in the same order: a token row, a mail, an audit record
    assert sum(s.startswith("INSERT") for s in known_sql) >= 3
    assert len(_mails_to(db_session, user.email)) == len(_mails_to(db_session, "nobody-at-all@example.org")) == 1


def test_registration_does_the_same_work_for_free_and_taken_addresses(client, factory, connection, db_session,
                                                                      monkeypatch) -> None:
    from matchmaker.services.accounts import registration

    taken = factory.student(email="taken-reg@example.org")
    hashed: list[str] = []
    real = registration.hash_password
    monkeypatch.setattr(registration, "hash_password", lambda pw: hashed.append(pw) or real(pw))

    def form(email: str) -> dict[str, str]:
        return {"role": "student", "name": "Nina", "email": email, "password": NEW, "confirm": NEW}

    free, free_sql = _statements(connection, lambda: client.post("/register", data=form("free-reg@example.org")))
    same, taken_sql = _statements(connection, lambda: client.post("/register", data=form(taken.email)))
    assert free.status_code == same.status_code == 302 and free.headers["Location"] == same.headers["Location"]
    assert hashed == [NEW, NEW]  # the password is hashed for the taken address too
    assert free_sql == taken_sql
    assert len(_mails_to(db_session, taken.email)) == len(_mails_to(db_session, "free-reg@example.org")) == 1


def test_reset_refuses_a_weak_password_and_keeps_the_token(client, factory, db_session) -> None:
    user = factory.student()
    raw = password_reset.request_reset(db_session, user.email, lambda u, a, t: ("s", t))
    response = client.post(f"/password/reset/{raw}", data={"new_password": "password1", "confirm": "password1"},
                           headers=EN)
    assert response.status_code == 400
    assert 'id="new_password-error"' in response.get_data(as_text=True)
    assert password_reset.user_for_token(db_session, raw) is not None


def test_reset_ends_every_session(app, client, factory, login) -> None:
    user = factory.student()
    login(user)
    assert client.get("/student/").status_code == 200
    raw = password_reset.request_reset(app.extensions["matchmaker.db"]["factory"](), user.email,
                                       lambda u, a, t: ("s", t))
    other = app.test_client()
    assert other.post(f"/password/reset/{raw}", data={"new_password": NEW, "confirm": NEW}).status_code == 302
    assert client.get("/student/").status_code == 302


def test_logout_ends_the_other_sessions_too(app, client, factory, login) -> None:
    user = factory.student()
    other = app.test_client()
    assert other.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    assert other.get("/student/").status_code == 200
    login(user)
    client.post("/logout")
    assert client.get("/student/").status_code == 302
    assert other.get("/student/").status_code == 302


def test_failures_from_elsewhere_do_not_lock_the_owner_out(client, factory) -> None:
    user = factory.student()
    for i in range(12):  # an attacker guesses from many addresses
        for _ in range(5):
            response = client.post("/login", data={"email": user.email, "password": "wrong-password"},
                                   environ_base={"REMOTE_ADDR": f"10.0.{i}.1"})
        assert response.status_code == 400
        # ... and each address is stopped on its own for this account
        response = client.post("/login", data={"email": user.email, "password": "wrong-password"},
                               environ_base={"REMOTE_ADDR": f"10.0.{i}.1"}, headers=EN)
        assert response.status_code == 429
        assert "Too many attempts" in response.get_data(as_text=True) and response.headers.get("Retry-After")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": "10.0.99.99"})
    assert response.status_code == 302  # the owner, at home, is not locked out


def test_lockout_backs_off_per_account_and_address(client, factory, monkeypatch) -> None:
    import limits.storage.memory as memory

    now = [memory.time.time()]

    class Clock:
        @staticmethod
        def time() -> float:
            return now[0]

    monkeypatch.setattr(memory, "time", Clock)
    user = factory.student()

    def fail() -> int:
        return client.post("/login", data={"email": user.email, "password": "wrong-password"},
                           environ_base={"REMOTE_ADDR": "10.7.7.7"}).status_code

    blocked_after = []
    for _minute in range(6):
        tries = 0
        while fail() == 400:
            tries += 1
        blocked_after.append(tries)
        now[0] += 61
    # 5 tries a minute, until 20 in the hour are used up: then none for the rest of the hour.
    assert blocked_after == [5, 5, 5, 5, 0, 0]
    now[0] += 3600
    assert fail() == 400
    # A successful login does not count against the owner.
    assert client.post("/login", data={"email": user.email, "password": PASSWORD},
                       environ_base={"REMOTE_ADDR": "10.7.7.7"}).status_code == 302


def test_login_is_throttled_per_address_across_accounts(client, factory) -> None:
    for i in range(10):
        response = client.post("/login", data={"email": f"guess{i}@example.org", "password": "wrong-password"},
                               environ_base={"REMOTE_ADDR": "10.9.9.9"})
        assert response.status_code == 400
    user = factory.student()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 429
    # Another address is not affected.
    response = client.post("/login", data={"email": user.email, "password": PASSWORD},
                           environ_base={"REMOTE_ADDR": "10.9.9.10"})
    assert response.status_code == 302


def test_429_page_is_localised(client, factory) -> None:
    user = factory.student()
    for _ in range(6):
        response = client.post("/login", data={"email": user.email, "password": "wrong-password"},
                               headers={"Accept-Language": "sv"})
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Too many attempts" not in html and "<h1>" in html


def test_login_throttling_counts_in_redis_when_configured(database_url, session_factory, factory) -> None:
    """With MATCHMAKER_RATELIMIT_STORAGE=redis://..., counts live in Redis, shared by every server process."""
    import redis

    url = "redis://127.0.0.1:6379/13"
    user = factory.student()
    first = make_test_app(database_url, session_factory, RATELIMIT_STORAGE_URI=url)
    from matchmaker.web.extensions import limiter

    assert type(limiter.storage).__name__.startswith("Redis")
    conn = redis.Redis.from_url(url)
    try:
        c1 = first.test_client()
        for _ in range(5):
            assert c1.post("/login", data={"email": user.email, "password": "nope-nope-nope"}).status_code == 400
        assert any(user.email.encode() in key for key in conn.keys("*"))
        # A second app (another server process) sees the same counts.
        second = make_test_app(database_url, session_factory, RATELIMIT_STORAGE_URI=url)
        response = second.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 429
    finally:
        for key in conn.keys("*"):
            if user.email.encode() in key or b"127.0.0.1" in key or b"10.1.1.1" in key:
                conn.delete(key)
        conn.close()


_REAL_TIME = time.time


def _age_session_cookie(monkeypatch, seconds: int) -> None:
    """Pretend `seconds` passed since the test began: itsdangerous signs and checks with time.time."""
    import itsdangerous.timed as timed

    monkeypatch.setattr(timed.time, "time", lambda: _REAL_TIME() + seconds)


def test_idle_timeout_ends_a_session(database_url, session_factory, factory, monkeypatch) -> None:
    app = make_test_app(database_url, session_factory, PERMANENT_SESSION_LIFETIME=120)
    client = app.test_client()
    user = factory.student()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    response = client.get("/student/")
    assert response.status_code == 200
    cookie = response.headers.get("Set-Cookie", "")
    assert "Max-Age=120" in cookie or "Expires=" in cookie  # refreshed on each request: an idle timeout
    _age_session_cookie(monkeypatch, 100)
    assert client.get("/student/").status_code == 200  # active within the limit: still in, and refreshed
    _age_session_cookie(monkeypatch, 200)
    assert client.get("/student/").status_code == 200  # 200 s after login but 100 s idle: an idle, not absolute, limit
    _age_session_cookie(monkeypatch, 200 + 121)
    assert client.get("/student/").status_code == 302  # idle too long: out, even if the browser kept the cookie


def test_session_after_registration_also_gets_the_idle_timeout(client, db_session) -> None:
    from tests.fixtures.registration import register

    response = register(client, db_session, {"role": "student", "name": "Ida", "email": "ida-idle@example.org",
                                             "password": NEW, "confirm": NEW})
    assert response.status_code == 302
    response = client.get("/student/")
    assert response.status_code == 200
    assert "Expires=" in response.headers.get("Set-Cookie", "")


def test_a_second_reset_request_keeps_one_valid_link_per_request_and_reset_burns_all(client, factory,
                                                                                     db_session) -> None:
    user = factory.student()
    one = password_reset.request_reset(db_session, user.email, lambda u, a, t: ("s", t))
    two = password_reset.request_reset(db_session, user.email, lambda u, a, t: ("s", t))
    assert client.post(f"/password/reset/{two}", data={"new_password": NEW, "confirm": NEW}).status_code == 302
    assert password_reset.user_for_token(db_session, one) is None
    db_session.refresh(user)
    assert user.session_version == 2


def test_reset_requests_are_throttled_per_email_across_addresses(client, factory, db_session) -> None:
    user = factory.student()
    for i in range(5):
        response = client.post("/password/forgot", data={"email": user.email},
                               environ_base={"REMOTE_ADDR": f"10.2.0.{i + 1}"})
        assert response.status_code == 302
    response = client.post("/password/forgot", data={"email": user.email}, environ_base={"REMOTE_ADDR": "10.2.0.99"})
    assert response.status_code == 429
    assert len(_mails_to(db_session, user.email)) == 5  # nobody can flood a mailbox
