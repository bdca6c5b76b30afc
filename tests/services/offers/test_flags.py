"""Automatic review flags: money wording (word boundaries, both languages) and duplicate detection."""

from __future__ import annotations

import pytest

from matchmaker.models import OfferStatus
from matchmaker.services.offers.flags import duplicates_of, money_words, normalise, similarity


@pytest.mark.parametrize("text, expected", [
    ("Du betalar en avgift på 500 kr", ["betalar", "avgift"]),
    ("Anmälningsavgiften swishas till 123", ["anmälningsavgiften", "swishas"]),
    ("Skicka dina bankuppgifter och ditt kontonummer", ["bankuppgifter", "kontonummer"]),
    ("Betalning sker via Swish", ["betalning", "swish"]),
    ("A small fee and a deposit are required", ["fee", "deposit"]),
    ("Send your BANK DETAILS and account number", ["bank details", "account number"]),
    ("We need your bank\naccount to pay you", ["bank account", "pay"]),
])
def test_money_wording_is_found_in_swedish_and_english(text, expected) -> None:
    assert money_words(text) == expected


@pytest.mark.parametrize("text", [
    "Praktiken är avgiftsfri för studenter",  # "free of charge": the compound starts with avgift
    "Feedback every week from your mentor",  # fee inside a word
    "You will work with our payroll system",  # pay inside a word
    "Vi söker en utvecklare till vårt team i Umeå",
])
def test_harmless_wording_is_not_flagged(text) -> None:
    assert money_words(text) == []


def test_normalise_ignores_case_punctuation_and_spacing() -> None:
    assert normalise("  Sommarjobb: UTVECKLARE!\n i  Umeå ") == "sommarjobb utvecklare i umeå"


def test_similarity_threshold() -> None:
    a = normalise("Examensarbete om maskininlärning för skogsbruk med drönarbilder och Python")
    assert similarity(a, a) == 1.0
    b = normalise("Examensarbete om maskininlärning för skogsbruk med drönarbilder och Python!")
    assert similarity(a, b) >= 0.9
    assert similarity(a, normalise("Sommarjobb som undersköterska i Kramfors kommun")) < 0.9


@pytest.mark.db
def test_duplicates_are_only_within_the_same_organisation_and_live_offers(factory) -> None:
    org, other_org = factory.organization(), factory.organization()
    text = "Vi erbjuder ett examensarbete om energieffektiva byggnader i kallt klimat."
    offer = factory.offer(org, title="Exjobb energi", description=text, status=OfferStatus.SUBMITTED)
    same = factory.offer(org, title="Exjobb energi", description=text)
    factory.offer(other_org, title="Exjobb energi", description=text)  # other organisation
    factory.offer(org, title="Exjobb energi", description=text, status=OfferStatus.DRAFT)  # not live
    factory.offer(org, title="Lärling i bageri", description="Baka bröd tidigt på morgonen.")
    assert [o.id for o, _ in duplicates_of(factory.session, offer)] == [same.id]
