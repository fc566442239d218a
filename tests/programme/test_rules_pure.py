"""The programme's pure rules, tested without a database: engagement moves, adopter categories, readiness,
matching, the funding rule, the follow-up schedule, the Sustainability Model's factors and the progress
score."""

from datetime import date
from decimal import Decimal

import pytest

from microsystems.programme import (
    adoption,
    followup_schedule,
    funding_rules,
    matching,
    progress,
    readiness,
    sustainability,
)
from microsystems.programme.engagement import EngagementState as S
from microsystems.programme.engagement import allowed_next_states, exit_questions


class TestEngagement:
    def test_forward_skipping_back_one_and_out(self) -> None:
        allowed = allowed_next_states(S.INTERESTED)
        assert S.READINESS_CHECKED in allowed and S.AGREEMENT_SIGNED in allowed
        assert S.INVITED in allowed  # back one step, to correct a mistake
        assert S.DECLINED in allowed and S.WITHDREW in allowed

    def test_declining_is_only_before_starting_and_withdrawing_only_after_interest(self) -> None:
        assert S.DECLINED not in allowed_next_states(S.PROJECT_ACTIVE)
        assert S.WITHDREW in allowed_next_states(S.PROJECT_ACTIVE)
        assert S.WITHDREW not in allowed_next_states(S.INVITED)
        assert S.WITHDREW not in allowed_next_states(S.PROJECT_COMPLETED)

    def test_a_practice_that_left_can_only_come_back_at_the_start(self) -> None:
        assert allowed_next_states(S.WITHDREW) == [S.INVITED, S.INTERESTED]

    def test_exit_questions_differ_for_declining_and_withdrawing(self) -> None:
        declined = {k for k, _ in exit_questions(S.DECLINED)}
        withdrew = {k for k, _ in exit_questions(S.WITHDREW)}
        assert "discussed_with_coach" in withdrew and "discussed_with_coach" not in declined
        assert "payment_influence" in declined & withdrew
        assert exit_questions(S.PROJECT_ACTIVE) == ()


