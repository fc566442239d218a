"""A programme's own words for the method's jargon ("microsystem" → "team", "PDSA" → "test of change").

The seeds found the method's language put practices off; a programme may rename any word, and every
page of a project shows the programme's words. Plain Python: templates reach it through the Jinja
`term()` global and `terms` filter, which read the page's `terminology`."""

import re
from collections.abc import Mapping


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1 and not replacement.isupper():
        return replacement  # an acronym (PDSA) replaced by words keeps the programme's own case
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def term(word: str, terminology: Mapping[str, str] | None) -> str:
    """The programme's word for `word`, in the same case as asked ("Microsystem" → "Team")."""
    if not terminology:
        return word
    lowered = {key.lower(): value for key, value in terminology.items() if value}
    replacement = lowered.get(word.lower())
    return _match_case(word, replacement) if replacement else word


def rename(text: str, terminology: Mapping[str, str] | None) -> str:
    """`text` with every renamed word replaced, whole words only, plurals too ("microsystems" → "teams")."""
    if not terminology or not text:
        return text
    lowered = {key.lower(): value for key, value in terminology.items() if key and value}
    if not lowered:
        return text
    words = sorted(lowered, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")(s?)\b", re.IGNORECASE)

    def replace(match: re.Match[str]) -> str:
        replacement = _match_case(match.group(1), lowered[match.group(1).lower()])
        return replacement + match.group(2)

    return pattern.sub(replace, text)
