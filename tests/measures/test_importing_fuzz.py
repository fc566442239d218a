"""Property-based: whatever the file, the importer answers with points or plain errors, never an exception,
and never both points to save and errors (all or nothing)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsystems.measures.importing import KINDS, parse_pasted, parse_upload

CELLS = st.one_of(
    st.sampled_from(
        [
            "Month",
            "Numerator",
            "Denominator",
            "Total",
            "",
            "01/04/2024",
            "Jan-24",
            "1,234",
            "45%",
            "0",
            "-3",
            "NHS Number",
            "943 476 5919",
            "2024-13-01",
            "31/02/2024",
            "04/13/2024",
            "12",
            "abc",
            "Date of birth",
        ]
    ),
    st.text(max_size=12),
    st.integers(-5, 10**6).map(str),
)
TABLES = st.lists(st.lists(CELLS, max_size=6), max_size=25)
DELIMITERS = st.sampled_from([",", ";", "\t", "|"])


def _consistent(parsed) -> None:  # type: ignore[no-untyped-def]
    if parsed.refusal:
        assert not parsed.points or not parsed.ok
    assert parsed.ok == (not parsed.errors and parsed.refusal is None and bool(parsed.points))
    periods = [p.period for p in parsed.points]
    assert periods == sorted(periods) and len(set(periods)) == len(periods)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    data=st.binary(max_size=3000),
    name=st.sampled_from(["a.csv", "a.xlsx", "a.zip", "a.txt"]),
    kind=st.sampled_from(KINDS),
)
def test_any_bytes_are_answered_without_an_exception(data: bytes, name: str, kind: str) -> None:
    _consistent(parse_upload(data, name, kind=kind, frequency="monthly"))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    rows=TABLES,
    delimiter=DELIMITERS,
    kind=st.sampled_from(KINDS),
    frequency=st.sampled_from(["daily", "weekly", "monthly"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_table_like_files_are_answered_without_an_exception(
    rows: list[list[str]], delimiter: str, kind: str, frequency: str, encoding: str
) -> None:
    text = "\r\n".join(delimiter.join(r) for r in rows)
    data = text.encode(encoding, errors="replace")
    parsed = parse_upload(data, "export.csv", kind=kind, frequency=frequency)
    _consistent(parsed)
    _consistent(parse_pasted(text, kind=kind, frequency=frequency))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    rows=TABLES,
    kind=st.sampled_from(KINDS),
    period=st.integers(-2, 7),
    value=st.integers(-2, 7),
    denominator=st.none() | st.integers(-2, 7),
)
def test_any_choice_of_columns_is_answered_without_an_exception(
    rows: list[list[str]], kind: str, period: int, value: int, denominator: int | None
) -> None:
    from microsystems.measures.importing import Columns, interpret, read_text

    text = "\n".join(",".join(r) for r in [["Label", "Numbers", "More"], *rows])
    try:
        table = read_text(text)
    except ValueError:
        return
    _consistent(interpret(table, kind=kind, frequency="monthly", columns=Columns(period, value, denominator)))
