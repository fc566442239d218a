"""A change idea with a PDSA cycle on Orchard Lane Surgery's results measure."""

from datetime import date

from microsystems.measures.models import Measure
from microsystems.treat import actions
from microsystems.treat.models import ChangeIdea, PDSACycle
from tests.demo_people import ORCHARD_LANE_STAFF
from tests.projects.builders import user


def text_message_idea(measure: Measure) -> ChangeIdea:
    found = ChangeIdea.objects.filter(
        project=measure.project, title="Text normal results to patients"
    ).first()
    if found:
        return found
    return actions.add_idea(
        project=measure.project,
        by=user(ORCHARD_LANE_STAFF),
        title="Text normal results to patients",
        source="Staff",
        cause="Patients phone to ask for results",
        measures=[measure],
    )


def first_cycle(measure: Measure) -> PDSACycle:
    idea = text_message_idea(measure)
    found = PDSACycle.objects.filter(idea=idea).first()
    if found:
        return found
    return actions.plan_cycle(
        idea=idea,
        by=user(ORCHARD_LANE_STAFF),
        objective="One GP texts normal results for one week",
        question="Do fewer patients phone for their results?",
        prediction="Filing within two days rises above 80% that week",
        who="Dr Hughes",
        where="Morning surgery",
        scale="One GP, one week",
        starts_on=date(2026, 4, 13),
        ends_on=date(2026, 4, 19),
        data_to_collect="The weekly search",
        measure=measure,
    )
