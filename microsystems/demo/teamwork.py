"""The demo lead teams' teamwork: what each meeting's end-of-meeting review said (with the record's saved
version kept), brainstorms narrowed by multi-voting, and the tool a planned meeting will open on every
screen. Runs after the workbooks, so the meetings and lead teams exist."""

from dataclasses import dataclass

from microsystems.people.models import User

# What the teams said at the end of their meetings, in turn: most reviews are short and practical.
REVIEWS = (
    ("Everyone spoke; we kept to time.", "Start on time: the first five minutes went on finding a room."),
    ("The coach's example helped.", "Send the papers the day before."),
    ("We decided something, not just talked.", "Keep phones away until the break."),
    ("Good to hear from reception.", "The timekeeper should warn at half time."),
)


@dataclass(frozen=True)
class DemoBrainstorm:
    project: str
    question: str
    use: str
    votes_each: int | None
    ideas: tuple[tuple[str, str, tuple[str, ...]], ...]  # (idea, raised by, voters)
    grouped: tuple[tuple[str, str], ...] = ()  # (idea, grouped under)
    chosen: tuple[str, ...] = ()
    open_in_next_meeting: bool = False


BRAINSTORMS = (
    DemoBrainstorm(
        "Incoming test results handled within two working days",
        "What should we count to know results are handled on time?",
        "list",
        2,
        (
            (
                "Results filed within two working days",
                "Janet Price",
                ("Janet Price", "Ben Carter", "Aisha Bello"),
            ),
            ("Calls from patients chasing results", "Ben Carter", ("Ben Carter", "Janet Price")),
            ("Results waiting over a week", "Aisha Bello", ("Aisha Bello",)),
            ("Phone calls about results", "Ben Carter", ()),
        ),
        grouped=(("Phone calls about results", "Calls from patients chasing results"),),
        chosen=("Results filed within two working days", "Calls from patients chasing results"),
    ),
    DemoBrainstorm(
        "Weekly ward rounds with Willowmere Care Home",
        "What gets in the way of a good ward round?",
        "causes",
        None,
        (
            ("No single list of who needs seeing", "Bridget Nolan", ("Bridget Nolan", "Karen Walsh")),
            ("The GP arrives when staff are on their break", "Bridget Nolan", ("Bridget Nolan",)),
            ("Medicines changes not passed to the home", "Karen Walsh", ("Karen Walsh",)),
            ("Families not told what was decided", "Bridget Nolan", ()),
            ("Nobody knows who is on the list", "Karen Walsh", ()),
        ),
        grouped=(("Nobody knows who is on the list", "No single list of who needs seeing"),),
        open_in_next_meeting=True,
    ),
)


def load_teamwork() -> None:
    from microsystems.projects import live_actions
    from microsystems.projects.models import Idea, IdeaVote, Meeting, MeetingRevision, Project

    people = {u.full_name: u for u in User.objects.all()}
    for meeting in Meeting.objects.filter(held=True).select_related("recorder"):
        went_well, to_change = REVIEWS[meeting.number % len(REVIEWS)]
        meeting.went_well, meeting.to_change = went_well, to_change
        meeting.save(update_fields=["went_well", "to_change"])
        MeetingRevision.objects.create(
            meeting=meeting,
            part=MeetingRevision.Part.RECORD,
            content={
                "notes": meeting.notes,
                "score": meeting.score,
                "went_well": went_well,
                "to_change": to_change,
            },
            saved_by=meeting.recorder,
            saved_at=meeting.starts_at,
        )
    for demo in BRAINSTORMS:
        project = Project.objects.filter(title=demo.project).first()
        if project is None:
            continue
        champion = project.team.filter(part="champion").select_related("user").first()
        by = champion.user if champion else people[demo.ideas[0][1]]
        brainstorm = live_actions.start_brainstorm(
            project=project, question=demo.question, use=demo.use, votes_each=demo.votes_each, by=by
        )
        ideas = {
            text: live_actions.add_brainstorm_idea(brainstorm=brainstorm, text=text, by=people[raised_by])
            for text, raised_by, _ in demo.ideas
        }
        IdeaVote.objects.bulk_create(
            [
                IdeaVote(idea=ideas[text], voter=people[name])
                for text, _, voters in demo.ideas
                for name in voters
            ]
        )
        for text, under in demo.grouped:
            live_actions.group_ideas(brainstorm=brainstorm, idea=ideas[text], under=ideas[under], by=by)
        Idea.objects.filter(pk__in=[ideas[text].pk for text in demo.chosen]).update(chosen=True)
        if demo.open_in_next_meeting:
            upcoming = Meeting.objects.filter(project=project, held=False).order_by("number").first()
            if upcoming is not None:
                upcoming.open_tool = brainstorm.list_key
                upcoming.save(update_fields=["open_tool"])
