"""Whole numbers read from a request: ids, versions, page numbers and column choices."""

from collections.abc import Mapping


def whole_number(text: str | None, *, max_digits: int = 9) -> int | None:
    """The number ``text`` spells in plain digits, else None.

    ``str.isdigit`` alone lets through characters such as "²" that ``int`` refuses, so a hand-made
    request could otherwise end in a server error; the length cap keeps the number inside a database
    integer.
    """
    if text and text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)
    return None


def posted_version(data: Mapping[str, str], name: str = "version") -> int:
    """The version a form was filled in from, or -1 when it is missing or garbled: -1 matches no saved
    version, so such a save is treated as made over someone else's change and refused, never applied."""
    found = whole_number(data.get(name))
    return -1 if found is None else found
