"""Signing in and out, and resetting a forgotten password by email."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from microsystems.programme.models import Programme
from tests.demo_people import DEMO_PASSWORD, LEAD, ORCHARD_LANE_STAFF


def test_sign_in_with_email_and_password_then_sign_out(client: Client, demo: Programme) -> None:
    response = client.post(reverse("sign-in"), {"username": LEAD, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200

    assert "Sign out" in client.get(reverse("sign-out")).text  # a GET only asks
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("sign-out"))
    assert client.get(reverse("home")).status_code == 302


def test_email_address_is_not_case_sensitive(client: Client, demo: Programme) -> None:
    response = client.post(reverse("sign-in"), {"username": LEAD.upper(), "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_a_wrong_password_is_refused_with_a_clear_message_and_the_email_kept(
    client: Client, demo: Programme
) -> None:
    response = client.post(reverse("sign-in"), {"username": LEAD, "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.text
    assert f'value="{LEAD}"' in response.text
    assert "<title>Error: Sign in" in response.text


def test_password_reset_by_email(client: Client, demo: Programme) -> None:
    response = client.post(reverse("password-reset"), {"email": ORCHARD_LANE_STAFF})
    assert response["Location"] == reverse("password-reset-sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ORCHARD_LANE_STAFF]
    assert message.subject == "Reset your Microsystems password"
    link = re.search(r"https?://[^/\s]+(/password-reset/\S+/)", str(message.body))
    assert link, message.body

    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.text
    client.post(
        form_page.request["PATH_INFO"],
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
    )
    assert (
        client.post(
            reverse("sign-in"), {"username": ORCHARD_LANE_STAFF, "password": "a new long passphrase"}
        ).status_code
        == 302
    )


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(
    client: Client, demo: Programme
) -> None:
    response = client.post(reverse("password-reset"), {"email": "nobody@elsewhere.example"})
    assert response["Location"] == reverse("password-reset-sent")
    assert mail.outbox == []


def test_account_page_changes_the_name_and_keeps_what_was_typed_on_error(
    client: Client, demo: Programme
) -> None:
    client.post(reverse("sign-in"), {"username": LEAD, "password": DEMO_PASSWORD})
    response = client.post(reverse("account"), {"full_name": ""})
    assert "Enter your name" in response.text
    assert "There is a problem" in response.text
    client.post(reverse("account"), {"full_name": "Alex Morgan-Reyes"})
    assert "Alex Morgan-Reyes" in client.get(reverse("account")).text


def test_password_change_needs_the_old_password(client: Client, demo: Programme) -> None:
    client.post(reverse("sign-in"), {"username": LEAD, "password": DEMO_PASSWORD})
    response = client.post(
        reverse("password-change"),
        {
            "old_password": "wrong",
            "new_password1": "another long phrase",
            "new_password2": "another long phrase",
        },
    )
    assert "Your old password was entered incorrectly" in response.text
    response = client.post(
        reverse("password-change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "another long phrase",
            "new_password2": "another long phrase",
        },
    )
    assert response["Location"] == reverse("account")
