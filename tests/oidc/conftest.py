"""A real OpenID Connect provider on loopback (tests/oidc/provider.py) and a portal that signs
in through it. A missing Node.js or provider package fails with how to get it, never skips."""

import pytest
from playhouse.pool import PooledDatabase

from portal.platform import database
from tests.conftest import drop_created_databases, make_app
from tests.oidc.provider import CLIENT_ID, CLIENT_SECRET, Provider, missing

RETURN_URL = "http://localhost/sign-in/provider/return"  # the test client's external address


@pytest.fixture
def provider(tmp_path):
    problem = missing()
    if problem:
        pytest.fail(problem)
    provider = Provider(RETURN_URL, "http://localhost/", tmp_path / "provider.log")
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def app(tmp_path, provider):
    """The portal with sign-in through the provider (replaces the suite's plain app)."""
    app = make_app(
        tmp_path,
        OIDC_ISSUER=provider.issuer,
        OIDC_CLIENT_ID=CLIENT_ID,
        OIDC_CLIENT_SECRET=CLIENT_SECRET,
        OIDC_LABEL="Intranet",
    )
    yield app
    if not database.db.is_closed():
        database.db.close()
    if isinstance(database.db.obj, PooledDatabase):
        database.db.obj.close_all()
    drop_created_databases()
