"""The pysaml2 service provider, configured from the app's settings (the IdP metadata is configuration)."""

from __future__ import annotations

import shutil
from typing import Any

from flask import Flask, current_app
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT

from ..urls import external_url


def enabled(app: Flask | None = None) -> bool:
    """SSO is on when IdP metadata and the SP's key pair are configured."""
    config = (app or current_app).config
    return bool(config["SAML_IDP_METADATA"] and config["SAML_SP_KEY_FILE"] and config["SAML_SP_CERT_FILE"])


def entity_id() -> str:
    """The SP's entity id: configured, else the metadata URL."""
    return str(current_app.config["SAML_ENTITY_ID"] or external_url("sso.metadata"))


def allowed_scopes() -> frozenset[str]:
    """Scopes (e.g. example.se) the IdP may assert in eduPersonPrincipalName and affiliations; empty: any."""
    raw = str(current_app.config["SAML_ALLOWED_SCOPES"])
    return frozenset(s.strip().lower() for s in raw.split(",") if s.strip())


def sp_settings() -> dict[str, Any]:
    """pysaml2's configuration of this SP: signed requests, signed assertions required, no unsolicited logins."""
    config = current_app.config
    sources = [p.strip() for p in str(config["SAML_IDP_METADATA"]).split(",") if p.strip()]
    return {
        "entityid": entity_id(),
        "xmlsec_binary": shutil.which("xmlsec1"),
        "key_file": config["SAML_SP_KEY_FILE"],
        "cert_file": config["SAML_SP_CERT_FILE"],
        "encryption_keypairs": [{"key_file": config["SAML_SP_KEY_FILE"], "cert_file": config["SAML_SP_CERT_FILE"]}],
        "metadata": {"local": sources},
        "accepted_time_diff": 60,
        "service": {"sp": {
            "name": "Matchmaker",
            "endpoints": {
                "assertion_consumer_service": [(external_url("sso.acs"), BINDING_HTTP_POST)],
                "single_logout_service": [(external_url("sso.sls"), BINDING_HTTP_REDIRECT)],
            },
            "name_id_format": [NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT],
            "allow_unsolicited": False,
            "authn_requests_signed": True,
            "logout_requests_signed": True,
            "want_assertions_signed": True,
            "want_response_signed": False,
            "required_attributes": ["eduPersonPrincipalName", "mail"],
            "optional_attributes": ["displayName", "givenName", "sn", "eduPersonScopedAffiliation"],
        }},
    }


def client() -> Saml2Client:
    """A pysaml2 client for this request."""
    conf = SPConfig()
    conf.load(sp_settings())
    return Saml2Client(config=conf)


def idp_entity_id(saml: Saml2Client) -> str:
    """The configured IdP, or the only one in the metadata."""
    configured = str(current_app.config["SAML_IDP_ENTITY_ID"])
    if configured:
        return configured
    idps = list(saml.metadata.with_descriptor("idpsso"))
    if len(idps) != 1:
        raise RuntimeError("set MATCHMAKER_SAML_IDP_ENTITY_ID: the metadata names several identity providers")
    return str(idps[0])
