"""The path through the five steps: what is done, what is next, what was skipped (no database)."""

from microsystems.projects.method import STEPS, TOOLS, PathKind, ToolState, current_step, path, tools_on


def states(kind: PathKind, done: set[str], skipped: set[str]) -> dict[str, ToolState]:
    return {t.tool.id: t.state for step in path(kind, done, skipped) for t in step.tools}


def test_a_new_project_has_the_first_core_tool_after_the_lead_team_next() -> None:
    found = states(PathKind.CORE, {"T1.1"}, set())
    assert found["T1.1"] == ToolState.DONE
    assert found["T1.2"] == ToolState.NEXT
    assert [s for s in found.values() if s == ToolState.NEXT] == [ToolState.NEXT]


def test_marking_a_tool_not_needed_moves_the_path_on() -> None:
    found = states(PathKind.CORE, {"T1.1"}, {"T1.2"})
    assert found["T1.2"] == ToolState.NOT_NEEDED
    assert found["T1.3"] == ToolState.NEXT


def test_the_core_path_is_shorter_than_the_full_path_and_leaves_out_optional_tools() -> None:
    core, full = tools_on(PathKind.CORE), tools_on(PathKind.FULL)
    assert 0 < len(core) < len(full) == len(TOOLS)
    core_ids = {t.tool.id for step in path(PathKind.CORE, set(), set()) for t in step.tools}
    assert "T1.4" not in core_ids  # ground rules are optional on the core path
    assert "T1.4" in {t.tool.id for step in path(PathKind.FULL, set(), set()) for t in step.tools}


def test_an_optional_tool_done_anyway_shows_as_done_on_the_core_path() -> None:
    assert states(PathKind.CORE, {"T1.4"}, set())["T1.4"] == ToolState.DONE


def test_the_current_step_follows_the_next_tool_and_ends_when_everything_is_settled() -> None:
    step1 = {t.id for t in TOOLS if t.step == 1}
    assert current_step(path(PathKind.CORE, step1, set())) == 2
    everything = {t.id for t in TOOLS}
    assert current_step(path(PathKind.FULL, everything - {"T5.4"}, {"T5.4"})) is None
    finished = path(PathKind.FULL, everything, set())
    assert [s.state for s in finished] == [ToolState.DONE] * len(STEPS)


def test_every_tool_has_a_short_why_and_how_and_a_unique_id() -> None:
    assert len({t.id for t in TOOLS}) == len(TOOLS)
    for tool in TOOLS:
        assert tool.why_and_how and len(tool.why_and_how) <= 120, tool.id
        assert 1 <= tool.step <= 5
