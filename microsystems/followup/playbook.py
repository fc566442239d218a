"""The playbook (T5.1): the practice's adopted standard work from every project, kept beyond the project,
for induction and for the follow-up reviews. A fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from microsystems.people.models import Organisation
from microsystems.treat.models import SDSACycle


@dataclass(frozen=True)
class Entry:
    process: str
    project: str
    project_href: str
    standard: str
    adherence_check: str
    trained: str
    measures: list[str]
    review_on: str
    written_on: str


def playbook(practice: Organisation) -> list[Entry]:
    standards = (
        SDSACycle.objects.filter(idea__project__practice=practice)
        .exclude(decision="pdsa")
        .select_related("idea__project")
        .prefetch_related("idea__measures")
        .order_by("idea__title", "-created_at")
    )
    entries = []
    seen: set[int] = set()
    for sdsa in standards:
        if sdsa.idea_id in seen:  # the latest standard of each change
            continue
        seen.add(sdsa.idea_id)
        project = sdsa.idea.project
        entries.append(
            Entry(
                process=sdsa.idea.title,
                project=project.title,
                project_href=reverse("project-detail", args=[project.public_id]),
                standard=sdsa.standard,
                adherence_check=sdsa.adherence_check,
                trained=sdsa.trained,
                measures=[m.name for m in sdsa.idea.measures.all()],
                review_on=f"{sdsa.review_on.day} {sdsa.review_on:%B %Y}" if sdsa.review_on else "",
                written_on=f"{sdsa.created_at.day} {sdsa.created_at:%B %Y}",
            )
        )
    return entries
