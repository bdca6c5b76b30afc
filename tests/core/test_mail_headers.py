"""Extra mail headers: stored with the mail, on one line, and never the ones the sender sets itself."""

from __future__ import annotations

import pytest

from matchmaker.core import mail

pytestmark = pytest.mark.db


def test_headers_are_stored_on_one_line(db_session) -> None:
    queued = mail.queue_mail(db_session, "a@example.org", "S", "B",
                             headers={"List-Unsubscribe": "<https://x.example/u/1>\r\nBcc: evil@example.org"})
    assert queued.headers == {"List-Unsubscribe": "<https://x.example/u/1> Bcc: evil@example.org"}


@pytest.mark.parametrize("name", ["Bcc", "To", "From", "Bad Name", "X\r\nBcc"])
def test_reserved_or_malformed_names_are_refused(db_session, name) -> None:
    with pytest.raises(ValueError):
        mail.queue_mail(db_session, "a@example.org", "S", "B", headers={name: "x"})
