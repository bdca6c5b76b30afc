"""A real SAML identity provider run by the tests: pysaml2's IdP server with key pairs generated here.

The SP (the app) and the IdP know each other from metadata files written to a temporary folder, exactly as in
production (the IdP metadata is configuration). The browser's part (redirects and the auto-POST form) is played
by the Flask test client.
"""

from __future__ import annotations

import base64
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_TRANSIENT, NameID
from saml2.server import Server

from tests.conftest import make_test_app

IDP_ENTITY = "https://idp.example.se/idp/shibboleth"
IDP_SSO = "https://idp.example.se/idp/profile/SAML2/Redirect/SSO"
IDP_SLO = "https://idp.example.se/idp/profile/SAML2/Redirect/SLO"


def key_pair(folder: Path, name: str) -> tuple[str, str]:
    """A fresh RSA key and self-signed certificate, as PEM files."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30)).sign(key, hashes.SHA256()))
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


def idp_config(folder: Path, sp_metadata: list[str], lifetime_minutes: int = 5) -> IdPConfig:
    key, cert = key_pair(folder, f"idp{lifetime_minutes}") if not (folder / "idp.key").exists() else (
        str(folder / "idp.key"), str(folder / "idp.crt"))
    conf = IdPConfig()
    conf.load({
        "entityid": IDP_ENTITY, "xmlsec_binary": shutil.which("xmlsec1"), "key_file": key, "cert_file": cert,
        "metadata": {"local": sp_metadata},
        "service": {"idp": {
            "name": "Test IdP",
            "endpoints": {"single_sign_on_service": [(IDP_SSO, BINDING_HTTP_REDIRECT)],
                          "single_logout_service": [(IDP_SLO, BINDING_HTTP_REDIRECT)]},
            "policy": {"default": {"lifetime": {"minutes": lifetime_minutes}, "name_form": NAME_FORMAT_URI,
                                   "sign": ["assertion"]}},
            "name_id_format": [NAMEID_FORMAT_TRANSIENT],
        }},
    })
    return conf


class TestIdP:
    """The identity provider: answers the SP's AuthnRequests with signed assertions."""

    def __init__(self, folder: Path, sp_metadata: list[str], lifetime_minutes: int = 5) -> None:
        self.server = Server(config=idp_config(folder, sp_metadata, lifetime_minutes))
        self.folder = folder

    def metadata(self) -> str:
        return create_metadata_string(None, config=self.server.config, valid=24, sign=False).decode()

    def answer(self, login_location: str, person: dict[str, list[str]], *, sp_entity: str | None = None,
               acs: str | None = None) -> tuple[str, dict[str, Any]]:
        """The SAMLResponse (base64) answering the AuthnRequest in the login redirect, and the request."""
        query = parse_qs(urlsplit(login_location).query)
        parsed = self.server.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
        req = parsed.message
        sp = sp_entity or req.issuer.text
        response = self.server.create_authn_response(
            person, in_response_to=req.id, destination=acs or req.assertion_consumer_service_url,
            sp_entity_id=sp, name_id=NameID(format=NAMEID_FORMAT_TRANSIENT, text="t-" + person["uid"][0]),
            sign_assertion=True, sign_response=False,
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
                   "authn_auth": IDP_ENTITY},
        )
        return base64.b64encode(str(response).encode()).decode(), {"id": req.id, "issuer": req.issuer.text}


def person(eppn: str = "anna@example.se", affiliation: str = "student", **extra: list[str]) -> dict[str, list[str]]:
    """The attributes SWAMID's REFEDS Personalized release gives."""
    values = {"uid": [eppn.split("@")[0]], "eduPersonPrincipalName": [eppn], "mail": [eppn],
              "displayName": ["Anna Andersson"], "givenName": ["Anna"], "sn": ["Andersson"],
              "eduPersonScopedAffiliation": [f"{affiliation}@example.se", "member@example.se"]}
    values.update(extra)
    return values


@pytest.fixture(scope="session")
def saml_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Keys and metadata of the SP and the IdP."""
    folder = tmp_path_factory.mktemp("saml")
    key_pair(folder, "sp")
    key_pair(folder, "idp")
    return folder


def sso_overrides(folder: Path) -> dict[str, str]:
    return {"SAML_IDP_METADATA": str(folder / "idp-metadata.xml"), "SAML_SP_KEY_FILE": str(folder / "sp.key"),
            "SAML_SP_CERT_FILE": str(folder / "sp.crt"), "SAML_ALLOWED_SCOPES": "example.se"}


@pytest.fixture(scope="session")
def saml_world(saml_folder: Path) -> dict[str, Any]:
    """SP metadata (from the app), IdP metadata (from the IdP), and a second SP the IdP also serves."""
    folder = saml_folder
    # The IdP metadata must exist before the SP can build its own: write a bootstrap IdP first.
    bootstrap = TestIdP(folder, [])
    (folder / "idp-metadata.xml").write_text(bootstrap.metadata())
    app = make_test_app("sqlite://", **sso_overrides(folder))
    sp_xml = app.test_client().get("/saml/metadata").get_data(as_text=True)
    (folder / "sp-metadata.xml").write_text(sp_xml)
    other = folder / "other-sp-metadata.xml"
    other.write_text(sp_xml.replace("http://localhost/saml/metadata", "https://other.example.org/sp"))
    return {"folder": folder, "sp_metadata": [str(folder / "sp-metadata.xml"), str(other)]}


@pytest.fixture
def idp(saml_world: dict[str, Any]) -> TestIdP:
    return TestIdP(saml_world["folder"], saml_world["sp_metadata"])


@pytest.fixture
def expired_idp(saml_world: dict[str, Any]) -> TestIdP:
    """An IdP whose assertions expired ten minutes before they were issued."""
    return TestIdP(saml_world["folder"], saml_world["sp_metadata"], lifetime_minutes=-10)


@pytest.fixture
def sso_app(database_url, session_factory, saml_world):  # type: ignore[no-untyped-def]
    return make_test_app(database_url, session_factory, **sso_overrides(saml_world["folder"]))


@pytest.fixture
def sso_client(sso_app):  # type: ignore[no-untyped-def]
    return sso_app.test_client()


__all__ = ["BINDING_HTTP_POST", "TestIdP", "person"]
