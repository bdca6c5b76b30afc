"""The kinds of notification: one table, so every event's wording and mail category live in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """A kind of event: its text (an English msgid with %(name)s params, translated when shown) and category."""

    name: str
    text: str
    category: str
    security: bool = False  # security mails are always sent at once and cannot be switched off


# Categories group kinds for the mail preferences.
CATEGORIES = ("applications", "messages", "offers", "allocation", "recommendations", "contracts", "deadlines",
              "alerts", "events", "mentoring", "alumni")

_TABLE = [
    # Applications and the hiring funnel
    Kind("application.new", "New application from %(student)s to “%(offer)s”", "applications"),
    Kind("application.status", "%(organization)s updated your application to “%(offer)s”", "applications"),
    Kind("application.offered", "%(organization)s offers you a place: “%(offer)s”. Accept or decline it.",
         "applications"),
    Kind("application.offer_withdrawn", "%(organization)s withdrew the offer of a place: “%(offer)s”",
         "applications"),
    Kind("application.accepted", "%(student)s accepted the place “%(offer)s”", "applications"),
    Kind("application.declined", "%(student)s declined the place “%(offer)s”", "applications"),
    Kind("application.withdrawn", "%(student)s withdrew the application to “%(offer)s”", "applications"),
    Kind("message.new", "New message from %(sender)s about “%(offer)s”", "messages"),
    Kind("interview.proposed", "%(sender)s proposed interview times for “%(offer)s”", "messages"),
    Kind("interview.booked", "Interview for “%(offer)s” booked: %(when)s", "messages"),
    # Offers and their review
    Kind("offer.submitted", "“%(offer)s” from %(organization)s waits for review", "offers"),
    Kind("offer.approved", "“%(offer)s” is approved and published", "offers"),
    Kind("offer.returned", "“%(offer)s” was returned for changes", "offers"),
    Kind("offer.rejected", "“%(offer)s” was rejected", "offers"),
    # Allocation rounds
    Kind("round.opened", "Allocation round “%(round)s” is open: make your ranking by %(deadline)s", "allocation"),
    Kind("round.deadline", "Allocation round “%(round)s”: the ranking closes on %(deadline)s", "allocation"),
    Kind("round.results", "The results of allocation round “%(round)s” are published", "allocation"),
    # Coaches and employers reaching out
    Kind("recommendation.new", "A coach recommends “%(offer)s” to you", "recommendations"),
    Kind("invitation.new", "%(organization)s invites you to apply to “%(offer)s”", "recommendations"),
    # Contracts
    Kind("contract.behind", "Competence contract “%(contract)s” is behind: %(line)s", "contracts"),
    # Deadlines and saved searches
    Kind("deadline.soon", "The application deadline of “%(offer)s” is %(date)s", "deadlines"),
    Kind("alert.offers", "New offers for your saved search “%(search)s”: %(count)s", "alerts"),
    Kind("alert.switched_off", "Your saved search “%(search)s” stopped sending alerts", "alerts"),
    # Meeting places
    Kind("event.moved_up", "A place opened at “%(event)s”: you are now registered", "events"),
    Kind("event.changed", "“%(event)s” has changed", "events"),
    Kind("event.slot_booked", "%(student)s booked an interview slot at “%(event)s”: %(when)s", "events"),
    Kind("mentoring.paired", "You are matched in “%(programme)s” with %(partner)s", "mentoring"),
    Kind("mentoring.checkin", "Time for the check-in in “%(programme)s”", "mentoring"),
    # Alumni
    Kind("alumni.converted", "Congratulations on your degree, %(name)s! Your account is now an alumni account: "
         "tell us whether we may keep in touch.", "alumni"),
]

KINDS: dict[str, Kind] = {k.name: k for k in _TABLE}
assert len(KINDS) == len(_TABLE), "a notification kind is listed twice"
assert all(k.category in CATEGORIES for k in _TABLE), "a notification kind names an unknown category"
