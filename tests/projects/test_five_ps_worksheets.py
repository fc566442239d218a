"""Step 2 worksheets: each person's own view of the purpose and their skills, side by side; tables of
registers, journey steps, activities and measures; the discoveries summary drafted from the other tools;
the 5Ps poster filled from all of them."""

from collections.abc import Callable
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from microsystems.projects import actions
from microsystems.projects.clinical_report import Register, Report
from microsystems.projects.method import TOOLS_BY_ID
from microsystems.projects.models import Project, Worksheet
from microsystems.projects.sheets import own_version
from tests.demo_people import LEAD, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, user

ClientFor = Callable[[str], Client]


def url(project: Project, slug: str) -> str:
    return reverse("project-worksheet", args=[project.public_id, slug])


def own(version: int = 0, **answers: str) -> dict[str, object]:
    return {"save": "own", "own_version": version, **{f"own_{k}": v for k, v in answers.items()}}


def test_everyone_writes_their_own_view_of_the_purpose_and_sees_the_others(
    client_for: ClientFor, project: Project
) -> None:
    nurse, receptionist = client_for(ORCHARD_LANE_NURSE), client_for(ORCHARD_LANE_RECEPTIONIST)
    # Both open the page at the same time and save their own answers: neither clashes with the other.
    assert (
        nurse.post(url(project, "t2-2"), own(aim="Keep people well", for_whom="Our patients")).status_code
        == 302
    )
    assert receptionist.post(url(project, "t2-2"), own(aim="Be easy to reach")).status_code == 302
    page = client_for(ORCHARD_LANE_STAFF).get(url(project, "t2-2")).text
    assert "Grace" in page and "Megan" in page
    assert "Keep people well" in page and "Be easy to reach" in page
    sheet = Worksheet.objects.get(project=project, tool_id="T2.2")
    assert sheet.version == 2 and sheet.revisions.count() == 2
    # The nurse changes her view; her first version stays in the history.
    nurse.post(url(project, "t2-2"), own(1, aim="Keep people well, not just treat them"))
    history = nurse.get(url(project, "t2-2")).text
    assert "Keep people well, not just treat them" in history
    assert history.count("Keep people well") >= 2


def test_saving_your_own_view_from_an_old_page_is_caught_and_keeps_what_you_typed(
    client_for: ClientFor, project: Project
) -> None:
    nurse = client_for(ORCHARD_LANE_NURSE)
    nurse.post(url(project, "t2-2"), own(aim="First"))
    response = nurse.post(url(project, "t2-2"), own(0, aim="From the other tab"))
    assert response.status_code == 200
    assert "You saved your answers somewhere else" in response.text
    assert "From the other tab" in response.text
    answers = Worksheet.objects.get(project=project, tool_id="T2.2").answers
    assert answers["people"][str(user(ORCHARD_LANE_NURSE).pk)]["answers"]["aim"] == "First"


