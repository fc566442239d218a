"""Measure pages: list, define, the chart with its sentences, data entry by grid or paste, upload with a
preview, corrections, exclusions and phases. Every object is found through its project's permissions."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core import signing
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from microsystems.core.access import require, visible_or_404
from microsystems.core.numbers import whole_number
from microsystems.people.models import User
from microsystems.projects.gating import after_step_one
from microsystems.projects.models import Project

from . import actions, presenters
from .forms import ChartSettingsForm, MeasureForm, PasteForm, PhaseForm, PointForm, UploadForm
from .importing import (
    DATE_FORMS,
    Columns,
    Parsed,
    RawTable,
    TableError,
    interpret,
    parse_pasted,
    read_table,
    table_from_data,
    table_to_data,
)
from .importing.values import ValueProblem, parse_date
from .models import DataPoint, Measure, MeasureEvent, Phase

VIEW = "measures.view_measure"
CHANGE = "measures.change_measure"
GRID_ROWS = 12
ZOOMS = ("12", "26", "52")


def _project(request: HttpRequest, public_id: Any) -> Project:
    return visible_or_404(
        request.user,
        "projects.view_project",
        Project.objects.select_related("practice", "programme"),
        public_id=public_id,
    )


def _measure(request: HttpRequest, public_id: Any, measure_id: int) -> Measure:
    return visible_or_404(
        request.user,
        VIEW,
        Measure.objects.select_related("project__practice", "project__programme", "owner"),
        project__public_id=public_id,
        id=measure_id,
    )


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def crumbs(project: Project, *more: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"text": "Home", "href": reverse("home")},
        {
            "text": project.practice.name,
            "href": reverse("practice-detail", args=[project.practice.public_id]),
        },
        {"text": project.title, "href": reverse("project-detail", args=[project.public_id])},
        *more,
    ]


def _measures_crumb(project: Project) -> dict[str, str]:
    return {"text": "Measures", "href": reverse("measure-list", args=[project.public_id])}


def _measure_crumb(measure: Measure) -> dict[str, str]:
    return {"text": measure.name, "href": presenters.measure_href(measure)}


def since_completion(measure: Measure, points: list[DataPoint], completed_on: Any) -> str:
    """For a completed project: what the measure has done since, for the 6- and 12-month follow-ups."""
    from microsystems.followup.presenters import since_completion as since

    return since(measure, points, completed_on)


def bands_for(measure: Measure) -> list[Any]:
    """The PDSA cycles to mark on the chart (from the treat step, when it has any for this measure)."""
    from microsystems.treat.charts import cycle_bands

    return cycle_bands(measure)


# --- The list and defining a measure -----------------------------------------------------------------
def measure_list(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    measures = presenters.measure_rows(
        Measure.objects.filter(project=project)
        .select_related("owner", "project")
        .prefetch_related("points", "phases")
    )
    return render(
        request,
        "measures/list.jinja",
        {
            "project": project,
            "measures": measures,
            "may_change": request.user.has_perm("projects.change_project", project),
            "page_title": f"Measures: {project.title}",
            "breadcrumbs": crumbs(project),
        },
    )


def data_wall(request: HttpRequest, public_id: Any) -> HttpResponse:
    """Every chart of the project, large, with its sentences: for the screen in the staff room."""
    from microsystems.treat.charts import bands_of
    from microsystems.treat.models import PDSACycle

    project = _project(request, public_id)
    cycles = PDSACycle.objects.select_related("idea").order_by("starts_on", "id")
    measures = Measure.objects.filter(project=project).prefetch_related(
        "points", "phases", Prefetch("pdsa_cycles", queryset=cycles)
    )
    panels = [
        (
            measure,
            presenters.chart_panel(
                measure,
                list(measure.points.all()),
                list(measure.phases.all()),
                bands_of(measure.pdsa_cycles.all()),
            ),
        )
        for measure in measures
    ]
    return render(
        request,
        "measures/wall.jinja",
        {
            "project": project,
            "panels": panels,
            "page_title": f"Data wall: {project.title}",
            "column": "full",
            "breadcrumbs": crumbs(project, _measures_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T4.3")
def measure_add(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = _project(request, public_id)
    require(request.user, "projects.change_project", project)
    form = MeasureForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        measure = actions.define_measure(project=project, by=_actor(request), **form.cleaned_data)
        messages.success(request, f"“{measure.name}” is defined. Now add its data.")
        return redirect(reverse("measure-data", args=[project.public_id, measure.id]))
    return render(
        request,
        "measures/form.jinja",
        {
            "form": form,
            "project": project,
            "page_title": "Define a measure",
            "breadcrumbs": crumbs(project, _measures_crumb(project)),
        },
    )


@require_http_methods(["GET", "POST"])
@after_step_one("T4.3")
def measure_edit(request: HttpRequest, public_id: Any, measure_id: int) -> HttpResponse:
    measure = _measure(request, public_id, measure_id)
    require(request.user, CHANGE, measure)
    project = measure.project
    stamp = actions.stamp_of(measure, actions.MEASURE_FIELDS)
    form = MeasureForm(request.POST or None, instance=measure, project=project)
    changed: Measure | None = None
    if request.method == "POST":
        stamp = request.POST.get("stamp", "")[:40]
        if form.is_valid():
            try:
                actions.change_definition(
                    measure=measure, based_on=stamp, by=_actor(request), **form.cleaned_data
                )
            except actions.Changed as found:
                changed, stamp = found.current, actions.stamp_of(found.current, actions.MEASURE_FIELDS)
            else:
                messages.success(request, "The measure is saved.")
                return redirect(presenters.measure_href(measure))
    return render(
        request,
        "measures/form.jinja",
        {
            "form": form,
            "project": project,
            "measure": measure,
            "stamp": stamp,
            "changed": changed,
            "page_title": f"Change {measure.name}",
            "breadcrumbs": crumbs(project, _measures_crumb(project), _measure_crumb(measure)),
        },
    )


# --- The chart -----------------------------------------------------------------------------------------
def measure_detail(request: HttpRequest, public_id: Any, measure_id: int) -> HttpResponse:
    measure = _measure(request, public_id, measure_id)
    project = measure.project
    may_change = request.user.has_perm(CHANGE, measure)
    points = list(DataPoint.objects.filter(measure=measure))
    phases = list(Phase.objects.filter(measure=measure))
    bands = bands_for(measure)
    zoom = request.GET.get("show", "all")
    last = int(zoom) if zoom in ZOOMS else None
    window = _date_window(request, [p.period for p in points])
    if window.start_at is not None:
        last, zoom = None, "all"
    panel = presenters.chart_panel(
        measure, points, phases, bands, last=last, start_at=window.start_at, end_at=window.end_at
    )
    settings_form = ChartSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"chart_choice": measure.chart_choice, "baseline_points": measure.baseline_points},
    )
    if request.method == "POST":
        require(request.user, CHANGE, measure)
        if settings_form.is_valid():
            actions.change_measure(
                measure=measure,
                by=_actor(request),
                chart_choice=settings_form.cleaned_data["chart_choice"],
                baseline_points=settings_form.cleaned_data["baseline_points"],
            )
            messages.success(request, "Chart settings saved.")
            return redirect(presenters.measure_href(measure))
    return render(
        request,
        "measures/detail.jinja",
        {
            "measure": measure,
            "project": project,
            "panel": panel,
            "phases": phases,
            "withdrawn": Phase.with_withdrawn.filter(
                measure=measure, withdrawn_at__isnull=False
            ).select_related("withdrawn_by"),
            "bands": bands,
            "may_change": may_change,
            "settings_form": settings_form,
            "phase_form": PhaseForm(),
            "zoom": zoom if last else "all",
            "window": window,
            "zooms": [("all", "All points"), *[(z, f"The latest {z} points") for z in ZOOMS]],
            "events": MeasureEvent.objects.filter(measure=measure).select_related("by")[:10],
            "since_completion": since_completion(measure, points, project.completed_on),
            "points_since_completion": bool(
                project.completed_on and any(p.period >= project.completed_on for p in points)
            ),
            "unit": presenters.unit_of(measure),
            "page_title": measure.name,
            "column": "full",
            "breadcrumbs": crumbs(project, _measures_crumb(project)),
        },
    )


@dataclass(frozen=True)
class DateWindow:
    """The dates the user zoomed the chart to, as typed, and where they fall in the series."""

    since: str = ""
    until: str = ""
    start_at: int | None = None
    end_at: int | None = None
    since_error: str = ""
    until_error: str = ""


def _date_window(request: HttpRequest, periods: list[date]) -> DateWindow:
    since, until = request.GET.get("from", "").strip()[:40], request.GET.get("to", "").strip()[:40]
    if not since and not until:
        return DateWindow()
    found: dict[str, date | None] = {"from": None, "to": None}
    errors = {"from": "", "to": ""}
    for key, text in (("from", since), ("to", until)):
        if text:
            try:
                found[key] = parse_date(text)
            except ValueProblem as problem:
                errors[key] = f"{str(problem)[0].upper()}{str(problem)[1:]}"
    first, last = found["from"], found["to"]
    if first and last and last < first:
        errors["to"] = "The end of the range must be on or after its start"
    if not errors["from"] and not errors["to"] and periods:
        start_at = bisect_left(periods, first) if first else 0
        end_at = bisect_right(periods, last) if last else len(periods)
        if end_at - start_at >= 1:
            return DateWindow(since, until, start_at, end_at)
        errors["to" if last else "from"] = "There are no data points between those dates"
    return DateWindow(since, until, since_error=errors["from"], until_error=errors["to"])


def chart_svg(request: HttpRequest, public_id: Any, measure_id: int) -> HttpResponse:
    """The chart alone, as an SVG file: the same picture as on the page, for posters and slides."""
    measure = _measure(request, public_id, measure_id)
    points = list(DataPoint.objects.filter(measure=measure))
    panel = presenters.chart_panel(measure, points, Phase.objects.filter(measure=measure), bands_for(measure))
    response = HttpResponse(str(panel.svg), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="measure-{measure.id}.svg"'
    return response


# --- Entering data: the grid, a pasted block, an upload ---------------------------------------------------
def _grid_table(request: HttpRequest) -> RawTable | None:
    rows: list[tuple[int, list[str]]] = [(0, ["Date", "Value", "Denominator"])]
    count = min(int(request.POST.get("grid_rows", GRID_ROWS) or GRID_ROWS), 500)
    for index in range(count):
        cells = [
            request.POST.get(f"{name}_{index}", "").strip() for name in ("period", "value", "denominator")
        ]
        if any(cells):
            rows.append((index + 1, cells))
    return RawTable(rows) if len(rows) > 1 else None


def _saved(request: HttpRequest, measure: Measure, parsed: Parsed, how: str) -> HttpResponse:
    added, corrected = actions.save_points(measure=measure, points=parsed.points, by=_actor(request), how=how)
    text = f"{added} {'value' if added == 1 else 'values'} added"
    if corrected:
        text += f", {corrected} corrected (the old values are kept in the history)"
    messages.success(request, text + ".")
    return redirect(presenters.measure_href(measure))


@require_http_methods(["GET", "POST"])
@after_step_one("T4.3")
def measure_data(request: HttpRequest, public_id: Any, measure_id: int) -> HttpResponse:
    measure = _measure(request, public_id, measure_id)
    require(request.user, CHANGE, measure)
    paste_form = PasteForm(request.POST or None)
    parsed: Parsed | None = None
    if request.method == "POST":
        pasted = request.POST.get("pasted", "")
        if pasted.strip():
            parsed = parse_pasted(pasted, kind=measure.kind, frequency=measure.frequency)
            how = "pasted"
        else:
            table = _grid_table(request)
            parsed = (
                interpret(table, kind=measure.kind, frequency=measure.frequency)
                if table
                else Parsed(errors=["Nothing was entered: type values in the grid or paste rows."])
            )
            how = "typed"
        if parsed.ok:
            return _saved(request, measure, parsed, how)
    recent = list(DataPoint.objects.filter(measure=measure).order_by("-period")[:6])
    return render(
        request,
        "measures/data.jinja",
        {
            "measure": measure,
            "project": measure.project,
            "paste_form": paste_form,
            "parsed": parsed,
            "grid": [
                {
                    "index": i,
                    "period": request.POST.get(f"period_{i}", ""),
                    "value": request.POST.get(f"value_{i}", ""),
                    "denominator": request.POST.get(f"denominator_{i}", ""),
                }
                for i in range(GRID_ROWS)
            ],
            "grid_rows": GRID_ROWS,
            "needs_denominator": measure.kind in ("proportion", "rate"),
            "recent": [
                (presenters.period_label(p.period, measure.frequency), p.value, p.denominator) for p in recent
            ],
            "page_title": f"Add data: {measure.name}",
            "breadcrumbs": crumbs(measure.project, _measures_crumb(measure.project), _measure_crumb(measure)),
        },
    )


def _canonical(parsed: Parsed) -> str:
    lines = ["Date\tValue\tDenominator"]
    for p in parsed.points:
        denominator = "" if p.denominator is None else repr(p.denominator)
        lines.append(f"{p.period.isoformat()}\t{p.value!r}\t{denominator}")
    return "\n".join(lines)


UPLOAD_SALT = "measures.upload.table"


def _carried(table: RawTable, filename: str) -> str:
    """The file's rows, signed, for the form where the user chooses the columns."""
    return signing.dumps({"table": table_to_data(table), "name": filename}, salt=UPLOAD_SALT, compress=True)


