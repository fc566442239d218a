"""A worksheet's answers, in plain Python: the team's shared answers (questions and a table of rows) and
each person's own answers, all kept in one JSON document.

    {"statement": "…", "rows": [{"register": "Diabetes", "patients": "412"}, …],
     "people": {"17": {"answers": {"aim": "…"}, "version": 2, "saved_at": "2026-03-12T10:15:00+00:00"}}}

Two people saving their own answers never clash; two people editing the team's answers do, and only when
the team's answers changed in between."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .method import Tool

Row = dict[str, str]
BLANK_ROWS = 3  # empty rows offered under the filled ones
OWN_ONLY = "own_only"  # set while a worksheet holds only people's own answers
MAX_ROWS = 60


@dataclass(frozen=True)
class RowProblem:
    index: int  # from 0, as in the form
    column: str
    message: str


def _number(text: str) -> int | None:
    plain = re.sub(r"[,\s]", "", text)
    return int(plain) if re.fullmatch(r"[0-9]{1,9}", plain) else None


def clean_rows(tool: Tool, raw: Sequence[Mapping[str, str]]) -> tuple[list[Row], list[RowProblem]]:
    """The filled rows, trimmed, with whole numbers written plainly; blank rows are dropped. A number
    column holding something else is a problem for that row, named by the row's place among the filled
    rows as the person sees them."""
    rows: list[Row] = []
    problems: list[RowProblem] = []
    for index, cells in enumerate(raw):
        row = {col.name: str(cells.get(col.name, "")).strip() for col in tool.rows}
        if not any(row.values()):
            continue
        for col in tool.rows:
            if col.number and row[col.name]:
                found = _number(row[col.name])
                if found is None:
                    problems.append(
                        RowProblem(
                            index,
                            col.name,
                            f"Row {index + 1}: {col.label.lower()} must be a whole number, "
                            f"like 412 (not “{row[col.name]}”)",
                        )
                    )
                else:
                    row[col.name] = str(found)
        rows.append(row)
    if len(rows) > MAX_ROWS:
        problems.append(RowProblem(MAX_ROWS, tool.rows[0].name, f"Keep the table to {MAX_ROWS} rows"))
    return rows, problems


def shared(tool: Tool, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The part of the answers the team edits together: every question and the table."""
    found: dict[str, Any] = {f.name: str(answers.get(f.name, "")) for f in tool.fields}
    if tool.rows:
        found["rows"] = [dict(r) for r in answers.get("rows", [])]
    return found


def rows_of(answers: Mapping[str, Any]) -> list[Row]:
    return [dict(r) for r in answers.get("rows", []) if isinstance(r, Mapping)]


def row_line(tool: Tool, row: Mapping[str, str]) -> str:
    """One row as a line of text: the first cell, then the others that are filled, with their labels."""
    if not tool.rows:
        return ""
    first, *others = tool.rows
    rest = [f"{c.label.lower()} {row[c.name]}" for c in others if row.get(c.name)]
    head = row.get(first.name, "") or "(no name)"
    return head + (": " + "; ".join(rest) if rest else "")


def people_of(answers: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    """Each person's own entry by user id."""
    found: dict[int, dict[str, Any]] = {}
    for key, entry in (answers.get("people") or {}).items():
        if re.fullmatch(r"[0-9]{1,12}", str(key)) and isinstance(entry, Mapping):
            found[int(key)] = dict(entry)
    return found


def own_version(answers: Mapping[str, Any], user_id: int) -> int:
    return int(people_of(answers).get(user_id, {}).get("version", 0))


def with_own(
    tool: Tool, answers: Mapping[str, Any], user_id: int, own: Mapping[str, str], saved_at: str
) -> dict[str, Any]:
    """The answers with this person's own entry replaced (a blank entry removes it)."""
    people = dict(answers.get("people") or {})
    clean = {f.name: str(own.get(f.name, "")).strip() for f in tool.own}
    if any(clean.values()):
        people[str(user_id)] = {
            "answers": clean,
            "version": own_version(answers, user_id) + 1,
            "saved_at": saved_at,
        }
    else:
        people.pop(str(user_id), None)
    found = {**answers, "people": people}
    if (tool.fields or tool.rows) and not any(shared(tool, answers).values()):
        # Only people's own answers so far: the team has not written its part, so the tool is not done.
        found[OWN_ONLY] = True
    return found


def labelled(tool: Tool, answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every answer as (label, text), for history and print: questions, then the table, then each
    person's entry (by id; the caller names them)."""
    found = [(f.label, str(answers.get(f.name, ""))) for f in tool.fields]
    if tool.rows:
        found.append((tool.rows_label, "\n".join(row_line(tool, r) for r in rows_of(answers))))
    return found


def shares_over_a_week(rows: Sequence[Mapping[str, str]]) -> list[str]:
    """For who does what: each role whose shares of the week add up to more than all of it."""
    totals: dict[str, int] = {}
    names: dict[str, str] = {}
    for row in rows:
        role = row.get("role", "").strip()
        share = _number(row.get("share", ""))
        if role and share is not None:
            totals[role.lower()] = totals.get(role.lower(), 0) + share
            names.setdefault(role.lower(), role)
    return [
        f"{names[key]}: the shares add up to {total}% of the week. Check the estimates, or split the role "
        "if it is more than one person."
        for key, total in totals.items()
        if total > 100
    ]


_COMMON = frozenset(
    [
        "a",
        "about",
        "all",
        "also",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "because",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "get",
        "give",
        "go",
        "have",
        "help",
        "helps",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "keep",
        "make",
        "more",
        "most",
        "not",
        "of",
        "on",
        "one",
        "or",
        "our",
        "out",
        "people",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "us",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "will",
        "with",
        "without",
        "would",
        "you",
        "your",
    ]
)


def common_words(texts: Sequence[str], least: int = 2, most: int = 8) -> list[tuple[str, int]]:
    """The words that come up in more than one person's answers (each person counted once per word),
    commonest first: a start for drafting a statement everyone can sign up to."""
    counts: dict[str, int] = {}
    for text in texts:
        words = {w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in _COMMON and len(w) > 2}
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(((w, n) for w, n in counts.items() if n >= least), key=lambda item: (-item[1], item[0]))
    return ranked[:most]


def level_counts(
    people: Sequence[Mapping[str, str]], areas: Sequence[tuple[str, str]], levels: Sequence[str]
) -> list[tuple[str, list[int]]]:
    """For each area, how many people chose each level."""
    return [
        (label, [sum(1 for p in people if p.get(name) == level) for level in levels]) for name, label in areas
    ]


def older_share(bands: Sequence[Mapping[str, Any]], total: int, from_age: int = 65) -> str:
    """How many registered patients are 65 or over, and their share, when the bands say so exactly."""
    older = 0
    for band in bands:
        found = re.match(r"^([0-9]{1,3})", str(band.get("label", "")))
        if not found:
            return ""
        lower = int(found.group(1))
        upper = re.search(r"to ([0-9]{1,3})$", str(band.get("label", "")))
        if lower < from_age and upper and int(upper.group(1)) >= from_age:
            return ""  # a band that straddles the age: no exact answer
        if lower >= from_age:
            older += sum(int(band.get(k, 0) or 0) for k in ("male", "female", "other"))
    if not total or not older:
        return ""
    return f"Aged {from_age} and over: {older:,} ({100 * older / total:.0f}%)"