def test_the_agreed_statement_is_not_blocked_by_someone_adding_their_view(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    # The champion opens the worksheet at version 0; meanwhile the nurse adds her view.
    nurse.post(url(project, "t2-2"), own(aim="Keep people well"))
    response = champion.post(
        url(project, "t2-2"), {"statement": "Our practice exists to keep Orchard Lane well", "version": 0}
    )
    assert response.status_code == 302
    answers = Worksheet.objects.get(project=project, tool_id="T2.2").answers
    assert answers["statement"].startswith("Our practice exists")
    assert str(user(ORCHARD_LANE_NURSE).pk) in answers["people"]  # her view is kept
    # But two people changing the statement itself still clash.
    clash = nurse.post(url(project, "t2-2"), {"statement": "Something else", "version": 1})
    assert "Someone else saved this while you were editing" in clash.text


def test_who_may_add_their_own_view(client_for: ClientFor, project: Project) -> None:
    assert (
        client_for(ORCHARD_LANE_RECEPTIONIST).post(url(project, "t2-9"), own(want="Searches")).status_code
        == 302
    )
    assert client_for(LEAD).post(url(project, "t2-9"), own(want="Searches")).status_code == 403
    # A worksheet without questions for each person does not take them.
    assert client_for(ORCHARD_LANE_STAFF).post(url(project, "t2-7"), own(aim="x")).status_code == 404


def test_registers_are_a_table_and_a_count_that_is_not_a_number_is_refused(
    client_for: ClientFor, project: Project
) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    bad = champion.post(
        url(project, "t2-3"),
        {
            "version": 0,
            "profile": "A young town practice",
            "row0_register": "Diabetes",
            "row0_patients": "412",
            "row1_register": "COPD",
            "row1_patients": "about 90",
        },
    )
    assert bad.status_code == 200
    assert "Row 2: patients must be a whole number, like 412 (not “about 90”)" in bad.text
    assert 'value="about 90"' in bad.text and "A young town practice" in bad.text
    assert not Worksheet.objects.filter(project=project, tool_id="T2.3").exists()
    good = champion.post(
        url(project, "t2-3"),
        {
            "version": 0,
            "profile": "A young town practice",
            "row0_register": "Diabetes",
            "row0_patients": "1,412",
            "row2_register": "COPD",
            "row2_patients": "90",
        },
    )
    assert good.status_code == 302
    sheet = Worksheet.objects.get(project=project, tool_id="T2.3")
    assert sheet.answers["rows"] == [
        {"register": "Diabetes", "patients": "1412", "note": ""},
        {"register": "COPD", "patients": "90", "note": ""},
    ]
    page = champion.get(url(project, "t2-3")).text
    assert 'value="COPD"' in page and 'name="row4_register"' in page  # two filled, three blank
    poster = champion.get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Diabetes: 1,412" in poster


def test_every_step_two_tool_opens_its_page(client_for: ClientFor, project: Project) -> None:
    from microsystems.projects.method import TOOLS
    from microsystems.projects.presenters import tool_href

    champion = client_for(ORCHARD_LANE_STAFF)
    for tool in TOOLS:
        if tool.step == 2:
            href = tool_href(project, tool)
            assert href, tool.id
            assert champion.get(href).status_code == 200, tool.id


def test_the_discoveries_summary_starts_from_what_the_other_tools_found(
    client_for: ClientFor, project: Project
) -> None:
    champion = user(ORCHARD_LANE_STAFF)
    actions.rate_processes(project=project, ratings={"Handling test results": "big"}, by=champion)
    actions.rate_processes(
        project=project, ratings={"Handling test results": "big"}, by=user(ORCHARD_LANE_NURSE)
    )
    actions.add_tally(
        project=project,
        role="Receptionist",
        session_on=date(2026, 3, 2),
        counts={"Phone interruptions": 9, "Missing information": 2},
        note="",
        by=champion,
    )
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T2.10"],
        answers={"notes": ""},
        rows=[{"role": "GP", "activity": "Results", "share": "20", "other": "Normal results by the nurse"}],
        based_on_version=0,
        by=champion,
    )
    page = client_for(ORCHARD_LANE_STAFF).get(url(project, "t2-18")).text
    assert "What the other tools found" in page
    assert "Handling test results: big problem" in page
    assert "phone interruptions (82%)" in page
    assert "Could move: GP, Results: Normal results by the nurse" in page
    # The draft sits in the form, ready to edit; nothing is saved until the team saves it.
    assert "Handling test results</textarea>" in page
    assert not Worksheet.objects.filter(project=project, tool_id="T2.18").exists()
    # A reader sees the findings too, without a form or the offer to edit them.
    reader = client_for(ORCHARD_LANE_RECEPTIONIST).get(url(project, "t2-18")).text
    assert "What the other tools found" in reader and "for you to edit" not in reader


def test_the_poster_fills_itself_from_every_worksheet(client_for: ClientFor, project: Project) -> None:
    champion = user(ORCHARD_LANE_STAFF)
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T2.2"],
        answers={"statement": "Our practice exists to keep Orchard Lane well"},
        based_on_version=0,
        by=champion,
    )
    actions.save_own_answers(
        project=project, tool=TOOLS_BY_ID["T2.2"], answers={"aim": "Care"}, based_on_version=0, by=champion
    )
    actions.save_own_answers(
        project=project,
        tool=TOOLS_BY_ID["T2.9"],
        answers={"want": "Searches"},
        based_on_version=0,
        by=champion,
    )
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T2.15"],
        answers={},
        rows=[{"name": "Results filed within two days"}],
        based_on_version=0,
        by=champion,
    )
    poster = client_for(ORCHARD_LANE_COACH).get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Our practice exists to keep Orchard Lane well" in poster
    assert "Drawn from the views of 1 person" in poster
    assert "1 person noted their skills; 1 wants to build new ones" in poster
    assert "Measures we watch: Results filed within two days" in poster
    assert "Staff and patient surveys" in poster