def _uncarried(text: str) -> tuple[RawTable, str]:
    try:
        data = signing.loads(text, salt=UPLOAD_SALT, max_age=60 * 60 * 4)
        return table_from_data(data.get("table")), str(data.get("name", ""))[:200]
    except (signing.BadSignature, AttributeError, TypeError, ValueError) as error:
        raise TableError("The file's rows were lost or are too old: upload the file again.") from error


def _column(request: HttpRequest, name: str) -> int | None:
    return whole_number(request.POST.get(name))


def _chosen_columns(request: HttpRequest) -> Columns | str | None:
    """The columns chosen in the preview; None to find them again (none chosen, or a new header row)."""
    period, value = _column(request, "period_column"), _column(request, "value_column")
    if _column(request, "header_row") != _column(request, "header_was") or (period is None and value is None):
        return None
    if period is None or value is None:
        return "Choose the column that holds the dates and the column that holds the values."
    return Columns(period, value, _column(request, "denominator_column"))


def _choices(parsed: Parsed) -> list[tuple[str, str]]:
    return [(str(i), f"{h or '(no name)'} (column {i + 1})") for i, h in enumerate(parsed.headers)]


def _row_choices(table: RawTable) -> list[tuple[str, str]]:
    """The first rows of the file that hold anything, for choosing the one with the column names."""
    rows = []
    for number, cells in table.rows[:20]:
        shown = " · ".join(c for c in cells if c)
        rows.append((str(number), f"Row {number}: {shown[:60]}{'…' if len(shown) > 60 else ''}"))
    return rows


