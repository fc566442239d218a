"""Uploading a file: a preview, then all or nothing; every row's error; patient data refused."""

from collections.abc import Callable
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsystems.measures.models import DataPoint, Measure
from tests.demo_people import ORCHARD_LANE_STAFF

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
Clients = Callable[[str], Client]


def upload_url(measure: Measure) -> str:
    return reverse("measure-upload", args=[measure.project.public_id, measure.id])


def send(client: Client, measure: Measure, name: str, data: bytes | None = None) -> str:
    content = data if data is not None else (FIXTURES / name).read_bytes()
    response = client.post(upload_url(measure), {"upload": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    return response.content.decode()


def test_a_file_with_errors_lists_every_row_and_saves_nothing(measure: Measure, client_for: Clients) -> None:
    before = list(DataPoint.objects.filter(measure=measure).values_list("period", "value"))
    page = send(client_for(ORCHARD_LANE_STAFF), measure, "rows_with_errors.csv")
    for text in (
        "Row 3: the denominator is 0.",
        "Row 4: the numerator “abc” is not a number.",
        "Row 7: the denominator is missing.",
    ):
        assert text in page
    assert "Nothing was saved" in page
    assert list(DataPoint.objects.filter(measure=measure).values_list("period", "value")) == before


def test_a_good_file_is_previewed_then_saved_on_confirmation(measure: Measure, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    before = DataPoint.objects.filter(measure=measure).count()
    page = send(client, measure, "emis_report_preamble.csv")
    assert "6 rows are ready" in page
    assert "Row 13 is a totals row, so it was left out." in page
    assert DataPoint.objects.filter(measure=measure).count() == before
    confirmed = page.split('name="confirmed" value="')[1].split('"')[0]
    import html

    response = client.post(upload_url(measure), {"confirmed": html.unescape(confirmed)})
    assert response.status_code == 302
    assert DataPoint.objects.filter(measure=measure).count() == before + 6


def test_patient_identifiable_data_is_refused_with_the_reason(measure: Measure, client_for: Clients) -> None:
    before = DataPoint.objects.filter(measure=measure).count()
    page = send(client_for(ORCHARD_LANE_STAFF), measure, "nhs_number_in_a_cell.csv")
    assert "Row 3 holds what looks like an NHS number" in page
    page = send(client_for(ORCHARD_LANE_STAFF), measure, "pid_columns_present.csv")
    assert "Measures hold totals only, never patient-level data" in page
    assert DataPoint.objects.filter(measure=measure).count() == before


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600) | st.text(max_size=600).map(str.encode))
def test_any_upload_is_answered_and_changes_nothing(
    data: bytes, measure: Measure, client_for: Clients
) -> None:
    before = list(DataPoint.objects.filter(measure=measure).values_list("period", "value", "denominator"))
    send(client_for(ORCHARD_LANE_STAFF), measure, "fuzz.csv", data)
    after = list(DataPoint.objects.filter(measure=measure).values_list("period", "value", "denominator"))
    assert after == before


def _carried(page: str) -> str:
    import re

    found = re.search(r'name="table" value="([^"]+)"', page)
    assert found, "the page carries the file's rows to the column choice"
    return found.group(1)


def test_the_user_chooses_the_columns_when_their_names_are_unknown(
    measure: Measure, client_for: Clients
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    before = DataPoint.objects.filter(measure=measure).count()
    page = send(client, measure, "systmone_unnamed_columns.csv")
    assert "no column of numerators was found by its name" in page
    assert "Which columns of systmone_unnamed_columns.csv hold the data?" in page
    table = _carried(page)
    chosen = {"table": table, "period_column": "0", "value_column": "1", "denominator_column": "2"}
    response = client.post(upload_url(measure), chosen)
    page = response.content.decode()
    assert "4 rows are ready" in page and "Save these 4 rows" in page
    assert DataPoint.objects.filter(measure=measure).count() == before
    # The same column twice, or no choice: said plainly, nothing saved.
    page = client.post(upload_url(measure), {**chosen, "denominator_column": "1"}).content.decode()
    assert "The same column is chosen twice" in page
    page = client.post(upload_url(measure), {**chosen, "value_column": ""}).content.decode()
    assert "Choose the column that holds the dates and the column that holds the values." in page
    assert DataPoint.objects.filter(measure=measure).count() == before


def test_a_tampered_or_stale_column_choice_is_refused(measure: Measure, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    response = client.post(
        upload_url(measure), {"table": "made-up", "period_column": "0", "value_column": "1"}
    )
    assert response.status_code == 200
    assert "upload the file again" in response.content.decode()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    period=st.text(max_size=3),
    value=st.text(max_size=3),
    denominator=st.text(max_size=3) | st.integers(-2, 5).map(str),
)
def test_any_column_choice_is_answered_and_changes_nothing(
    period: str, value: str, denominator: str, measure: Measure, client_for: Clients
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    table = _carried(send(client, measure, "systmone_unnamed_columns.csv"))
    before = DataPoint.objects.filter(measure=measure).count()
    response = client.post(
        upload_url(measure),
        {"table": table, "period_column": period, "value_column": value, "denominator_column": denominator},
    )
    assert response.status_code == 200
    assert DataPoint.objects.filter(measure=measure).count() == before
