"""Every page: the NHS.UK layout, and headers that keep it safe."""

import re

from django.test import Client
from django.urls import reverse

from microsystems.programme.models import Programme


def test_pages_have_the_design_system_layout(client: Client, db: None) -> None:
    page = client.get(reverse("sign-in")).text
    assert 'class="nhsuk-skip-link"' in page
    assert "Skip to main content" in page
    assert 'class="nhsuk-header' in page and "Microsystems" in page
    assert 'class="nhsuk-footer' in page
    assert "/static/vendor/nhsuk-frontend/nhsuk-frontend.min.css" in page


def test_the_only_inline_script_carries_the_nonce_the_policy_allows(client: Client, db: None) -> None:
    response = client.get(reverse("sign-in"))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce, policy
    assert "script-src 'self'" in policy
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    assert inline_scripts and all(f'nonce="{nonce.group(1)}"' in attrs for attrs in inline_scripts)
    assert response["X-Frame-Options"] == "DENY"


def test_design_system_icons_are_served_from_our_pinned_copy(client: Client, demo: Programme) -> None:
    response = client.get("/assets/images/favicon.svg")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    icon.close()


def test_a_page_that_does_not_exist_is_a_404(client: Client, demo: Programme) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="lead@demo.example"))
    assert client.get("/practices/00000000-0000-0000-0000-000000000000/").status_code == 404