@require_http_methods(["GET", "POST"])
@after_step_one("T4.3")
def measure_upload(request: HttpRequest, public_id: Any, measure_id: int) -> HttpResponse:
    measure = _measure(request, public_id, measure_id)
    require(request.user, CHANGE, measure)
    form = UploadForm(request.POST or None, request.FILES or None)
    parsed: Parsed | None = None
    table: RawTable | None = None
    filename = ""
    kind, frequency = measure.kind, measure.frequency
    if request.method == "POST":
        if "confirmed" in request.POST:
            parsed = parse_pasted(request.POST.get("confirmed", ""), kind=kind, frequency=frequency)
            if parsed.ok:
                return _saved(request, measure, parsed, "uploaded")
        elif "table" in request.POST:
            # The user chose which columns to read.
            try:
                table, filename = _uncarried(request.POST["table"])
            except TableError as error:
                parsed = Parsed(errors=[str(error)])
            else:
                chosen = _chosen_columns(request)
                form_of_dates = request.POST.get("date_form", "auto")
                header_row = _column(request, "header_row")
                date_form = form_of_dates if form_of_dates in DATE_FORMS else "auto"
                columns = chosen if isinstance(chosen, Columns) else None
                parsed = interpret(
                    table,
                    kind=kind,
                    frequency=frequency,
                    columns=columns,
                    header_row=header_row,
                    date_form=date_form,
                )
                if isinstance(chosen, str):
                    parsed.points, parsed.errors = [], [chosen]
                elif chosen is not None:
                    parsed.period_at, parsed.value_at = chosen.period, chosen.value
                    parsed.denominator_at = chosen.denominator
                if form_of_dates not in DATE_FORMS:
                    parsed.points, parsed.errors = [], ["Choose how the dates are written."]
        else:
            upload = request.FILES.get("upload")
            if upload is None:
                parsed = Parsed(errors=["Choose a file to upload."])
            else:
                filename = upload.name or ""
                data = upload.read(2_000_001)
                try:
                    table = read_table(data, filename)
                except TableError as error:
                    parsed = Parsed(errors=[str(error)])
                else:
                    parsed = interpret(table, kind=kind, frequency=frequency)
    existing = set(DataPoint.objects.filter(measure=measure).values_list("period", flat=True))
    preview = (
        [
            {
                "row": p.row,
                "period": presenters.period_label(p.period, frequency),
                "value": presenters.number(p.value, 2),
                "denominator": presenters.number(p.denominator, 2),
                "replaces": p.period in existing,
            }
            for p in parsed.points
        ]
        if parsed and parsed.ok
        else []
    )
    choosing = bool(parsed and table is not None and not parsed.refusal)
    return render(
        request,
        "measures/upload.jinja",
        {
            "measure": measure,
            "project": measure.project,
            "form": form,
            "parsed": parsed,
            "filename": filename,
            "preview": preview,
            "confirmed": _canonical(parsed) if parsed and parsed.ok else "",
            "replacing": sum(1 for row in preview if row["replaces"]),
            "choosing": choosing,
            "carried": _carried(table, filename) if choosing and table is not None else "",
            "column_choices": _choices(parsed) if choosing and parsed else [],
            "row_choices": _row_choices(table) if choosing and table is not None else [],
            "date_forms": list(DATE_FORMS.items()),
            "needs_denominator": kind in ("proportion", "rate"),
            "page_title": f"Upload data: {measure.name}",
            "breadcrumbs": crumbs(measure.project, _measures_crumb(measure.project), _measure_crumb(measure)),
        },
    )


