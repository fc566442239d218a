"""The coaching agreement and its gate, the funding rule, applications and the payments ledger."""

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microsystems.people.models import User
from microsystems.programme import actions
from microsystems.programme.engagement import EngagementState as S
from microsystems.programme.gates import agreement_is_signed, may_move_past_step_one, needs_ongoing_resources
from microsystems.programme.models import (
    CoachingAgreement,
    FundingApplication,
    Payment,
    Programme,
    ProjectFunding,
)
from tests.demo_people import LEAD
from tests.programme.helpers import enrolment_of, lead, start_project

TODAY = timezone.localdate()


def draft(programme: Programme, ods_code: str) -> CoachingAgreement:
    enrolment = enrolment_of(programme, ods_code)
    staff = User.objects.filter(memberships__organisation=enrolment.practice, memberships__job="gp").first()
    return actions.write_agreement(
        enrolment=enrolment,
        by=lead(),
        protected_time="One hour a week",
        meeting_pattern="weekly_hour",
        champion=staff,
        senior_partner=staff,
        patient_involvement="A patient on the lead team",
        data_collection="Weekly counts",
        needs_ongoing_resources=False,
        ongoing_resources_plan="",
    )


class TestAgreement:
    def test_signed_when_a_partner_and_the_coach_have_signed(self, demo: Programme) -> None:
        agreement = draft(demo, "Z90005")  # Hollow Oak: interested
        enrolment = agreement.enrolment
        gp = agreement.senior_partner
        assert gp is not None
        actions.sign_agreement(agreement=agreement, signatory=gp, part="partner", by=gp)
        assert not agreement.is_signed
        coach = User.objects.get(email="helen.coach@demo.example")
        actions.sign_agreement(agreement=agreement, signatory=coach, part="coach", by=lead(), on=TODAY)
        agreement.refresh_from_db()
        enrolment.refresh_from_db()
        assert agreement.signed_on == TODAY
        assert enrolment.state == S.AGREEMENT_SIGNED

    def test_a_signed_agreement_is_not_signed_again_and_a_new_one_is_drafted_instead(
        self, demo: Programme
    ) -> None:
        signed = CoachingAgreement.objects.get(enrolment__practice__ods_code="Z90001")
        with pytest.raises(ValidationError, match="already signed"):
            actions.sign_agreement(agreement=signed, signatory=lead(), part="coach", by=lead())
        new = draft(demo, "Z90001")
        assert new.pk != signed.pk and not new.is_signed

    def test_ongoing_resources_need_a_plan(self, demo: Programme) -> None:
        with pytest.raises(ValidationError) as refused:
            actions.write_agreement(
                enrolment=enrolment_of(demo, "Z90005"), by=lead(), needs_ongoing_resources=True
            )
        assert "ongoing_resources_plan" in refused.value.message_dict

    def test_the_gate_the_workbook_asks_before_step_two(self, demo: Programme) -> None:
        hollow_oak = enrolment_of(demo, "Z90005")
        project = start_project(demo, hollow_oak.practice, "Phones", TODAY)
        gate = may_move_past_step_one(project)
        assert not gate.allowed and "coaching agreement must be signed" in gate.reason
        orchard = enrolment_of(demo, "Z90001")
        signed_project = start_project(demo, orchard.practice, "Calls answered", TODAY)
        assert agreement_is_signed(signed_project) and may_move_past_step_one(signed_project).allowed
        demo.requires_signed_agreement = False
        demo.save()
        project.refresh_from_db()
        assert may_move_past_step_one(project).allowed

    def test_the_warning_about_ongoing_resources(self, demo: Programme) -> None:
        priory = enrolment_of(demo, "Z90010")  # its agreement says the clinic needs ongoing funding
        project = start_project(demo, priory.practice, "Another", TODAY)
        assert needs_ongoing_resources(project)
        assert not needs_ongoing_resources(
            start_project(demo, enrolment_of(demo, "Z90001").practice, "X", TODAY)
        )


