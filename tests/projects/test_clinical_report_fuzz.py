"""Property-based: whatever the file, reading a clinical-system report gives registers or age bands with
whole, non-negative counts, or a plain refusal (ReportError), never another exception; and a file that
holds an NHS number is never read."""

import contextlib
import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsystems.measures.importing.identifiers import is_nhs_number
from microsystems.projects.clinical_report import ReportError, read_report

CELLS = st.one_of(
    st.sampled_from(
        [
            "Register",
            "Count",
            "Age band",
            "Male",
            "Female",
            "Sex",
            "Total",
            "Prevalence",
            "Run date",
            "12/03/2026 09:15",
            "Diabetes",
            "0-4",
            "85+",
            "1,234",
            "7.9%",
            "",
            "943 476 5919",
            "Date of birth",
            "Jan-24",
            "Report name",
        ]
    ),
    st.text(max_size=10),
    st.integers(-5, 10**6).map(str),
)
TABLES = st.lists(st.lists(CELLS, max_size=5), max_size=20)


def as_csv(rows: list[list[str]], delimiter: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TABLES, st.sampled_from([",", ";", "\t"]))
def test_any_table_is_read_or_refused_plainly(rows: list[list[str]], delimiter: str) -> None:
    try:
        report = read_report(as_csv(rows, delimiter), "report.csv")
    except ReportError as refused:
        assert str(refused)
        return
    assert not any(is_nhs_number(cell) for row in rows for cell in row)
    assert bool(report.registers) != bool(report.bands)
    assert all(r.patients >= 0 and r.name for r in report.registers)
    assert all(min(b.male, b.female, b.other) >= 0 for b in report.bands)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_plainly(data: bytes) -> None:
    with contextlib.suppress(ReportError):
        read_report(data, "report.csv")


def test_digits_that_are_not_plain_numbers_are_refused_not_crashed_on() -> None:
    from microsystems.projects.population import PopulationFileError, read_population

    with pytest.raises(ReportError, match="“²” is not a whole number"):
        read_report("Register,Count\nDiabetes,412\nCOPD,²\n".encode(), "r.csv")
    header = "ORG_CODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS\n"
    with pytest.raises(PopulationFileError, match="is not a count"):
        read_population(f"{header}Z99999,MALE,0_4,²\n".encode(), "Z99999")
