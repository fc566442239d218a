"""Meeting scheduling, rotating roles and the seven-step agenda (no database)."""

from datetime import datetime, timedelta

from microsystems.projects.meetings import ROLES, rotate_roles, schedule, seven_step_agenda


def test_sessions_are_spaced_by_the_chosen_frequency() -> None:
    first = datetime(2027, 1, 12, 13, 0)
    assert schedule(first, 3, "weekly") == [first, first + timedelta(weeks=1), first + timedelta(weeks=2)]
    assert schedule(first, 2, "fortnightly")[1] == first + timedelta(weeks=2)
    assert schedule(first, 0, "weekly") == []


def test_roles_rotate_so_everyone_takes_each_role_and_nobody_holds_two() -> None:
    team = ["Priya", "Owen", "Grace", "Megan", "Sam"]
    meetings = [rotate_roles(team, n) for n in range(1, 6)]
    for roles in meetings:
        assert len(set(roles.values())) == len(ROLES)
    for role in ROLES:
        assert {m[role] for m in meetings} == set(team)
    assert meetings[0]["leader"] != meetings[1]["leader"]


def test_a_team_with_nobody_gets_empty_roles() -> None:
    assert rotate_roles([], 1) == dict.fromkeys(ROLES)


def test_the_agenda_has_seven_steps_and_fits_the_meeting() -> None:
    for length in (60, 210, 20):
        agenda = seven_step_agenda(length)
        assert [line.step for line in agenda] == [1, 2, 3, 4, 4, 5, 6, 7]
        assert sum(line.minutes for line in agenda) == max(length, 30)


def test_in_a_small_team_the_leader_is_never_also_the_recorder() -> None:
    for size in (2, 3):
        team = list(range(size))
        for number in range(1, 7):
            roles = rotate_roles(team, number)
            assert roles["leader"] != roles["recorder"]
