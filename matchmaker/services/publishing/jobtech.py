"""Offers in the JobTech JobAd format: the field names of Arbetsförmedlingen's open JobSearch/JobStream data,
so the region can pass them on to Platsbanken. Municipality codes are SCB's four-digit kommunkod (as in
JobTech's taxonomy); occupation codes are not known to Matchmaker and are left null. See docs/api.md."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from matchmaker.models import Offer, OfferKind

# JobTech's employment-type labels (its taxonomy names them; the concept ids are looked up by the receiver).
EMPLOYMENT_TYPE = {
    OfferKind.DEGREE_PROJECT: "Examensarbete", OfferKind.INTERNSHIP: "Praktik",
    OfferKind.SUMMER_INTERNSHIP: "Sommarjobb / feriejobb", OfferKind.TRAINEE: "Trainee",
    OfferKind.MENTORING: "Mentorskap", OfferKind.JOB: "Vanlig anställning",
}


def _moment(day: Any) -> str | None:
    return datetime.combine(day, time(23, 59)).isoformat() if day is not None else None


def job_ad(offer: Offer, url: str) -> dict[str, Any]:
    """One offer as a JobTech JobAd."""
    place = offer.municipality
    org = offer.organization
    return {
        "id": f"matchmaker-{offer.id}",
        "external_id": str(offer.id),
        "webpage_url": url,
        "headline": offer.title,
        "description": {"text": offer.description, "text_formatted": offer.description},
        "employment_type": {"concept_id": None, "label": EMPLOYMENT_TYPE[offer.kind]},
        "occupation": {"concept_id": None, "label": None, "legacy_ams_taxonomy_id": None},
        "number_of_vacancies": offer.places,
        "application_deadline": _moment(offer.application_deadline),
        "publication_date": (offer.published_at or offer.created_at).replace(tzinfo=None).isoformat(),
        "application_details": {"url": url, "via_af": False},
        "employer": {"name": org.name, "organization_number": org.org_number.replace("-", ""),
                     "url": org.website or None, "workplace": org.name},
        "workplace_address": {
            "municipality": place.name if place else None, "municipality_code": place.code if place else None,
            "region": place.county if place else None, "country": "Sverige", "country_code": "199",
        },
        "must_have": {"skills": [{"concept_id": None, "label": s} for s in offer.skills or []]},
        "remote_work": offer.remote,
        "duration": {"start": offer.period_start.isoformat() if offer.period_start else None,
                     "end": offer.period_end.isoformat() if offer.period_end else None},
        "source_type": "matchmaker",
    }
