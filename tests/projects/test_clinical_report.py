"""The patient profile from a report the clinical system exports: registers or age bands, whatever the
layout quirks, all or nothing, and never patient-level data."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from microsystems.projects.clinical_report import ReportError, band_label, read_report
from microsystems.projects.models import PopulationImport, Project, Worksheet
from tests.demo_people import LEAD, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_RECEPTIONIST

ClientFor = Callable[[str], Client]
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_an_emis_style_report_with_details_above_and_a_total_below() -> None:
    report = read_report(fixture("emis_registers.csv"), "emis_registers.csv")
    assert [(r.name, r.patients, r.note) for r in report.registers] == [
        ("Diabetes", 1412, "7.9%"),
        ("COPD", 312, "1.7%"),
        ("Asthma", 1190, "6.6%"),
        ("Hypertension", 2655, "14.8%"),
    ]
    assert str(report.run_on) == "2026-03-12"  # 12/03/2026 is read day first


def test_a_systmone_style_breakdown_by_age_band_and_sex() -> None:
    report = read_report(fixture("systmone_age_bands.csv"), "systmone_age_bands.csv")
    assert [b.label for b in report.bands] == [
        "0 to 4",
        "5 to 14",
        "15 to 44",
        "45 to 64",
        "65 to 84",
        "85 and over",
    ]
    assert report.total == 5843 + 6002  # the file's own Total row is left out, not added twice


def test_age_bands_in_long_form_with_a_sex_column_and_windows_text() -> None:
    data = "Age group;Sex;Patients\r\n0 to 4;Male;10\r\n0 to 4;Female;12\r\n0 to 4;Unknown;1\r\n85+;F;7\r\n"
    report = read_report(data.encode("cp1252"), "breakdown.csv")
    assert [(b.label, b.male, b.female, b.other) for b in report.bands] == [
        ("0 to 4", 10, 12, 1),
        ("85 and over", 0, 7, 0),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (fixture("pid_columns_present.csv"), "an NHS number column"),
        (fixture("nhs_number_in_a_cell.csv"), "looks like an NHS number"),
        (
            b"Register,Count\nDiabetes,412\nCOPD,lots\nAsthma,\n",
            "Row 3: the count “lots” is not a whole number",
        ),
        (b"Register,Count\nDiabetes,412\nCOPD,lots\nAsthma,\n", "Row 4: the count is blank"),
        (b"Register,Count\nDiabetes,412\nDiabetes,413\n", "“Diabetes” appears twice"),
        (fixture("emis_report_preamble.csv"), "counts over time"),
        (fixture("systmone_breakdown.csv"), "counts over time"),
        (b"", "The file is empty"),
        (fixture("header_only.csv"), "could not find the table"),
        (b"Age band,Count\n0-4,10\nninety,3\n", "“ninety” is not an age band"),
        (b"Register,Surname,Count\nDiabetes,Smith,1\n", "a column of names or addresses"),
    ],
)
def test_files_that_are_refused_say_why(data: bytes, message: str) -> None:
    with pytest.raises(ReportError) as refused:
        read_report(data, "report.csv")
    assert message in str(refused.value)


def test_age_band_words() -> None:
    assert band_label("0-4") == "0 to 4"
    assert band_label("Aged 5 to 14") == "5 to 14"
    assert band_label("95+") == "95 and over"
    assert band_label("85 and over") == "85 and over"
    assert band_label("14-5") is None
    assert band_label("Diabetes") is None


def url(project: Project) -> str:
    return reverse("project-population", args=[project.public_id])


def upload(name: str, data: bytes | None = None) -> dict[str, object]:
    return {
        "import": "report",
        "report": SimpleUploadedFile(name, data if data is not None else fixture(name)),
    }


def test_registers_import_into_the_patient_profile_and_update_it_later(
    client_for: ClientFor, project: Project
) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    champion.post(
        reverse("project-worksheet", args=[project.public_id, "t2-3"]),
        {"version": 0, "row0_register": "Carers", "row0_patients": "140", "row1_register": "Diabetes"},
    )
    response = champion.post(url(project), upload("emis_registers.csv"))
    assert response.status_code == 302
    assert response["Location"].endswith("/tools/t2-3/")
    rows = Worksheet.objects.get(project=project, tool_id="T2.3").answers["rows"]
    assert rows[0] == {"register": "Carers", "patients": "140", "note": ""}  # kept
    assert rows[1] == {"register": "Diabetes", "patients": "1412", "note": "7.9%; run 12 March 2026"}
    assert [r["register"] for r in rows] == ["Carers", "Diabetes", "COPD", "Asthma", "Hypertension"]
    page = champion.get(reverse("project-worksheet", args=[project.public_id, "t2-3"])).text
    assert "Imported 4 registers from emis_registers.csv" in page
    assert "Imported 4 registers" in champion.get(reverse("project-history", args=[project.public_id])).text


def test_age_bands_import_as_the_registered_population(client_for: ClientFor, project: Project) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    assert champion.post(url(project), upload("systmone_age_bands.csv")).status_code == 302
    imported = PopulationImport.objects.get(project=project)
    assert imported.total == 11845 and imported.bands[-1]["label"] == "85 and over"
    assert "11,845 registered patients" in champion.get(url(project)).text
    poster = champion.get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Aged 65 and over: 2,490 (21%)" in poster


def test_a_refused_report_changes_nothing_and_says_why(client_for: ClientFor, project: Project) -> None:
    champion = client_for(ORCHARD_LANE_STAFF)
    response = champion.post(url(project), upload("pid_columns_present.csv"))
    assert response.status_code == 200
    assert "an NHS number column" in response.text and "There is a problem" in response.text
    bad = champion.post(url(project), upload("bad.csv", b"Register,Count\nDiabetes,412\nCOPD,lots\n"))
    assert "Nothing was imported" in bad.text
    assert not Worksheet.objects.filter(project=project, tool_id="T2.3").exists()
    assert not PopulationImport.objects.filter(project=project).exists()
    assert "Choose the report to upload" in champion.post(url(project), {"import": "report"}).text


def test_only_the_lead_team_imports(client_for: ClientFor, project: Project) -> None:
    assert (
        client_for(ORCHARD_LANE_RECEPTIONIST).post(url(project), upload("emis_registers.csv")).status_code
        == 403
    )
    assert client_for(LEAD).post(url(project), upload("emis_registers.csv")).status_code == 403