# --- One point: correct it, leave it out --------------------------------------------------------------
@require_http_methods(["GET", "POST"])
@after_step_one("T4.3")
def point_edit(request: HttpRequest, public_id: Any, measure_id: int, point_id: int) -> HttpResponse:
    point = visible_or_404(
        request.user,
        VIEW,
        DataPoint.objects.select_related("measure__project__practice"),
        measure__project__public_id=public_id,
        measure_id=measure_id,
        id=point_id,
    )
    measure = point.measure
    require(request.user, CHANGE, point.measure)
    form = PointForm(
        request.POST or None,
        initial={
            "value": point.value,
            "denominator": point.denominator,
            "exclusion_reason": point.exclusion_reason,
        },
    )
    needs_denominator = measure.kind in ("proportion", "rate")
    stamp = actions.stamp_of(point, actions.POINT_FIELDS)
    changed: DataPoint | None = None
    if request.method == "POST":
        stamp = request.POST.get("stamp", "")[:40]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if needs_denominator and not data["denominator"]:
            form.add_error("denominator", "Enter the denominator")
        elif measure.kind == "proportion" and data["value"] > data["denominator"]:
            form.add_error("value", "The numerator cannot be larger than the denominator")
        else:
            try:
                actions.correct_and_exclude(
                    point=point,
                    based_on=stamp,
                    value=data["value"],
                    denominator=data["denominator"] if needs_denominator else None,
                    reason=data["exclusion_reason"],
                    by=_actor(request),
                )
            except actions.Changed as found:
                changed, stamp = found.current, actions.stamp_of(found.current, actions.POINT_FIELDS)
            else:
                messages.success(request, "The value is saved.")
                return redirect(presenters.measure_href(measure))
    return render(
        request,
        "measures/point.jinja",
        {
            "measure": measure,
            "point": point,
            "form": form,
            "needs_denominator": needs_denominator,
            "stamp": stamp,
            "changed": changed,
            "label": presenters.period_label(point.period, measure.frequency),
            "revisions": point.revisions.select_related("replaced_by"),
            "page_title": f"{measure.name}: {presenters.period_label(point.period, measure.frequency)}",
            "breadcrumbs": crumbs(measure.project, _measures_crumb(measure.project), _measure_crumb(measure)),
        },
    )


