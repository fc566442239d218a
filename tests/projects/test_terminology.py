"""A programme's own words replace the method's (no database)."""

from microsystems.projects.terminology import rename, term

WORDS = {"microsystem": "team", "PDSA": "test of change"}


def test_a_word_is_renamed_in_the_case_it_was_asked_in() -> None:
    assert term("microsystem", WORDS) == "team"
    assert term("Microsystem", WORDS) == "Team"
    assert term("PDSA", WORDS) == "test of change"
    assert term("fishbone", WORDS) == "fishbone"
    assert term("microsystem", {}) == "microsystem"


def test_text_is_renamed_whole_words_only_plurals_included() -> None:
    assert rename("Test of change (PDSA) for your microsystems", WORDS) == (
        "Test of change (test of change) for your teams"
    )
    assert rename("Microsystem at a glance", WORDS) == "Team at a glance"
    assert rename("macromicrosystem", WORDS) == "macromicrosystem"
    assert rename("Nothing to change", None) == "Nothing to change"
