"""The payments ledger keeps its narrowing: approving a payment or marking it paid comes back to the same
narrowed ledger (state, funding route, network, coach, year invited), with the confirmation."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.people.models import Organisation
from microsystems.programme.models import Payment, Programme
from tests.demo_people import LEAD


def network_of_a_due_payment(demo: Programme) -> tuple[Payment, Organisation]:
    payment = (
        Payment.objects.filter(programme=demo, state="due", enrolment__practice__pcn__isnull=False)
        .select_related("enrolment__practice__pcn")
        .first()
    )
    assert payment is not None
    pcn = payment.enrolment.practice.pcn
    assert pcn is not None
    return payment, pcn


def test_approving_on_a_narrowed_ledger_comes_back_to_the_same_narrowed_ledger(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    payment, pcn = network_of_a_due_payment(demo)
    client = client_for(LEAD)
    narrowing = {"state": "due", "route": payment.route, "pcn": str(pcn.public_id), "year": ""}
    ledger = reverse("programme-payments", args=[demo.public_id])
    page = client.get(ledger, narrowing).text
    # the form of each payment carries the narrowing the ledger shows
    assert f'name="pcn" value="{pcn.public_id}"' in page
    assert f'name="route" value="{payment.route}"' in page

    response = client.post(
        reverse("programme-payment", args=[demo.public_id, payment.public_id]),
        {k: v for k, v in narrowing.items() if v},
        follow=True,
    )

    payment.refresh_from_db()
    assert payment.state == "approved"
    assert response.redirect_chain[-1][0] == f"{ledger}?state=due&route={payment.route}&pcn={pcn.public_id}"
    assert f"The payment of £{payment.amount:,.2f} is now approved." in response.text
    assert f"network: {pcn.name}" in response.text


def test_marking_paid_keeps_the_coach_and_year_and_drops_nonsense(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    payment = Payment.objects.filter(programme=demo, state="approved").select_related("enrolment").first()
    assert payment is not None
    assignment = payment.enrolment.coach_assignments.select_related("coach").first()
    assert assignment is not None
    year = str(payment.enrolment.invited_on.year)
    client = client_for(LEAD)

    response = client.post(
        reverse("programme-payment", args=[demo.public_id, payment.public_id]),
        {
            "coach": str(assignment.coach.public_id),
            "year": year,
            "state": "lost",
            "route": "gold",
            "pcn": "nowhere",
            "next": "https://elsewhere.example/",
            "finance_reference": "INV-77",
        },
    )

    payment.refresh_from_db()
    assert (payment.state, payment.finance_reference) == ("paid", "INV-77")
    ledger = reverse("programme-payments", args=[demo.public_id])
    assert response["Location"] == f"{ledger}?coach={assignment.coach.public_id}&year={year}"


def test_a_refused_step_also_comes_back_to_the_narrowed_ledger_and_says_why(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    payment = Payment.objects.filter(programme=demo, state="paid").first()
    assert payment is not None
    client = client_for(LEAD)
    response = client.post(
        reverse("programme-payment", args=[demo.public_id, payment.public_id]),
        {"state": "paid", "route": payment.route},
        follow=True,
    )
    ledger = reverse("programme-payments", args=[demo.public_id])
    assert response.redirect_chain[-1][0] == f"{ledger}?state=paid&route={payment.route}"
    assert "This payment has already been paid" in response.text