@after_step_one("T4.3")
def phase_add(request: HttpRequest, public_id: Any, measure_id: int) -> HttpResponse:
    measure = _measure(request, public_id, measure_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request.user, CHANGE, measure)
    form = PhaseForm(request.POST)
    if form.is_valid():
        actions.start_phase(
            measure=measure,
            starts_on=form.cleaned_data["starts_on"],
            reason=form.cleaned_data["reason"],
            by=_actor(request),
        )
        messages.success(request, "A new phase starts there: its centre line and limits are its own.")
    else:
        problems = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"The phase was not added: {problems}")
    return redirect(presenters.measure_href(measure))


@after_step_one("T4.3")
def phase_remove(request: HttpRequest, public_id: Any, measure_id: int, phase_id: int) -> HttpResponse:
    """Take away a phase started by mistake: the series shares the earlier phase's line again."""
    measure = _measure(request, public_id, measure_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    require(request.user, CHANGE, measure)
    phase = visible_or_404(
        request.user, VIEW, Phase.objects.select_related("measure__project"), measure=measure, id=phase_id
    )
    actions.remove_phase(phase=phase, by=_actor(request))
    messages.success(
        request, f"The phase from {presenters.period_label(phase.starts_on, 'daily')} is removed."
    )
    return redirect(presenters.measure_href(measure))
