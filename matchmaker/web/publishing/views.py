"""Public data for others' pages and machines: sitemap, RSS/Atom of new offers, embeddable offer lists,
and the JobPosting JSON-LD of offer pages."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from flask import Response, render_template, request
from flask_babel import gettext as _
from markupsafe import Markup

from matchmaker.models import Offer, OfferStatus
from matchmaker.services.karriarsok import search
from matchmaker.services.publishing import feeds, jsonld, listing

from ..extensions import db, offer_index
from ..i18n import current_locale
from ..urls import external_url
from .blueprint import bp

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def offer_url(offer: Offer) -> str:
    """The public page of an offer."""
    return external_url("main.offer_detail", offer_id=offer.id)


@bp.app_template_global()
def job_posting_jsonld(offer: Offer) -> Markup:
    """The offer's JobPosting as a JSON-LD script element (published offers only; '<' escaped for HTML)."""
    if offer.status != OfferStatus.PUBLISHED:
        return Markup("")
    data = jsonld.job_posting(offer, offer_url(offer), external_url("main.index"))
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup('<script type="application/ld+json">') + Markup(text) + Markup("</script>")


@bp.route("/sitemap.xml")
def sitemap() -> Response:
    """The public pages: start, Karriärsök, privacy, and every open offer."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for endpoint in ("main.index", "main.offers", "main.privacy"):
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP_NS}}}url"), f"{{{SITEMAP_NS}}}loc").text = external_url(endpoint)
    for offer in listing.open_offers(db.session, date.today(), limit=listing.MAX_LISTED * 10):
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = offer_url(offer)
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = offer.updated_at.date().isoformat()
    return Response(ET.tostring(root, encoding="utf-8", xml_declaration=True), mimetype="application/xml")


def _feed_offers() -> tuple[list[Offer], search.SearchParams]:
    params = search.SearchParams.from_args(request.args)
    params.sort, params.page = "newest", 1
    result = search.search(db.session, offer_index(), params, None, date.today())
    return [hit.offer for hit in result.hits], params


@bp.route("/feeds/offers.rss")
def feed_rss() -> Response:
    """New open offers as RSS 2.0, with Karriärsök's filters (q, kind, program, municipality, county, ...)."""
    offers, params = _feed_offers()
    body = feeds.rss(offers, title=_("New offers in Karriärsök"), link=external_url("main.offers", **params.to_args()),
                     self_url=external_url("publishing.feed_rss", **params.to_args()), url_of=offer_url)
    return Response(body, mimetype="application/rss+xml")


@bp.route("/feeds/offers.atom")
def feed_atom() -> Response:
    """New open offers as Atom, with Karriärsök's filters."""
    offers, params = _feed_offers()
    body = feeds.atom(offers, title=_("New offers in Karriärsök"),
                      link=external_url("main.offers", **params.to_args()),
                      self_url=external_url("publishing.feed_atom", **params.to_args()), url_of=offer_url)
    return Response(body, mimetype="application/atom+xml")


def _embed(offers: list[Offer], heading: str, fmt: str) -> Any:
    if fmt == "json":
        data = {"title": heading, "offers": [
            {"id": o.id, "title": o.title, "kind": o.kind.value, "organization": o.organization.name,
             "municipality": o.municipality.name if o.municipality else None, "url": offer_url(o),
             "application_deadline": o.application_deadline.isoformat() if o.application_deadline else None}
            for o in offers]}
        response = Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")
    else:
        response = Response(render_template("publishing/embed.html", offers=offers, heading=heading,
                                            offer_url=offer_url, locale=current_locale()), mimetype="text/html")
    # Another site's own script may fetch the list; no cookies are involved.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.route("/embed/organizations/<int:organization_id>/offers.<any(html, json):fmt>")
def embed_organization(organization_id: int, fmt: str) -> Any:
    """An organisation's open offers as a plain HTML snippet or JSON, to include on its own pages."""
    org = listing.organization_for(db.session, None, organization_id)
    offers = listing.open_offers(db.session, date.today(), organization_id=org.id)
    return _embed(offers, _("Open offers at %(name)s", name=org.name), fmt)


@bp.route("/embed/municipalities/<string:code>/offers.<any(html, json):fmt>")
def embed_municipality(code: str, fmt: str) -> Any:
    """A municipality's open offers (by its four-digit code) as a plain HTML snippet or JSON."""
    place = listing.municipality_by_code(db.session, code[:4])
    offers = listing.open_offers(db.session, date.today(), municipality_id=place.id)
    return _embed(offers, _("Open offers in %(name)s", name=place.name), fmt)
