"""Shared fixtures: the demo world, and a signed-in client for each role in it."""

from collections.abc import Callable

import pytest
from django.test import Client

from microsystems.demo import seed
from microsystems.people.models import Organisation, User
from microsystems.programme.models import Programme


def pytest_report_header() -> str:
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database.get('HOST') or database['NAME']})"


@pytest.fixture
def demo(db: None) -> Programme:
    """The demo programme, loaded into the test database."""
    return seed.seed()


@pytest.fixture
def practice(demo: Programme) -> Callable[[str], Organisation]:
    """Look up a demo practice by its ODS code."""
    return lambda ods_code: Organisation.objects.get(ods_code=ods_code)


@pytest.fixture
def client_for(demo: Programme) -> Callable[[str], Client]:
    """A client signed in as the demo user with this email address."""

    def sign_in(email: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(email=email))
        return client

    return sign_in
