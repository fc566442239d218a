"""Changes the team makes together, often live in a meeting: brainstorms narrowed by multi-voting
(T1.6) and carried to where they are used, and the tool a meeting has open on everyone's screen.

Keyword-only arguments and an explicit `by=`; each change is one transaction with its history written
alongside. Nothing here checks permissions: the views do, through the permission layer."""

from django.db import transaction
from django.db.models import Max

from microsystems.people.models import User

from . import voting
from .actions import add_cause, add_ideas, record
from .models import Brainstorm, BrainstormUse, Cause, Idea, IdeaVote, Meeting, ParkedIdea, Project


class OutOfVotes(Exception):
    """The voter has used all their votes on this list."""


class CannotGroup(Exception):
    """The two ideas cannot be grouped (the same idea, or not on the same list)."""


@transaction.atomic
def start_brainstorm(
    *, project: Project, question: str, use: str, votes_each: int | None, by: User
) -> Brainstorm:
    # Lock the project row so two brainstorms started at once get different numbers.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    last = Brainstorm.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0
    brainstorm = Brainstorm.objects.create(
        project=project,
        number=last + 1,
        question=question.strip(),
        use=use,
        votes_each=votes_each,
        created_by=by,
    )
    record(project, by, f"Started a brainstorm: {brainstorm.question}", "T1.6")
    return brainstorm


def top_level(brainstorm: Brainstorm) -> "list[Idea]":
    return list(
        Idea.objects.filter(project=brainstorm.project_id, list_key=brainstorm.list_key, merged_into=None)
    )


def allowance(brainstorm: Brainstorm, item_count: int) -> int:
    """Votes each person has on this list: as the team set it, else about a third of the items."""
    return brainstorm.votes_each if brainstorm.votes_each else voting.votes_each(item_count)


@transaction.atomic
def add_brainstorm_idea(*, brainstorm: Brainstorm, text: str, by: User) -> Idea:
    idea = Idea.objects.create(
        project_id=brainstorm.project_id, list_key=brainstorm.list_key, text=text.strip(), raised_by=by
    )
    record(brainstorm.project, by, f"Added “{idea.text}” to the brainstorm: {brainstorm.question}", "T1.6")
    return idea


@transaction.atomic
def group_ideas(*, brainstorm: Brainstorm, idea: Idea, under: Idea, by: User) -> None:
    """Put `idea` (and anything already grouped under it) under `under`, as saying the same thing. Its
    votes move to `under`, except where the voter already voted for `under`."""
    if idea.pk == under.pk or {idea.list_key, under.list_key} != {brainstorm.list_key}:
        raise CannotGroup
    if under.merged_into_id is not None:
        under = Idea.objects.get(pk=under.merged_into_id)
        if under.pk == idea.pk:
            raise CannotGroup
    Idea.objects.filter(merged_into=idea).update(merged_into=under)
    Idea.objects.filter(pk=idea.pk).update(merged_into=under, chosen=False)
    already = set(IdeaVote.objects.filter(idea=under).values_list("voter_id", flat=True))
    IdeaVote.objects.filter(idea=idea, voter_id__in=already).delete()
    IdeaVote.objects.filter(idea=idea).update(idea=under)
    record(brainstorm.project, by, f"Grouped “{idea.text}” under “{under.text}”", "T1.6")


@transaction.atomic
def toggle_brainstorm_vote(*, brainstorm: Brainstorm, idea: Idea, by: User) -> bool:
    """Give the idea the voter's vote, or take it back; returns whether the vote now stands. Refuses a
    vote beyond the voter's allowance, and a vote for an idea grouped under another."""
    # One vote at a time per list, so two quick clicks cannot go over the allowance.
    Brainstorm.objects.select_for_update().filter(pk=brainstorm.pk).first()
    existing = IdeaVote.objects.filter(idea=idea, voter=by)
    if existing.exists():
        existing.delete()
        record(brainstorm.project, by, f"Took back a vote for “{idea.text}”", "T1.6")
        return False
    if idea.merged_into_id is not None:
        raise CannotGroup
    ideas = top_level(brainstorm)
    used = IdeaVote.objects.filter(idea__in=ideas, voter=by).count()
    if used >= allowance(brainstorm, len(ideas)):
        raise OutOfVotes
    IdeaVote.objects.create(idea=idea, voter=by)
    record(brainstorm.project, by, f"Voted for “{idea.text}”", "T1.6")
    return True


