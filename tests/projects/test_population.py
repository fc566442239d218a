"""Registered patients by age (T2.3), read from NHS England's five-year age band file."""

import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from microsystems.projects.models import PopulationImport, Project
from microsystems.projects.population import PopulationFileError, read_population
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_STAFF

ClientFor = Callable[[str], Client]
HEADER = "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS"


def quin_age(code: str = "Z90001", date: str = "01SEP2017", crlf: bool = False) -> bytes:
    """A small synthetic file: an ICB row, another practice, and our practice's bands for both sexes."""
    rows = [HEADER, f"GP_PRAC_PAT_LIST,{date},ICB,QXX,E54000099,,ALL,ALL,1500000"]
    rows.append(f"GP_PRAC_PAT_LIST,{date},GP,A99002,,ZZ1 1AB,FEMALE,0_4,999")
    for sex, counts in (("MALE", (212, 230, 40)), ("FEMALE", (198, 251, 61))):
        for band, count in zip(("0_4", "5_9", "95+"), counts, strict=True):
            rows.append(f"GP_PRAC_PAT_LIST,{date},GP,{code},,ZZ1 1AA,{sex},{band},{count}")
    rows.append(f"GP_PRAC_PAT_LIST,{date},GP,{code},,ZZ1 1AA,ALL,ALL,992")
    return (("\r\n" if crlf else "\n").join(rows) + "\n").encode()


def test_the_practices_bands_are_read_by_header_name_and_other_rows_skipped() -> None:
    found = read_population(quin_age(), "z90001")
    assert found.total == 992
    assert [(b.label, b.male, b.female) for b in found.bands] == [
        ("0 to 4", 212, 198),
        ("5 to 9", 230, 251),
        ("95 and over", 40, 61),
    ]
    assert str(found.extract_date) == "2017-09-01"


def test_dates_line_endings_encodings_and_zips_are_all_read() -> None:
    assert str(read_population(quin_age(date="2026-04-01", crlf=True), "Z90001").extract_date) == "2026-04-01"
    assert str(read_population(quin_age(date="01-Apr-17"), "Z90001").extract_date) == "2017-04-01"
    assert read_population(b"\xef\xbb\xbf" + quin_age(), "Z90001").total == 992
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("gp-reg-pat-prac-quin-age-jan-26.csv", quin_age())
    assert read_population(packed.getvalue(), "Z90001").total == 992


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"Month,Count\n01/01/2024,5\n", "does not look like the five-year age band file"),
        (quin_age(code="A99003"), "no rows for practice Z90001"),
        (b"NHS Number,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS,ORG_CODE\n", "columns that identify patients"),
        (HEADER.encode() + b"\nX,01SEP2017,GP,Z90001,,Z,MALE,0_4,lots\n", "is not a count"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data: bytes, message: str) -> None:
    with pytest.raises(PopulationFileError, match=message):
        read_population(data, "Z90001")


def test_two_csvs_in_a_zip_are_refused() -> None:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("a.csv", quin_age())
        archive.writestr("b.csv", quin_age())
    with pytest.raises(PopulationFileError, match="exactly one CSV"):
        read_population(packed.getvalue(), "Z90001")


def url(project: Project) -> str:
    return reverse("project-population", args=[project.public_id])


def test_the_team_imports_the_figures_and_a_bad_file_changes_nothing(
    client_for: ClientFor, project: Project
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    bad = client.post(url(project), {"file": SimpleUploadedFile("x.csv", b"Month,Count\n")})
    assert "does not look like the five-year age band file" in bad.text
    assert not PopulationImport.objects.filter(project=project).exists()
    good = client.post(url(project), {"file": SimpleUploadedFile("gp-reg-pat-prac-quin-age.csv", quin_age())})
    assert good.status_code == 302
    page = client.get(url(project)).text
    assert "992 registered patients on 1 September 2017" in page and "95 and over" in page
    poster = client.get(reverse("project-five-ps", args=[project.public_id])).text
    assert "992 registered patients on 1 September 2017" in poster


@pytest.mark.parametrize(("email", "get", "post"), [(LEAD, 200, 403), (MILLBROOK_STAFF, 404, 404)])
def test_who_sees_and_who_imports(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    client = client_for(email)
    assert client.get(url(project)).status_code == get
    upload = SimpleUploadedFile("q.csv", quin_age())
    assert client.post(url(project), {"file": upload}).status_code == post
