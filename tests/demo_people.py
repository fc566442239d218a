"""The demo's people, named by the part they play for Orchard Lane Surgery (Z90001)."""

from microsystems.demo.world import PASSWORD, WORLD


def practice_login(ods_code: str, *, patient: bool = False) -> str:
    """The email of a demo practice's first member of staff (or its patient representative)."""
    demo_practice = next(p for p in WORLD.practices if p.ods_code == ods_code)
    member = next(m for m in demo_practice.staff if m.patient_representative == patient)
    return demo_practice.email_of(member)


ORCHARD_LANE = "Z90001"
MILLBROOK = "Z90002"
LEAD = WORLD.lead.email
EVALUATOR = WORLD.evaluator.email
ORCHARD_LANE_COACH = "ruth.coach@demo.example"
OTHER_COACH = "imran.coach@demo.example"  # coaches Kingsfield, not Orchard Lane
ORCHARD_LANE_STAFF = practice_login(ORCHARD_LANE)
ORCHARD_LANE_PATIENT = practice_login(ORCHARD_LANE, patient=True)
MILLBROOK_STAFF = practice_login(MILLBROOK)
DEMO_PASSWORD = PASSWORD
