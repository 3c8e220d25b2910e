"""Pytest plugin: the DEMO PKI (demo/pki.py) served on loopback for the test session."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.pki import DemoPki, ServedPki, pki_serve

# Keys are kept across runs (var/ is git-ignored); the certificates are rebuilt each session because
# their CRL/OCSP URLs carry the port of that session's server.
# One directory per parallel test process (gw0, gw1, …): each serves and rebuilds its own.
KEY_DIRECTORY = Path(__file__).resolve().parent.parent / "var" / "-".join(
    filter(None, ["test-pki", os.environ.get("PYTEST_XDIST_WORKER")]))


@pytest.fixture(scope="session")
def served_pki() -> Iterator[ServedPki]:
    served = pki_serve(KEY_DIRECTORY)
    yield served
    served.stop()


@pytest.fixture
def pki_trust(served_pki, settings) -> DemoPki:
    """Trust the DEMO root and timestamp with the DEMO TSA, for this test."""
    settings.SIGNATURE_TRUST_ROOTS = [str(served_pki.pki.roots_file)]
    settings.SIGNING_TIMESTAMP_URL = served_pki.pki.timestamp_url
    return served_pki.pki