class TestFundingRule:
    def test_first_project_earns_the_programmes_payment_split_by_its_milestones(
        self, demo: Programme
    ) -> None:
        demo.first_project_payment = Decimal("3000.00")
        demo.payment_milestones = [["Agreement signed", 50], ["Project completed", 50]]
        demo.save()
        orchard = enrolment_of(demo, "Z90001")  # its agreement is signed already
        project = start_project(demo, orchard.practice, "Calls answered in two minutes", TODAY)
        assert ProjectFunding.objects.get(project=project).route == "enhanced_service"
        payments = list(
            Payment.objects.filter(project=project).order_by("id").values_list("milestone", "amount", "state")
        )
        # The agreement milestone is reached; completion is not, so its half is not due yet.
        assert payments == [("Agreement signed", Decimal("1500.00"), "due")]
        orchard.refresh_from_db()
        assert orchard.state == S.PROJECT_ACTIVE

    def test_each_milestone_falls_due_when_the_project_reaches_it(
        self, demo: Programme, client_for: Callable[[str], Client]
    ) -> None:
        from microsystems.projects.method import STEPS, TOOLS
        from microsystems.projects.models import ToolMark

        demo.first_project_payment = Decimal("4000.00")
        demo.payment_milestones = [
            ["Agreement signed", 25],
            ["Step 3 reached", 25],
            ["Project completed", 25],
            ["6-month review held", 25],
        ]
        demo.save()
        hollow_oak = enrolment_of(demo, "Z90005")  # interested: no agreement yet, no project
        project = start_project(demo, hollow_oak.practice, "Phones answered", TODAY - timedelta(days=300))

        def due() -> list[tuple[str, date]]:
            return list(
                Payment.objects.filter(project=project, state="due")
                .order_by("id")
                .values_list("milestone", "due_on")
            )

        assert due() == []  # nothing is due just for starting

        # The agreement is signed: its quarter falls due on the day it was signed.
        agreement = draft(demo, "Z90005")
        gp = agreement.senior_partner
        assert gp is not None
        actions.sign_agreement(agreement=agreement, signatory=gp, part="partner", by=gp, on=TODAY)
        coach = User.objects.get(email="helen.coach@demo.example")
        actions.sign_agreement(agreement=agreement, signatory=coach, part="coach", by=lead(), on=TODAY)
        assert due() == [("Agreement signed", TODAY)]

        # The team settles every tool of steps 1 and 2 in the workbook: the project is in step 3.
        for tool in TOOLS:
            if tool.step <= 2:
                ToolMark.objects.get_or_create(project=project, tool_id=tool.id, defaults={"mark": "done"})
        assert [m for m, _ in due()] == ["Agreement signed", "Step 3 reached"]
        assert len(STEPS) == 5
        # The ledger shows what is still to come for finance to plan for.
        ledger = client_for(LEAD).get(reverse("programme-payments", args=[demo.public_id])).text
        expected = ledger[ledger.index("Milestones not reached yet") :]
        assert "Phones answered" in expected and "6-month review held" in expected
        # Its £2,000 still to come, with the demo's £600 for Millbrook's 6-month review.
        assert "£2,600.00 in all" in expected

        # Completion, then the 6-month review, each release their quarter once.
        six, _ = actions.complete_project(
            project=project, completed_on=TODAY - timedelta(days=190), by=lead()
        )
        assert due()[-1] == ("Project completed", TODAY - timedelta(days=190))
        actions.record_review(
            review=six,
            held_on=TODAY,
            by=lead(),
            change_in_place="as_designed",
            measure_collected="yes",
            chart_says="held",
            refresher_wanted=False,
            embedding="embedded",
        )
        assert [m for m, _ in due()] == [
            "Agreement signed",
            "Step 3 reached",
            "Project completed",
            "6-month review held",
        ]
        assert sum(Payment.objects.filter(project=project).values_list("amount", flat=True)) == Decimal(
            "4000.00"
        )
        # Changing the programme's milestones afterwards does not change what this project was promised.
        demo.payment_milestones = [["Project started", 100]]
        demo.save()
        actions.release_milestone_payments(project=project)
        assert Payment.objects.filter(project=project).count() == 4

    def test_second_by_application_third_self_funded(self, demo: Programme) -> None:
        millbrook = enrolment_of(demo, "Z90002")  # one project already
        second = start_project(demo, millbrook.practice, "Repeat prescriptions", TODAY)
        third = start_project(demo, millbrook.practice, "Carers' register", TODAY)
        assert second.funding.route == "application"
        assert third.funding.route == "self_funded"
        assert not Payment.objects.filter(project__in=[second, third]).exists()

        with pytest.raises(ValidationError, match="second project"):
            actions.apply_for_funding(
                project=third, by=lead(), reasons="Please", requested_amount=Decimal(100)
            )
        application = actions.apply_for_funding(
            project=second, by=lead(), reasons="Built on the first", requested_amount=Decimal("1200")
        )
        with pytest.raises(ValidationError) as refused:
            actions.decide_funding_application(application=application, approve=False, reason=" ", by=lead())
        assert "reason" in refused.value.message_dict
        actions.decide_funding_application(
            application=application, approve=False, reason="No budget left", by=lead()
        )
        assert not Payment.objects.filter(project=second).exists()

        # The practice applies again; this time it is approved and the payment is due.
        application = actions.apply_for_funding(
            project=second, by=lead(), reasons="Cheaper plan", requested_amount=Decimal("800")
        )
        assert application.status == "submitted" and application.decision_reason == ""
        actions.decide_funding_application(
            application=application, approve=True, reason="Good plan", by=lead()
        )
        (payment,) = Payment.objects.filter(project=second)
        assert (payment.route, payment.amount, payment.state) == ("application", Decimal("800.00"), "due")
        assert FundingApplication.objects.get(project=second).status == "approved"