def test_the_master_file_has_the_tables_and_each_persons_questions(
    client_for: ClientFor, demo: object
) -> None:
    page = client_for(ORCHARD_LANE_STAFF).get(reverse("workbook-blank-worksheets")).text
    for tool_id in ("T2.2", "T2.3", "T2.5", "T2.9", "T2.10", "T2.15"):
        tool = TOOLS_BY_ID[tool_id]
        assert f'id="blank-{tool.slug}"' in page
        for spec in (*tool.rows, *tool.own):
            assert spec.label.replace("'", "&#39;") in page, (tool_id, spec.label)


def test_the_demo_projects_show_their_five_ps(demo: object, client_for: ClientFor) -> None:
    from microsystems.demo.world import WORLD

    project = Project.objects.get(title="Incoming test results handled within two working days")
    practice = next(p for p in WORLD.practices if p.ods_code == "Z90002")
    champion = next(m for m in practice.staff if m.name == "Janet Price")
    client = client_for(practice.email_of(champion))
    purpose = client.get(url(project, "t2-2")).text
    assert "Ben Carter" in purpose and "To keep people well, not just treat them" in purpose
    poster = client.get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Diabetes: 702 (QOF prevalence 7.7%)" in poster
    assert "Measures we watch: Results filed within two working days, Calls chasing results" in poster
    for slug in ("t2-3", "t2-5", "t2-7", "t2-9", "t2-10", "t2-14", "t2-15", "t2-18"):
        assert client.get(url(project, slug)).status_code == 200, slug
    care_home = Project.objects.get(title="Weekly ward rounds with Willowmere Care Home")
    sheet = Worksheet.objects.get(project=care_home, tool_id="T2.2")
    assert len(sheet.answers["people"]) == 2 and sheet.answers["statement"].startswith("Together")


def test_the_global_aim_shows_the_chosen_theme_and_the_detailed_map_follows_its_bounds(
    client_for: ClientFor, project: Project
) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    assert "No theme is chosen yet" in champion.get(url(project, "t3-2")).text
    idea = actions.add_idea(
        project=project, list_key="themes", text="Test results", by=user(ORCHARD_LANE_STAFF)
    )
    champion.post(reverse("project-theme-choose", args=[project.public_id, idea.id]))
    assert "The team's theme: <strong>Test results</strong>" in champion.get(url(project, "t3-2")).text
    detailed = reverse("project-map", args=[project.public_id, "t3-3"])
    assert "The global aim has no first and last step yet" in champion.get(detailed).text
    aim = {
        "improve": "results handling",
        "begins": "a result arriving",
        "ends": "the patient told",
        "expect": "",
        "now": "",
    }
    champion.post(url(project, "t3-2"), {**aim, "version": 0})
    page = champion.get(detailed).text
    assert "Check the map against the global aim" not in page  # the map starts from the aim's bounds
    champion.post(url(project, "t3-2"), {**aim, "begins": "a sample taken in clinic", "version": 1})
    page = champion.get(detailed).text
    assert "The global aim says the process begins with “a sample taken in clinic”" in page
    assert "says “a result arriving”" in page


def test_the_master_file_has_paper_forms_for_the_tools_everyone_fills_in(
    client_for: ClientFor, demo: object
) -> None:
    page = client_for(ORCHARD_LANE_STAFF).get(reverse("workbook-blank-worksheets")).text
    assert "Interruptions tally: a card for one session" in page and "Prescription query" in page
    assert "Visit cycle time: one line a visit" in page
    assert "Handling test results" in page and "Big problem" in page
    assert "Do not write your name" in page and "10. " in page


