"""A measure on Orchard Lane Surgery's project, with data that shows a shift after a change."""

from datetime import date

from microsystems.measures import actions
from microsystems.measures.importing import ParsedPoint
from microsystems.measures.models import Measure
from microsystems.projects.models import Project
from tests.demo_people import ORCHARD_LANE_STAFF
from tests.projects.builders import user

# Fifteen weeks at about 60% filed on time, then fifteen at about 85%.
BEFORE = [29, 31, 28, 30, 32, 27, 30, 31, 29, 33, 28, 30, 29, 31, 30]
AFTER = [42, 44, 41, 43, 45, 42, 44, 43, 41, 44, 42, 45, 43, 42, 44]


def weeks(count: int, first: date = date(2026, 1, 5)) -> list[date]:
    return [date.fromordinal(first.toordinal() + 7 * i) for i in range(count)]


def results_measure(project: Project, *, with_data: bool = True) -> Measure:
    found = Measure.objects.filter(project=project, name="Results filed within two working days").first()
    if found:
        return found
    measure = actions.define_measure(
        project=project,
        by=user(ORCHARD_LANE_STAFF),
        name="Results filed within two working days",
        measure_type="outcome",
        definition="Results received in the week that were filed within two working days.",
        data_source="Weekly clinical-system search",
        kind="proportion",
        frequency="weekly",
        better="up",
        target=80.0,
        unit="",
        multiplier=1,
        owner=user(ORCHARD_LANE_STAFF),
    )
    if with_data:
        values = BEFORE + AFTER
        actions.save_points(
            measure=measure,
            points=[
                ParsedPoint(i + 1, d, float(v), 50.0)
                for i, (d, v) in enumerate(zip(weeks(30), values, strict=True))
            ],
            by=user(ORCHARD_LANE_STAFF),
            how="typed",
        )
    return measure
