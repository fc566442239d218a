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


class Gone(Exception):
    """Someone else removed it since the person opened it."""


class ChangedMeanwhile(Exception):
    """Someone else changed it since the person opened it: `now` is how it is now."""

    def __init__(self, now: "Cause | Idea") -> None:
        super().__init__("Changed by someone else")
        self.now = now


class CannotMove(Exception):
    """The cause cannot go there; `reason` says why, in words for the person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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


def place_of(cause: Cause) -> str:
    """Where a cause is, in words: on its bone, or under another cause."""
    if cause.parent is not None:
        return f"under “{cause.parent.text}” ({cause.category})"
    return f"on the bone {cause.category}"


@transaction.atomic
def change_cause(
    *,
    cause: Cause,
    text: str,
    category: str,
    parent: Cause | None,
    as_opened: tuple[str, str, int | None],
    by: User,
) -> bool:
    """Reword a cause, move it to another bone, or move it under another cause (or back to its bone).
    `as_opened` is (words, bone, cause above) as the person saw them: if someone else changed the cause
    since, nothing is saved (ChangedMeanwhile); if they removed it, Gone. Its votes stay with it; its
    deeper causes go with it. Returns whether anything changed; each change is kept in the history."""
    current = Cause.objects.select_for_update().filter(pk=cause.pk).first()
    if current is None:
        raise Gone
    if (current.text, current.category, current.parent_id) != as_opened:
        raise ChangedMeanwhile(current)
    text = text.strip()
    if parent is not None:
        parent = Cause.objects.select_for_update().filter(pk=parent.pk, project_id=current.project_id).first()
        if parent is None:
            raise CannotMove("The cause you chose to put it under has just been removed by someone else.")
        if parent.pk == current.pk:
            raise CannotMove("A cause cannot go under itself: choose another cause or a bone.")
        if parent.parent_id is not None:
            raise CannotMove(
                f"“{parent.text}” is itself a deeper cause: put it under a cause on a bone, or on a bone."
            )
        if Cause.objects.filter(parent=current).exists():
            raise CannotMove(
                f"“{current.text}” has deeper causes of its own, so it stays on a bone: "
                "move it to another bone, or move its deeper causes first."
            )
        category = parent.category
    project = current.project
    was_text, was_place = current.text, place_of(current)
    moved = (category, parent.pk if parent else None) != (current.category, current.parent_id)
    if text == current.text and not moved:
        return False
    Cause.objects.filter(pk=current.pk).update(
        text=text, category=category, parent=parent.pk if parent else None
    )
    if category != current.category:
        Cause.objects.filter(parent=current).update(category=category)
    if text != was_text:
        record(project, by, f"Reworded a cause {was_place}", "T3.4", was=was_text, now=text)
    if moved:
        current.text, current.category, current.parent = text, category, parent
        record(project, by, f"Moved the cause “{text}”", "T3.4", was=was_place, now=place_of(current))
    return True


@transaction.atomic
def reword_idea(*, brainstorm: Brainstorm, idea: Idea, text: str, as_opened: str, by: User) -> bool:
    """Put a brainstorm's idea in other words. `as_opened` is its words as the person saw them: if someone
    else reworded it since, nothing is saved (ChangedMeanwhile); if they removed it, Gone. Its votes and
    anything grouped under it stay. Returns whether it changed; the change is kept in the history."""
    current = Idea.objects.select_for_update().filter(pk=idea.pk, list_key=brainstorm.list_key).first()
    if current is None:
        raise Gone
    if current.text != as_opened:
        raise ChangedMeanwhile(current)
    text = text.strip()
    if text == current.text:
        return False
    Idea.objects.filter(pk=current.pk).update(text=text)
    record(
        brainstorm.project,
        by,
        f"Reworded an idea in the brainstorm: {brainstorm.question}",
        "T1.6",
        was=current.text,
        now=text,
    )
    return True


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
