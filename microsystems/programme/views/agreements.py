"""Writing the coaching agreement and signing it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from microsystems.core.access import require, visible_or_404

from .. import actions
from ..forms import AgreementForm, SignatureForm, staff_of
from ..models import CoachAssignment, CoachingAgreement
from ..presenters.agreements import agreement_page
from ..presenters.enrolments import base_href
from .common import add_errors, enrolment_for, programme_crumbs


@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, public_id: str, practice_id: str) -> HttpResponse:
    enrolment = enrolment_for(request, public_id, practice_id)
    require(request.user, "programme.manage_enrolment", enrolment)
    staff = list(staff_of(enrolment.practice))
    draft = enrolment.agreements.filter(signed_on__isnull=True).first()
    initial = {}
    if draft:
        initial = {
            "protected_time": draft.protected_time,
            "meeting_pattern": draft.meeting_pattern,
            "champion": draft.champion_id,
            "senior_partner": draft.senior_partner_id,
            "patient_involvement": draft.patient_involvement,
            "data_collection": draft.data_collection,
            "needs_ongoing_resources": "yes" if draft.needs_ongoing_resources else "no",
            "ongoing_resources_plan": draft.ongoing_resources_plan,
        }
    form = AgreementForm(request.POST or None, staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = {str(u.pk): u for u in staff}
        try:
            agreement = actions.write_agreement(
                enrolment=enrolment,
                by=request.user,
                protected_time=data["protected_time"],
                meeting_pattern=data["meeting_pattern"],
                champion=people[data["champion"]],
                senior_partner=people[data["senior_partner"]],
                patient_involvement=data["patient_involvement"],
                data_collection=data["data_collection"],
                needs_ongoing_resources=data["needs_ongoing_resources"],
                ongoing_resources_plan=data["ongoing_resources_plan"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The coaching agreement has been saved. Now record the signatures.")
            return redirect("programme-agreement", public_id, agreement.public_id)
    return render(
        request,
        "programme/agreement_form.jinja",
        {
            "form": form,
            "enrolment": enrolment,
            "page_title": "Coaching agreement",
            "breadcrumbs": programme_crumbs(
                enrolment.programme,
                ("Practices", reverse("programme-practices", args=[public_id])),
                (enrolment.practice.name, base_href(enrolment)),
            ),
        },
    )


class SelfSignForm(forms.Form):
    part = forms.ChoiceField(
        label="Signing as", widget=forms.RadioSelect, error_messages={"required": "Choose what you sign as"}
    )

    def __init__(self, *args: object, parts: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["part"].choices = parts  # type: ignore[attr-defined]


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, public_id: str, agreement_id: str) -> HttpResponse:
    agreement = visible_or_404(
        request.user,
        "programme.view_agreement",
        CoachingAgreement.objects.select_related(
            "enrolment__programme", "enrolment__practice", "champion", "senior_partner"
        ),
        enrolment__programme__public_id=public_id,
        public_id=agreement_id,
    )
    enrolment = agreement.enrolment
    page = agreement_page(agreement, request.user)
    coaches = [
        a.coach.user
        for a in CoachAssignment.objects.filter(enrolment=enrolment, ended_on__isnull=True).select_related(
            "coach__user"
        )
    ]
    people = {str(u.pk): u for u in [*staff_of(enrolment.practice), *coaches]}
    record_form = SignatureForm(
        request.POST if request.POST.get("form") == "record" else None,
        people=[(k, u.full_name) for k, u in people.items()],
        initial={"signed_on": timezone.localdate()},
        prefix="record",
    )
    self_form = SelfSignForm(
        request.POST if request.POST.get("form") == "self" else None, parts=page.own_parts, prefix="self"
    )
    if request.method == "POST":
        form_name = request.POST.get("form")
        try:
            if form_name == "record" and record_form.is_valid():
                require(request.user, "programme.manage_enrolment", enrolment)
                data = record_form.cleaned_data
                actions.sign_agreement(
                    agreement=agreement,
                    signatory=people[data["signatory"]],
                    part=data["part"],
                    on=data["signed_on"],
                    by=request.user,
                )
            elif form_name == "self" and self_form.is_valid():
                require(request.user, "programme.sign_agreement", agreement)
                actions.sign_agreement(
                    agreement=agreement,
                    signatory=request.user,
                    part=self_form.cleaned_data["part"],
                    by=request.user,
                )
            else:
                raise ValidationError("")
        except ValidationError as error:
            if error.messages != [""]:
                add_errors(record_form if form_name == "record" else self_form, error)
        else:
            agreement.refresh_from_db()
            messages.success(
                request,
                "The agreement is signed." if agreement.is_signed else "The signature has been recorded.",
            )
            return redirect("programme-agreement", public_id, agreement_id)
    crumbs = (
        [(enrolment.practice.name, base_href(enrolment))]
        if request.user.has_perm("programme.view_enrolment", enrolment)
        else []
    )
    return render(
        request,
        "programme/agreement.jinja",
        {
            "page": page,
            "record_form": record_form,
            "self_form": self_form,
            "form": record_form if record_form.errors else self_form,
            "enrolment": enrolment,
            "page_title": f"Coaching agreement with {enrolment.practice.name}",
            "breadcrumbs": programme_crumbs(enrolment.programme, *crumbs),
        },
    )