@transaction.atomic
def remove_idea(*, brainstorm: Brainstorm, idea: Idea, by: User) -> None:
    """Take an idea off the list (with any grouped under it); its words stay in the history."""
    grouped = list(Idea.objects.filter(merged_into=idea).values_list("text", flat=True))
    Idea.objects.filter(pk=idea.pk).delete()
    also = f" (and {'; '.join(grouped)})" if grouped else ""
    record(brainstorm.project, by, f"Removed “{idea.text}”{also} from the brainstorm", "T1.6")


@transaction.atomic
def remove_cause(*, cause: Cause, by: User) -> None:
    """Take a cause off the fishbone with its deeper causes; their words stay in the history."""
    deeper = list(Cause.objects.filter(parent=cause).values_list("text", flat=True))
    Cause.objects.filter(pk=cause.pk).delete()
    also = f" (and under it: {'; '.join(deeper)})" if deeper else ""
    record(cause.project, by, f"Removed the cause under {cause.category}: {cause.text}{also}", "T3.4")


@transaction.atomic
def toggle_chosen(*, brainstorm: Brainstorm, idea: Idea, by: User) -> bool:
    chosen = not idea.chosen
    Idea.objects.filter(pk=idea.pk).update(chosen=chosen)
    verb = "Chose" if chosen else "Took back the choice of"
    record(brainstorm.project, by, f"{verb} “{idea.text}” from the brainstorm", "T1.6")
    return chosen


@transaction.atomic
def carry_chosen(*, brainstorm: Brainstorm, category: str, by: User) -> int:
    """Carry the chosen ideas to where the brainstorm is used: the candidate themes, the fishbone's
    causes (on the bone `category`), the parking lot or the change ideas to test (step 4). Anything
    already there (same words, any case) is not added twice. Returns how many were added."""
    project = brainstorm.project
    chosen = [i.text for i in Idea.objects.filter(project=project, list_key=brainstorm.list_key, chosen=True)]
    added = 0
    if brainstorm.use == BrainstormUse.THEMES:
        added = add_ideas(project=project, list_key="themes", texts=chosen, by=by)
    elif brainstorm.use == BrainstormUse.CAUSES:
        there = {t.lower() for t in Cause.objects.filter(project=project).values_list("text", flat=True)}
        for text in chosen:
            if text.lower() not in there:
                add_cause(project=project, category=category, text=text[:200], parent=None, by=by)
                there.add(text.lower())
                added += 1
    elif brainstorm.use == BrainstormUse.PARKING_LOT:
        there = {t.lower() for t in ParkedIdea.objects.filter(project=project).values_list("text", flat=True)}
        for text in chosen:
            if text.lower() not in there:
                ParkedIdea.objects.create(project=project, text=text, raised_by=by)
                there.add(text.lower())
                added += 1
    elif brainstorm.use == BrainstormUse.CHANGE_IDEAS:
        from microsystems.treat import actions as treat_actions
        from microsystems.treat.models import ChangeIdea

        there = {
            t.lower() for t in ChangeIdea.objects.filter(project=project).values_list("title", flat=True)
        }
        for text in chosen:
            if text[:200].lower() not in there:
                treat_actions.add_idea(
                    project=project,
                    by=by,
                    title=text[:200],
                    source=f"Brainstorm: {brainstorm.question}"[:100],
                )
                there.add(text[:200].lower())
                added += 1
    if added:
        record(project, by, f"Carried {added} chosen from the brainstorm: {brainstorm.question}", "T1.6")
    return added


@transaction.atomic
def open_in_meeting(*, meeting: Meeting, tool_key: str, label: str, by: User) -> None:
    """Open a tool on every screen following the meeting in meeting mode ('' closes it)."""
    Meeting.objects.filter(pk=meeting.pk).update(open_tool=tool_key)
    meeting.open_tool = tool_key
    what = (
        f"Opened {label} in meeting {meeting.number}"
        if tool_key
        else f"Closed the tool in meeting {meeting.number}"
    )
    record(meeting.project, by, what, "T1.5")


@transaction.atomic
def set_fishbone_step(*, project: Project, step: int, by: User) -> None:
    """Draw the fishbone in step 2 or step 3 (programmes differ): the path shows it in that step."""
    if step == project.fishbone_step:
        return
    Project.objects.filter(pk=project.pk).update(fishbone_step=step)
    project.fishbone_step = step
    record(project, by, f"The fishbone moves to step {step}", "T3.4")
