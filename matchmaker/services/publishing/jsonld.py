"""schema.org JobPosting for an offer, with the properties search engines require and recommend."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from matchmaker.models import Offer, OfferKind

# The properties the major search engines' job-posting rules require, and those they recommend.
REQUIRED = ("@context", "@type", "title", "description", "datePosted", "hiringOrganization", "jobLocation")
RECOMMENDED = ("validThrough", "employmentType", "identifier", "directApply", "applicantLocationRequirements")
EMPLOYMENT_TYPES = {
    OfferKind.DEGREE_PROJECT: ["INTERN"], OfferKind.INTERNSHIP: ["INTERN"], OfferKind.SUMMER_INTERNSHIP: ["INTERN"],
    OfferKind.TRAINEE: ["FULL_TIME", "TEMPORARY"], OfferKind.MENTORING: ["OTHER"], OfferKind.JOB: ["FULL_TIME"],
}


def job_posting(offer: Offer, url: str, organization_url: str) -> dict[str, Any]:
    """The JobPosting of a published offer (`url`: its public page)."""
    posted = offer.published_at or offer.created_at
    place = offer.municipality
    address = {"@type": "PostalAddress", "addressCountry": "SE"}
    if place is not None:
        address.update(addressLocality=place.name, addressRegion=place.county)
    data: dict[str, Any] = {
        "@context": "https://schema.org/", "@type": "JobPosting", "title": offer.title,
        "description": offer.description, "datePosted": posted.date().isoformat(),
        "employmentType": EMPLOYMENT_TYPES[offer.kind],
        "hiringOrganization": {"@type": "Organization", "name": offer.organization.name,
                               "sameAs": offer.organization.website or organization_url},
        "jobLocation": {"@type": "Place", "address": address},
        "identifier": {"@type": "PropertyValue", "name": offer.organization.name, "value": str(offer.id)},
        "directApply": True, "url": url,
    }
    if offer.application_deadline is not None:
        data["validThrough"] = datetime.combine(offer.application_deadline, time(23, 59)).isoformat()
    # Students of a Swedish university apply; remote offers say so as search engines ask for it.
    data["applicantLocationRequirements"] = {"@type": "Country", "name": "SE"}
    if offer.remote:
        data["jobLocationType"] = "TELECOMMUTE"
    if offer.skills:
        data["skills"] = ", ".join(offer.skills)
    if offer.period_start is not None:
        data["jobStartDate"] = offer.period_start.isoformat()
    return data


def missing(data: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """Which of `names` the posting lacks (or has empty)."""
    return [n for n in names if data.get(n) in (None, "", [], {})]