class TestAdoption:
    def test_rogers_bands_over_forty_practices(self) -> None:
        joined: dict[int, date | None] = {
            i: date(2024, 1, 1 + i % 28).replace(month=1 + i // 28) for i in range(40)
        }
        got = adoption.suggest_categories(joined)
        by_rank = [got[i].category for i in sorted(got, key=lambda i: got[i].rank)]
        assert by_rank[0] == "innovator"  # the first 2.5% of 40 is the first practice
        assert by_rank[1:6] == ["early_adopter"] * 5  # up to 16%
        assert by_rank.count("early_majority") == 14 and by_rank.count("late_majority") == 14
        assert by_rank.count("laggard") == 6
        assert by_rank[-1] == "laggard"

    def test_practices_not_joined_count_as_later_than_all_and_get_no_suggestion(self) -> None:
        joined = {1: date(2024, 1, 1), 2: date(2024, 2, 1), 3: None, 4: None}
        got = adoption.suggest_categories(joined)
        assert set(got) == {1, 2}
        assert got[2].rank == 2 and got[2].of == 4
        assert got[1].reason == "Joined 1st of the 4 practices the programme has invited."

    def test_ties_share_a_rank(self) -> None:
        got = adoption.suggest_categories({1: date(2024, 1, 1), 2: date(2024, 1, 1), 3: date(2024, 3, 1)})
        assert got[1].rank == got[2].rank == 1 and got[3].rank == 3

    def test_rank_out_of_range_is_refused(self) -> None:
        with pytest.raises(ValueError):
            adoption.category_for(0, 10)


class TestReadiness:
    def test_no_senior_partner_is_red_whatever_else(self) -> None:
        result = readiness.assess(
            stable_staffing=True,
            leadership_change=False,
            competing_projects=False,
            senior_partner_support=False,
        )
        assert result.colour == "red" and "senior partner" in result.reasons[0]

    def test_one_concern_is_amber_two_are_red_none_is_green(self) -> None:
        def colour(**answers: bool) -> str:
            base = {"stable_staffing": True, "leadership_change": False, "competing_projects": False}
            return readiness.assess(senior_partner_support=True, **{**base, **answers}).colour

        assert colour() == "green"
        assert colour(competing_projects=True) == "yellow"
        assert colour(competing_projects=True, stable_staffing=False) == "red"


class TestMatching:
    coaches = (
        matching.CoachFacts(1, "Ann", "mentor", "Practice nurse", ("diabetes",), (), 3, 16),
        matching.CoachFacts(
            2, "Bob", "experienced", "Pharmacist", ("prescribing",), ("Repeat prescriptions",), 1, 8
        ),
        matching.CoachFacts(3, "Cat", "newly_trained", "Manager", ("appointments",), (), 0, 12),
        matching.CoachFacts(
            4, "Dan", "experienced", "Commissioner", ("prescribing",), (), 0, 8, frozenset({99})
        ),
    )

    def test_relevant_experience_first_and_conflicts_left_out_with_the_reason(self) -> None:
        result = matching.rank(
            self.coaches, matching.PracticeFacts(pcn_id=99, theme="Repeat prescribing queue")
        )
        assert result.suggested[0].coach.name == "Bob"
        assert "Knows about prescribing." in result.suggested[0].reasons
        assert any("similar project" in r for r in result.suggested[0].reasons)
        assert [(c.name, why) for c, why in result.excluded] == [
            ("Dan", "Commissions services for this practice's area: a conflict of interest.")
        ]

    def test_without_a_theme_experience_then_lighter_workload(self) -> None:
        result = matching.rank(self.coaches[:3], matching.PracticeFacts(pcn_id=None))
        assert [s.coach.name for s in result.suggested] == ["Ann", "Bob", "Cat"]

    def test_a_newly_trained_coach_alone_is_warned_about_but_not_beside_an_experienced_one(self) -> None:
        alone = matching.rank(self.coaches[:3], matching.PracticeFacts(pcn_id=None))
        cat = next(s for s in alone.suggested if s.coach.name == "Cat")
        assert any("should not be the sole coach on a first project" in w for w in cat.warnings)
        assert any("no mentor" in w for w in cat.warnings)
        paired = matching.rank(
            self.coaches[:3], matching.PracticeFacts(pcn_id=None, current_coaches=frozenset({1}))
        )
        cat = next(s for s in paired.suggested if s.coach.name == "Cat")
        assert not any("sole coach" in w for w in cat.warnings)
        assert "Ann" in [c.name for c, _ in paired.excluded]

    def test_words_ignore_the_filler(self) -> None:
        assert matching.words("Improving the appointments for patients") == {"appointment"}


class TestFundingRule:
    def test_first_second_and_later(self) -> None:
        assert [funding_rules.route_for(n) for n in (1, 2, 3, 7)] == [
            "enhanced_service",
            "application",
            "self_funded",
            "self_funded",
        ]
        with pytest.raises(ValueError):
            funding_rules.route_for(0)

    def test_milestones_split_to_the_penny(self) -> None:
        parts = funding_rules.split(
            Decimal("1000.00"), [["Signed", 33.33], ["Step 2", 33.33], ["Done", 33.34]]
        )
        assert parts == [
            ("Signed", Decimal("333.30")),
            ("Step 2", Decimal("333.30")),
            ("Done", Decimal("333.40")),
        ]
        assert sum(amount for _, amount in parts) == Decimal("1000.00")
        assert funding_rules.split(Decimal("3000"), []) == [("", Decimal("3000"))]

    @pytest.mark.parametrize(
        ("milestones", "message"),
        [
            ([["A", 50], ["B", 40]], "add up to 100%"),
            ([["A", 50], ["A", 50]], "different"),
            ([["", 100]], "needs a name"),
            ([["A", 0], ["B", 100]], "more than 0%"),
        ],
    )
    def test_bad_milestones_say_what_is_wrong(self, milestones: list[list[object]], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            funding_rules.validate_milestones(milestones)


class TestAimStatus:
    def test_every_aim_met_some_none_or_not_known(self) -> None:
        from microsystems.programme.aims import aim_status

        assert aim_status([]) == "no_aim"
        assert aim_status([True, True]) == "met"
        assert aim_status([True, False]) == "partly"
        assert aim_status([True, None]) == "partly"
        assert aim_status([False, None]) == "not_met"
        assert aim_status([None]) == "not_known"


class TestMilestones:
    def test_a_milestone_is_named_by_the_event_it_waits_for(self) -> None:
        assert funding_rules.milestone_event("agreement  SIGNED") == "agreement_signed"
        assert funding_rules.milestone_event("") == "started"  # the single payment, when there are none
        assert funding_rules.milestone_event("Storyboard") is None
        assert funding_rules.canonical_label("step 3 reached") == "Step 3 reached"

    def test_what_a_project_has_reached_and_since_when(self) -> None:
        today, started = date(2026, 6, 1), date(2026, 1, 10)
        reached = funding_rules.milestones_reached(
            started_on=started,
            agreement_signed_on=date(2025, 12, 1),  # signed before the project: due when it starts
            current_step=3,
            completed_on=None,
            reviews_held={},
            today=today,
        )
        assert reached == {"started": started, "agreement_signed": started, "step_2": today, "step_3": today}
        done = funding_rules.milestones_reached(
            started_on=started,
            agreement_signed_on=None,
            current_step=4,
            completed_on=date(2026, 5, 1),
            reviews_held={"six_months": date(2026, 11, 2)},
            today=date(2026, 12, 1),
        )
        assert done["step_5"] == date(2026, 5, 1) and done["completed"] == date(2026, 5, 1)
        assert done["review_6"] == date(2026, 11, 2) and "review_12" not in done
        assert "agreement_signed" not in done


class TestFollowUpSchedule:
    def test_six_and_twelve_calendar_months_keeping_the_month_end(self) -> None:
        assert followup_schedule.review_dates(date(2025, 8, 31)) == [
            ("six_months", date(2026, 2, 28)),
            ("twelve_months", date(2026, 8, 31)),
        ]
        assert followup_schedule.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)

    @pytest.mark.parametrize(
        ("today", "status"),
        [
            (date(2026, 5, 17), "upcoming"),
            (date(2026, 5, 18), "open"),
            (date(2026, 6, 1), "due"),
            (date(2026, 6, 29), "due"),
            (date(2026, 6, 30), "overdue"),
        ],
    )
    def test_status_through_the_window(self, today: date, status: str) -> None:
        assert followup_schedule.status(date(2026, 6, 1), None, today) == status

    def test_reminders_are_sent_once_each_and_only_the_latest_after_a_gap(self) -> None:
        due = date(2026, 6, 1)
        send = followup_schedule.reminder_to_send
        assert send(due, None, date(2026, 5, 10), set()) is None
        assert send(due, None, date(2026, 5, 18), set()) == "before"
        assert send(due, None, date(2026, 5, 20), {"before"}) is None
        assert send(due, None, date(2026, 6, 1), {"before"}) == "due"
        assert send(due, None, date(2026, 7, 15), set()) == "overdue"  # the job missed the earlier ones
        assert send(due, None, date(2026, 6, 5), {"overdue"}) is None
        assert send(due, date(2026, 6, 2), date(2026, 7, 15), set()) is None  # held

    def test_further_review_only_when_partly_embedded_or_at_risk(self) -> None:
        twelve = date(2026, 6, 1)
        assert followup_schedule.further_review_due(twelve, "partial") == date(2026, 12, 1)
        assert followup_schedule.further_review_due(twelve, "at_risk") == date(2026, 12, 1)
        assert followup_schedule.further_review_due(twelve, "embedded") is None
        assert followup_schedule.further_review_due(twelve, "abandoned") is None


class TestSustainability:
    def test_ten_factors_with_only_published_weights(self) -> None:
        assert len(sustainability.FACTORS) == 10
        weights = {f.number: f.max_weight for f in sustainability.FACTORS}
        assert weights[8] is None and weights[9] is None  # unpublished: never invented
        assert sum(w for w in weights.values() if w is not None) == Decimal("78.0")

    def test_no_total_is_ever_computed(self) -> None:
        assert not hasattr(sustainability, "total")
        assert "cannot be computed" in sustainability.NO_TOTAL_REASON

    def test_comparison_and_warnings(self) -> None:
        earlier = {1: 4, 2: 3, 10: 2}
        later = {1: 3, 2: 3, 10: 1}
        changes = {c.factor.number: c.change for c in sustainability.compare(earlier, later)}
        assert changes[1] == "weaker" and changes[2] == "no change" and changes[5] == "not rated"
        warnings = sustainability.warnings(earlier, later)
        assert "At the lowest level: Infrastructure for sustainability." in warnings
        assert any(
            w.startswith("Weaker than at the last review: Benefits beyond helping patients") for w in warnings
        )

    def test_unknown_factor_or_level_is_refused(self) -> None:
        with pytest.raises(ValueError):
            sustainability.validate({11: 2})
        with pytest.raises(ValueError):
            sustainability.validate({1: 5})


class TestProgressScore:
    def test_before_completion_the_evidence_climbs_the_scale(self) -> None:
        assert progress.suggest(progress.Evidence()).score == Decimal("0.5")
        assert progress.suggest(progress.Evidence(team_formed=True)).score == Decimal("1.0")
        assert progress.suggest(progress.Evidence(team_formed=True, meetings_held=3)).score == Decimal("1.5")
        assert progress.suggest(progress.Evidence(changes_tested=True)).score == Decimal("2.5")
        assert progress.suggest(progress.Evidence(completed=True)).score == Decimal("4.0")

    @pytest.mark.parametrize(
        ("in_place", "chart", "embedding", "score"),
        [
            ("as_designed", "held", "embedded", "5.0"),
            ("adapted", "held", "partial", "4.5"),
            ("as_designed", "slipping", "partial", "4.0"),
            ("partly", "slipping", "at_risk", "3.0"),
            ("as_designed", "reverted", "at_risk", "3.0"),
            ("stopped", "no_data", "abandoned", "2.0"),
        ],
    )
    def test_a_review_confirms_the_gains_or_lowers_the_score(
        self, in_place: str, chart: str, embedding: str, score: str
    ) -> None:
        evidence = progress.Evidence(
            completed=True, change_in_place=in_place, chart_says=chart, embedding=embedding
        )
        assert progress.suggest(evidence).score == Decimal(score)


class TestPortfolioCharts:
    def test_the_adoption_curve_month_by_month_from_zero(self) -> None:
        from microsystems.programme.charts import Joined, adoption_months

        months = adoption_months(
            [
                Joined("Elm Tree", date(2024, 1, 20), "Innovator"),
                Joined("Priory", date(2024, 3, 1), "Early adopter"),
                Joined("Kingsfield", date(2024, 3, 31), ""),
            ],
            today=date(2024, 5, 10),
        )
        assert [(m.label, m.total) for m in months] == [
            ("Dec 2023", 0),
            ("Jan 2024", 1),
            ("Feb 2024", 1),
            ("Mar 2024", 3),
            ("Apr 2024", 3),
            ("May 2024", 3),
        ]
        assert months[-1].ends_on == date(2024, 5, 10)
        assert [j.name for j in months[3].joined] == ["Priory", "Kingsfield"]

    def test_the_curve_is_drawn_as_a_measure_chart_with_the_categories_shaded(self) -> None:
        from microsystems.programme.charts import Joined, adoption_chart, adoption_months

        months = adoption_months(
            [Joined("Elm Tree", date(2024, 1, 20), "Innovator"), Joined("Priory", date(2024, 6, 1), "")],
            today=date(2024, 8, 1),
        )
        svg = str(adoption_chart("Practices joined", months, ["Innovator", "Early adopter"]))
        assert 'role="img"' in svg and "<title>Practices joined</title>" in svg
        assert svg.count('class="app-chart__point') == len(months)
        assert "Innovator: 1 practice joined January 2024" in svg  # the shaded span's description
        assert "When each adopter category joined" in svg and "Median" not in svg
        assert "June 2024: 2 joined so far. Joined: Priory" in svg

    def test_bars_of_counts_have_whole_number_ticks(self) -> None:
        import re

        from microsystems.programme.charts import bar_chart

        svg = str(bar_chart("Reasons", [("Time", 1), ("Funding <none>", 0)], chart_id="reasons"))
        ticks = re.findall(r'text-anchor="middle" fill="#4c6272">([^<]+)<', svg)
        assert ticks == ["0", "1"]
        assert "Funding &lt;none&gt;" in svg and 'aria-label="Reasons"' in svg
