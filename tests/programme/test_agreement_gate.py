"""The workbook obeys the programme's agreement gate: without a signed coaching agreement a project stays in
step 1 (its tools after step 1 cannot be marked done nor their worksheets saved), with a clear message, and
nothing changes; once the agreement is signed, or the programme drops the rule, the project moves on."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microsystems.people.models import User
from microsystems.programme import actions as programme_actions
from microsystems.programme.models import Programme
from microsystems.projects import actions
from microsystems.projects.method import TOOLS_BY_ID, PathKind
from microsystems.projects.models import Project, ToolMark, Worksheet
from tests.demo_people import practice_login
from tests.programme.helpers import enrolment_of, lead

ClientFor = Callable[[str], Client]
HOLLOW_OAK = "Z90005"  # interested: matched with no coaching agreement signed
AIM = {
    "improve": "how the practice answers the phone",
    "begins": "a patient calling",
    "ends": "the patient knowing what happens next",
    "expect": "fewer calls abandoned",
    "now": "a third of calls are abandoned at 8am",
}
GATE_MESSAGE = "The coaching agreement must be signed"


def hollow_oak_project(demo: Programme) -> Project:
    enrolment = enrolment_of(demo, HOLLOW_OAK)
    champion = User.objects.get(email=practice_login(HOLLOW_OAK))
    return actions.start_project(
        programme=demo,
        practice=enrolment.practice,
        title="Phones answered before 8:30",
        microsystems=enrolment.practice.microsystems.all()[:1],
        champion=champion,
        sponsor=champion,
        members=[],
        patients=[],
        no_patient_reason="Our patient group meets next month",
        coaches=[],
        typology="process",
        path_kind=PathKind.CORE,
        by=champion,
    )


def test_a_worksheet_after_step_one_is_refused_until_the_agreement_is_signed(
    client_for: ClientFor, demo: Programme
) -> None:
    project = hollow_oak_project(demo)
    client = client_for(practice_login(HOLLOW_OAK))
    url = reverse("project-worksheet", args=[project.public_id, "t3-2"])  # the global aim, step 3

    refused = client.post(url, {**AIM, "version": 0})

    assert refused.status_code == 200
    assert GATE_MESSAGE in refused.text
    assert "a third of calls are abandoned at 8am" in refused.text  # what was typed is kept
    assert not Worksheet.objects.filter(project=project, tool_id="T3.2").exists()

    # Once a partner and the coach have signed, the same save goes through.
    agreement = programme_actions.write_agreement(
        enrolment=enrolment_of(demo, HOLLOW_OAK),
        by=lead(),
        protected_time="One hour a week",
        meeting_pattern="weekly_hour",
        patient_involvement="A patient on the lead team",
        data_collection="Daily call counts",
        needs_ongoing_resources=False,
        ongoing_resources_plan="",
    )
    gp = User.objects.filter(
        memberships__organisation=agreement.enrolment.practice, memberships__job="gp"
    ).first()
    assert gp is not None
    coach = User.objects.get(email="helen.coach@demo.example")
    programme_actions.sign_agreement(agreement=agreement, signatory=gp, part="partner", by=gp)
    programme_actions.sign_agreement(
        agreement=agreement, signatory=coach, part="coach", by=lead(), on=timezone.localdate()
    )
    assert client.post(url, {**AIM, "version": 0}).status_code == 302
    assert Worksheet.objects.get(project=project, tool_id="T3.2").answers["now"] == AIM["now"]


def test_a_tool_after_step_one_cannot_be_marked_done_but_step_one_can(
    client_for: ClientFor, demo: Programme
) -> None:
    project = hollow_oak_project(demo)
    client = client_for(practice_login(HOLLOW_OAK))
    later = TOOLS_BY_ID["T3.2"]
    first = next(t for t in TOOLS_BY_ID.values() if t.step == 1 and t.id != "T1.1")

    response = client.post(
        reverse("project-tool-mark", args=[project.public_id, later.slug]), {"mark": "done"}, follow=True
    )

    assert GATE_MESSAGE in response.text
    assert not ToolMark.objects.filter(project=project, tool_id=later.id).exists()
    client.post(reverse("project-tool-mark", args=[project.public_id, first.slug]), {"mark": "done"})
    assert ToolMark.objects.filter(project=project, tool_id=first.id).exists()

    # A programme that does not require the agreement lets the project move on.
    demo.requires_signed_agreement = False
    demo.save(update_fields=["requires_signed_agreement"])
    client.post(reverse("project-tool-mark", args=[project.public_id, later.slug]), {"mark": "done"})
    assert ToolMark.objects.filter(project=project, tool_id=later.id).exists()


def test_the_workbook_warns_before_and_after_the_project_starts(
    client_for: ClientFor, demo: Programme
) -> None:
    hollow_oak = enrolment_of(demo, HOLLOW_OAK).practice
    client = client_for(practice_login(HOLLOW_OAK))
    start = client.get(reverse("project-start", args=[hollow_oak.public_id])).text
    assert "coaching agreement is not signed yet. The project can start" in start
    assert "This change will need ongoing resources" not in start
    project = hollow_oak_project(demo)
    page = client.get(reverse("project-detail", args=[project.public_id])).text
    assert "The coaching agreement is not signed yet" in page

    # A practice whose agreement is signed and says the change needs ongoing resources is warned of that.
    priory = enrolment_of(demo, "Z90010").practice
    start = client_for(practice_login("Z90010")).get(reverse("project-start", args=[priory.public_id])).text
    assert "This change will need ongoing resources" in start
    assert "coaching agreement is not signed yet" not in start


def test_a_tool_that_settles_itself_waits_for_the_agreement_but_keeps_the_work(demo: Programme) -> None:
    from microsystems.projects.models import Cause

    project = hollow_oak_project(demo)
    champion = User.objects.get(email=practice_login(HOLLOW_OAK))
    actions.add_cause(
        project=project, category="People", text="Reception short at 8am", parent=None, by=champion
    )

    assert Cause.objects.filter(project=project, text="Reception short at 8am").exists()  # the work is kept
    assert not ToolMark.objects.filter(project=project, tool_id="T3.4").exists()  # but not settled

    demo.requires_signed_agreement = False
    demo.save(update_fields=["requires_signed_agreement"])
    project.refresh_from_db()
    actions.add_cause(
        project=project, category="Methods", text="One line for everything", parent=None, by=champion
    )
    assert ToolMark.objects.filter(project=project, tool_id="T3.4", mark="done").exists()
