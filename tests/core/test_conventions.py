"""Conventions the code keeps, checked so they stay kept."""

import re
from pathlib import Path

import microsystems

ROOT = Path(microsystems.__file__).parent


def test_views_reach_objects_only_through_the_permission_layer() -> None:
    """A view that looked an object up by itself could show one practice's work to another."""
    offenders = []
    for path in ROOT.rglob("views*.py"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"get_object_or_404\(|\.objects\.get\(|get_list_or_404\(", line):
                offenders.append(f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()}")
    for path in (ROOT).rglob("views"):
        if path.is_dir():
            for module in path.rglob("*.py"):
                for number, line in enumerate(module.read_text().splitlines(), 1):
                    if re.search(r"get_object_or_404\(|\.objects\.get\(", line):
                        offenders.append(f"{module.relative_to(ROOT.parent)}:{number}: {line.strip()}")
    assert not offenders, "Use core.access.visible_or_404 instead:\n" + "\n".join(offenders)


def test_statistics_engine_does_not_import_django() -> None:
    spc = ROOT / "spc"
    if spc.exists():
        for module in spc.rglob("*.py"):
            assert "django" not in module.read_text(), module
