"""Numbers read from requests: anything but plain digits is no number, never a server error."""

import pytest

from microsystems.core.numbers import posted_version, whole_number


@pytest.mark.parametrize("text", ["0", "7", "123456789"])
def test_plain_digits_are_read(text: str) -> None:
    assert whole_number(text) == int(text)


@pytest.mark.parametrize("text", [None, "", " 7", "-1", "1.5", "²", "٣", "1234567890", "seven"])
def test_anything_else_is_no_number(text: str | None) -> None:
    assert whole_number(text) is None


def test_a_missing_or_garbled_version_matches_no_saved_version() -> None:
    assert posted_version({"version": "3"}) == 3
    assert posted_version({"version": "²"}) == -1
    assert posted_version({}) == -1
    assert posted_version({"based_on": "0"}, "based_on") == 0
