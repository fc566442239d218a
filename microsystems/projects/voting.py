"""Multi-voting, in plain Python: how many votes each person has, and the ranked result.

Each person gets about a third as many votes as there are items (at least one), and may give an item
at most one vote, so a list narrows fairly without one loud voice deciding."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def votes_each(item_count: int) -> int:
    """Votes per person for a list of `item_count` items: a third, rounded to the nearest, at least one."""
    if item_count <= 0:
        return 0
    return max(1, (item_count + 1) // 3)


@dataclass(frozen=True)
class Ranked:
    item_id: int
    text: str
    votes: int
    rank: int  # items with equal votes share a rank


def rank(items: Iterable[tuple[int, str]], votes: Mapping[int, int]) -> list[Ranked]:
    """Items by votes, most first; equal votes share a rank and keep the order they were raised in."""
    ordered = sorted(enumerate(items), key=lambda pair: (-votes.get(pair[1][0], 0), pair[0]))
    result: list[Ranked] = []
    previous: int | None = None
    current_rank = 0
    for position, (_, (item_id, text)) in enumerate(ordered, start=1):
        count = votes.get(item_id, 0)
        if count != previous:
            current_rank, previous = position, count
        result.append(Ranked(item_id, text, count, current_rank))
    return result