def test_two_people_editing_the_same_table_the_second_is_told_and_keeps_their_rows(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    champion.post(url(project, "t2-10"), {"version": 0, "row0_role": "GP", "row0_activity": "Results"})
    clash = nurse.post(url(project, "t2-10"), {"version": 0, "row0_role": "Nurse", "row0_activity": "Smears"})
    assert clash.status_code == 200
    assert "Someone else saved this while you were editing" in clash.text
    assert "GP: activity Results" in clash.text  # theirs, shown
    assert 'value="Smears"' in clash.text  # hers, kept in the form
    assert Worksheet.objects.get(project=project, tool_id="T2.10").answers["rows"][0]["role"] == "GP"


def test_a_tool_is_done_when_the_team_has_written_its_part_not_when_one_person_has_answered(
    project: Project,
) -> None:
    from microsystems.projects.method import current_step
    from microsystems.projects.presenters import done_and_skipped, project_rows, project_steps

    champion = user(ORCHARD_LANE_STAFF)
    for tool_id in ("T2.2", "T2.9"):
        actions.save_own_answers(
            project=project,
            tool=TOOLS_BY_ID[tool_id],
            answers={"aim": "Care", "want": "Searches"},
            based_on_version=0,
            by=champion,
        )
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T3.2"],
        answers={"improve": "results"},
        based_on_version=0,
        by=champion,
    )
    done, _ = done_and_skipped(project)
    assert "T2.9" in done and "T3.2" in done  # a tool of own answers only; an ordinary worksheet
    assert "T2.2" not in done  # one person's view, but no agreed purpose yet
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T2.2"],
        answers={"statement": "Our practice exists to care"},
        based_on_version=1,
        by=champion,
    )
    assert "T2.2" in done_and_skipped(project)[0]
    # The project lists work the step out the same way.
    steps = project_steps(project)
    assert project_rows(Project.objects.filter(pk=project.pk))[0].step == f"Step {current_step(steps)}"


def test_who_does_what_warns_when_a_roles_shares_add_up_to_more_than_a_week(
    client_for: ClientFor, project: Project
) -> None:
    from microsystems.projects.sheets import shares_over_a_week

    assert shares_over_a_week([{"role": "GP", "share": "60"}, {"role": "gp", "share": "50"}]) == [
        "GP: the shares add up to 110% of the week. Check the estimates, or split the role if it is more "
        "than one person."
    ]
    assert shares_over_a_week([{"role": "GP", "share": "60"}, {"role": "Nurse", "share": "50"}]) == []
    champion = client_for(ORCHARD_LANE_STAFF)
    champion.post(
        url(project, "t2-10"),
        {"version": 0, "row0_role": "GP", "row0_share": "70", "row1_role": "GP", "row1_share": "40"},
    )
    page = champion.get(url(project, "t2-10")).text
    assert "Check the figures" in page and "GP: the shares add up to 110% of the week" in page


def _more_of_everything(project: Project, n: int) -> None:
    """n more people's views, registers, tallies and ratings."""
    from microsystems.people.models import User

    champion = user(ORCHARD_LANE_STAFF)
    staff = list(User.objects.filter(memberships__organisation=project.practice).distinct()[:n])
    for person in staff:
        sheet = Worksheet.objects.filter(project=project, tool_id="T2.2").first()
        actions.save_own_answers(
            project=project,
            tool=TOOLS_BY_ID["T2.2"],
            answers={"aim": f"View of {person.pk}"},
            based_on_version=own_version(sheet.answers if sheet else {}, person.pk),
            by=person,
        )
        actions.rate_processes(project=project, ratings={"Referrals": "real"}, by=person)
    actions.import_clinical_report(
        project=project,
        report=Report(registers=[Register(f"R{n}-{i}", i) for i in range(n)]),
        file_name="r.csv",
        by=champion,
    )
    for _ in range(n):
        actions.add_tally(
            project=project,
            role="GP",
            session_on=date(2026, 3, 2),
            counts={"Phone calls": 2},
            note="",
            by=champion,
        )