class TestLedger:
    def test_due_approved_paid_one_step_at_a_time(self, demo: Programme) -> None:
        payment = Payment.objects.filter(programme=demo, state="due").first()
        assert payment is not None
        with pytest.raises(ValidationError):
            actions.advance_payment(payment=payment, to="paid", by=lead())
        actions.advance_payment(payment=payment, to="approved", by=lead())
        actions.advance_payment(payment=payment, to="paid", by=lead(), finance_reference="INV-1")
        payment.refresh_from_db()
        assert (payment.state, payment.paid_on, payment.finance_reference) == ("paid", TODAY, "INV-1")
        with pytest.raises(ValidationError):
            actions.advance_payment(payment=payment, to="paid", by=lead())

    def test_the_lead_approves_on_the_page_and_finance_gets_a_csv(
        self, demo: Programme, client_for: Callable[[str], Client]
    ) -> None:
        client = client_for(LEAD)
        payment = Payment.objects.filter(programme=demo, state="due").first()
        assert payment is not None
        response = client.post(reverse("programme-payment", args=[demo.public_id, payment.public_id]))
        assert response.status_code == 302
        payment.refresh_from_db()
        assert payment.state == "approved"
        response = client.get(reverse("programme-payments-csv", args=[demo.public_id]) + "?state=paid")
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert rows and {row["state"] for row in rows} == {"paid"}
        assert all(row["amount_gbp"].count(".") == 1 for row in rows)
        assert date.fromisoformat(rows[0]["due_on"])

    def test_a_formula_in_a_name_is_made_plain_text_in_the_csv(
        self, demo: Programme, client_for: Callable[[str], Client]
    ) -> None:
        payment = Payment.objects.filter(programme=demo).select_related("project").first()
        assert payment is not None
        payment.project.title = "=HYPERLINK(1)"
        payment.project.save()
        text = client_for(LEAD).get(reverse("programme-payments-csv", args=[demo.public_id])).content.decode()
        assert "'=HYPERLINK(1)" in text


class TestSettings:
    def url(self, demo: Programme) -> str:
        return reverse("programme-settings", args=[demo.public_id])

    def test_milestones_that_do_not_add_up_are_refused_and_nothing_changes(
        self, demo: Programme, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for(LEAD).post(
            self.url(demo),
            {
                "first_project_payment": "2500",
                "milestones": "Agreement signed: 50\nProject completed: 40",
                "requires_signed_agreement": "yes",
            },
        )
        assert "percentages must add up to 100%" in response.text
        demo.refresh_from_db()
        assert demo.first_project_payment == Decimal("3000.00")

    def test_the_lead_sets_the_payment_and_its_milestones(
        self, demo: Programme, client_for: Callable[[str], Client]
    ) -> None:
        response = client_for(LEAD).post(
            self.url(demo),
            {
                "first_project_payment": "2500",
                "milestones": "agreement signed: 40\nProject completed: 60",
                "requires_signed_agreement": "no",
            },
        )
        assert response.status_code == 302
        demo.refresh_from_db()
        assert demo.payment_milestones == [["Agreement signed", 40.0], ["Project completed", 60.0]]
        assert not demo.requires_signed_agreement
        project = start_project(demo, enrolment_of(demo, "Z90001").practice, "New", TODAY)
        assert ProjectFunding.objects.get(project=project).payment_plan == [
            ["Agreement signed", "1000.00"],
            ["Project completed", "1500.00"],
        ]
        page = client_for(LEAD).get(self.url(demo)).text
        assert "Agreement signed: 40" in page

    def test_a_milestone_the_app_cannot_see_reached_is_refused(
        self, demo: Programme, client_for: Callable[[str], Client]
    ) -> None:
        before = demo.payment_milestones
        response = client_for(LEAD).post(
            self.url(demo),
            {
                "first_project_payment": "2500",
                "milestones": "Agreement signed: 40\nStoryboard: 60",
                "requires_signed_agreement": "yes",
            },
        )
        assert "Line 2: “Storyboard” is not a milestone" in response.text
        assert "Agreement signed: 40\nStoryboard: 60" in response.text.replace("\r", "")
        demo.refresh_from_db()
        assert demo.payment_milestones == before


def test_the_start_page_can_ask_about_ongoing_resources_before_the_project_exists(demo: Programme) -> None:
    from microsystems.programme.gates import practice_needs_ongoing_resources

    priory, orchard = enrolment_of(demo, "Z90010"), enrolment_of(demo, "Z90001")
    assert practice_needs_ongoing_resources(demo.pk, priory.practice_id)
    assert not practice_needs_ongoing_resources(demo.pk, orchard.practice_id)