@pytest.mark.parametrize("slug", ["5ps", "t2-2", "t2-18"])
def test_the_poster_and_worksheets_take_a_fixed_number_of_queries(
    client_for: ClientFor, project: Project, slug: str
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = reverse("project-five-ps", args=[project.public_id]) if slug == "5ps" else url(project, slug)
    client = client_for(ORCHARD_LANE_STAFF)
    _more_of_everything(project, 1)
    client.get(page)
    with CaptureQueriesContext(connection) as small:
        assert client.get(page).status_code == 200
    _more_of_everything(project, 3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(page).status_code == 200
    assert len(large) == len(small), "\n".join(q["sql"][:150] for q in large.captured_queries)


def test_a_member_of_another_practice_cannot_add_their_view_or_import_a_report(
    client_for: ClientFor, project: Project
) -> None:
    from tests.demo_people import MILLBROOK_STAFF

    other = client_for(MILLBROOK_STAFF)
    assert other.post(url(project, "t2-2"), own(aim="Not mine")).status_code == 404
    report = {"import": "report", "report": SimpleUploadedFile("r.csv", b"Register,Count\nDiabetes,1\n")}
    assert other.post(reverse("project-population", args=[project.public_id]), report).status_code == 404
    assert not Worksheet.objects.filter(project=project).exists()


def test_what_is_beyond_the_practice_is_suggested_for_escalation(
    client_for: ClientFor, project: Project
) -> None:
    actions.add_cause(
        project=project,
        category="Rules and policies",
        text="The laboratory's courier comes once a day",
        parent=None,
        by=user(ORCHARD_LANE_STAFF),
    )
    page = client_for(ORCHARD_LANE_STAFF).get(url(project, "t2-18")).text
    assert "Beyond our control" in page
    assert "The laboratory&#39;s courier comes once a day (fishbone: rules and policies)</textarea>" in page


def test_each_person_rates_their_skills_by_area_and_the_poster_counts_who_wants_to_learn(
    client_for: ClientFor, project: Project
) -> None:
    nurse, receptionist = client_for(ORCHARD_LANE_NURSE), client_for(ORCHARD_LANE_RECEPTIONIST)
    nurse.post(url(project, "t2-9"), own(clinical="Expert", improvement="Want to learn"))
    receptionist.post(
        url(project, "t2-9"), own(office="Expert", improvement="Want to learn", want="Searches")
    )
    bad = receptionist.post(url(project, "t2-9"), own(1, clinical="Brilliant"))
    assert "Choose one of the answers for clinical skills" in bad.text
    page = client_for(ORCHARD_LANE_STAFF).get(url(project, "t2-9")).text
    assert page.count("Want to learn</td>") == 2
    poster = client_for(ORCHARD_LANE_STAFF).get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Want to learn: data and improvement (2)" in poster
    assert "Experts in: clinical skills (1), running the office (1)" in poster


def test_the_poster_sums_up_the_process_map(client_for: ClientFor, project: Project) -> None:
    champion = user(ORCHARD_LANE_STAFF)
    found = actions.process_map_for(project, TOOLS_BY_ID["T2.13"])
    actions.save_map_outline(
        process_map=found, name="handling results", starts="", ends="", based_on_version=0, by=champion
    )
    for kind, text, role, minutes in (
        ("step", "Result arrives", "Administrator", 1),
        ("wait", "Waits in the inbox", "GP", 2880),
        ("step", "Patient told", "Receptionist", 3),
    ):
        actions.add_map_step(
            process_map=found, kind=kind, text=text, role=role, minutes=minutes, loops_to=None, by=champion
        )
    poster = client_for(ORCHARD_LANE_STAFF).get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Handling results: 3 steps, 2 hand-offs, 1 wait (2,880 minutes)" in poster


def test_a_reader_sees_the_table_as_a_table(client_for: ClientFor, project: Project) -> None:
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T2.3"],
        answers={"profile": "A young town practice"},
        rows=[{"register": "Diabetes", "patients": "412", "note": "7.9%"}],
        based_on_version=0,
        by=user(ORCHARD_LANE_STAFF),
    )
    page = client_for(ORCHARD_LANE_RECEPTIONIST).get(url(project, "t2-3")).text
    assert '<td class="nhsuk-table__cell">Diabetes</td><td class="nhsuk-table__cell">412</td>' in page
    assert "A young town practice" in page and 'name="row0_register"' not in page


def test_the_project_page_asks_everyone_in_the_practice_for_their_view(
    client_for: ClientFor, project: Project
) -> None:
    home = reverse("project-detail", args=[project.public_id])
    receptionist = client_for(ORCHARD_LANE_RECEPTIONIST)
    page = receptionist.get(home).text
    assert (
        "Your view is asked for" in page
        and 'Purpose<span class="nhsuk-u-visually-hidden">: your view</span></a> — not answered yet' in page
    )
    receptionist.post(url(project, "t2-2"), own(aim="Be easy to reach"))
    assert (
        'Purpose<span class="nhsuk-u-visually-hidden">: your view</span></a> — you have answered'
        in receptionist.get(home).text
    )
    assert "Your view is asked for" not in client_for(LEAD).get(home).text


def test_the_team_adds_to_the_poster_what_the_worksheets_do_not_say(
    client_for: ClientFor, project: Project
) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    assert (
        "Add what the worksheets do not say"
        in champion.get(reverse("project-five-ps", args=[project.public_id])).text
    )
    champion.post(url(project, "t2-1"), {"version": 0, "patterns": "Flu clinics take over every October"})
    poster = champion.get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Flu clinics take over every October" in poster


def test_common_words_across_peoples_views() -> None:
    from microsystems.projects.sheets import common_words

    views = [
        "Safe care for our patients, close to home",
        "Keeping patients safe and well",
        "Care that is easy to reach for patients",
    ]
    assert common_words(views) == [("patients", 3), ("care", 2), ("safe", 2)]
    assert common_words(["Patients patients patients"]) == []  # one person saying it thrice is one


def test_the_team_sees_what_their_views_and_skills_add_up_to(client_for: ClientFor, project: Project) -> None:
    nurse, receptionist = client_for(ORCHARD_LANE_NURSE), client_for(ORCHARD_LANE_RECEPTIONIST)
    nurse.post(url(project, "t2-2"), own(aim="Safe care for patients"))
    receptionist.post(url(project, "t2-2"), own(aim="Patients reach us easily and are safe"))
    page = client_for(ORCHARD_LANE_STAFF).get(url(project, "t2-2")).text
    assert "Words that came up in more than one view:" in page
    assert "<strong>patients</strong> (2), <strong>safe</strong> (2)" in page
    nurse.post(url(project, "t2-9"), own(improvement="Want to learn"))
    receptionist.post(url(project, "t2-9"), own(improvement="Want to learn", office="Expert"))
    skills = client_for(ORCHARD_LANE_STAFF).get(url(project, "t2-9")).text
    assert "Skills across the team" in skills
    summary = skills[skills.index("Skills across the team: how many") :]
    row = summary[summary.index(">Data and improvement</th>") :].split("</tr>")[0]
    assert row.count(">2</td>") == 1 and row.count(">0</td>") == 4


def test_the_ideal_map_starts_from_todays_and_is_compared_with_it(
    client_for: ClientFor, project: Project
) -> None:
    champion = user(ORCHARD_LANE_STAFF)
    today = actions.process_map_for(project, TOOLS_BY_ID["T3.3"])
    for kind, text, role, minutes in (
        ("step", "Result arrives", "Administrator", 1),
        ("wait", "Waits in the inbox", "GP", 2880),
        ("step", "Patient told", "Receptionist", 3),
    ):
        actions.add_map_step(
            process_map=today, kind=kind, text=text, role=role, minutes=minutes, loops_to=None, by=champion
        )
    ideal = reverse("project-map", args=[project.public_id, "t3-3f"])
    client = client_for(ORCHARD_LANE_STAFF)
    page = client.get(ideal).text
    assert "Today (Detailed process map): 3 steps, 2 hand-offs, 1 wait (2880 minutes)" in page
    assert "Start from today's map" in page
    assert client.post(ideal, {"copy": "today"}).status_code == 302
    page = client.get(ideal).text
    assert "Copied 3 steps from today" in page and "Start from today's map" not in page
    # Copying again does nothing: the ideal map has its own steps now.
    client.post(ideal, {"copy": "today"})
    assert "The ideal map already has steps" in client.get(ideal).text
    from microsystems.projects.models import ProcessMap

    assert ProcessMap.objects.get(project=project, tool_id="T3.3F").steps.count() == 3
    assert today.steps.count() == 3
    # Only the lead team changes it; a reader sees it.
    assert client_for(ORCHARD_LANE_RECEPTIONIST).post(ideal, {"copy": "today"}).status_code == 403
    assert client_for(ORCHARD_LANE_RECEPTIONIST).get(ideal).status_code == 200


def test_the_share_of_older_patients_when_the_bands_say_it_exactly() -> None:
    from microsystems.projects.sheets import older_share

    bands = [
        {"label": "0 to 64", "male": 400, "female": 400},
        {"label": "65 to 84", "male": 80, "female": 90},
        {"label": "85 and over", "male": 10, "female": 20, "other": 0},
    ]
    assert older_share(bands, 1000) == "Aged 65 and over: 200 (20%)"
    assert older_share([{"label": "45 to 74", "male": 1, "female": 1}], 2) == ""  # straddles 65
    assert older_share([], 0) == ""


def test_the_processes_with_a_problem_get_an_owner(client_for: ClientFor, project: Project) -> None:
    champion = user(ORCHARD_LANE_STAFF)
    actions.rate_processes(
        project=project, ratings={"Referrals": "real", "Handling test results": "big"}, by=champion
    )
    actions.rate_processes(project=project, ratings={"Complaints": "works_well"}, by=champion)
    client = client_for(ORCHARD_LANE_STAFF)
    assert (
        "Owners of the processes that need work"
        in client.get(reverse("project-processes", args=[project.public_id])).text
    )
    page = client.get(url(project, "t2-12")).text
    assert 'name="row0_process" type="text" value="Handling test results"' in page
    assert 'name="row1_process" type="text" value="Referrals"' in page
    assert 'value="Complaints"' not in page
    client.post(
        url(project, "t2-12"),
        {
            "version": 0,
            "row0_process": "Handling test results",
            "row0_owner": "Dr Owen",
            "row1_process": "Referrals",
        },
    )
    rows = Worksheet.objects.get(project=project, tool_id="T2.12").answers["rows"]
    assert rows[0] == {"process": "Handling test results", "owner": "Dr Owen", "comment": ""}
    poster = client.get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Handling test results: big problem (owner: Dr Owen)" in poster


def test_views_collected_on_paper_count_beside_everyone_elses(
    client_for: ClientFor, project: Project
) -> None:
    client_for(ORCHARD_LANE_NURSE).post(url(project, "t2-2"), own(aim="Safe care close to home"))
    champion = client_for(ORCHARD_LANE_STAFF)
    champion.post(
        url(project, "t2-2"), {"version": 1, "inputs": "Safe and kind\nClose to home, easy to reach"}
    )
    page = champion.get(url(project, "t2-2")).text
    assert "<strong>close</strong> (2), <strong>home</strong> (2), <strong>safe</strong> (2)" in page
    poster = champion.get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Drawn from the views of 3 people" in poster


def test_the_poster_prints_on_a4_unless_a3_is_chosen(client_for: ClientFor, project: Project) -> None:
    poster = reverse("project-five-ps", args=[project.public_id])
    coach = client_for(ORCHARD_LANE_COACH)

    page = coach.get(poster).text
    assert "projects/print-a4.css" in page and "print-a3.css" not in page
    assert 'value="a4" checked' in page and "set to print on" not in page

    page = coach.get(poster, {"paper": "a3"}).text
    assert "projects/print-a3.css" in page and "print-a4.css" not in page
    assert 'value="a3" checked' in page
    assert "The poster is set to print on A3." in page

    # A size the poster does not print on is refused with a clear message; it stays on A4.
    refused = coach.get(poster, {"paper": "letter"})
    assert refused.status_code == 200
    assert "Choose A4 or A3: the poster prints on one or the other" in refused.text
    assert "projects/print-a4.css" in refused.text and "set to print on" not in refused.text


def test_each_paper_size_sets_its_page_in_the_print_stylesheet() -> None:
    from pathlib import Path

    import microsystems.projects

    static = Path(microsystems.projects.__file__).parent / "static" / "projects"
    assert "@page { size: A4 portrait;" in (static / "print-a4.css").read_text()
    assert "@page { size: A3 portrait;" in (static / "print-a3.css").read_text()
