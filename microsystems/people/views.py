"""Signing in and out, resetting a password, the account page, and the practice pages."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import logout_then_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods

from microsystems.core.access import visible_or_404

from . import presenters
from .forms import AccountForm, ResetForm, SignInForm
from .models import Organisation, User


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "people/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    # Signing out changes state, so it needs a POST; a GET shows the button that sends one.
    if request.method == "POST":
        return logout_then_login(request)
    return render(request, "people/sign_out.jinja", {"page_title": "Sign out"})


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "people/password_reset.jinja"
    form_class = ResetForm
    email_template_name = "people/password_reset_email.txt"
    subject_template_name = "people/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-sent")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "people/password_reset_sent.jinja"


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.jinja"
    success_url = reverse_lazy("password-reset-complete")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "people/password_reset_complete.jinja"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/password_change.jinja"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("account")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)  # signed in: LoginRequiredMiddleware
    form = AccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your name has been saved.")
        return redirect("account")
    return render(
        request,
        "people/account.jinja",
        {"form": form, "memberships": presenters.memberships_of(request.user), "page_title": "Your account"},
    )


def practice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "people/practice_list.jinja",
        {"practices": presenters.visible_practices(request.user), "page_title": "Practices"},
    )


def practice_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    practice = visible_or_404(
        request.user,
        "people.view_organisation",
        Organisation.objects.select_related("pcn"),
        public_id=public_id,
    )
    page = presenters.practice_page(practice, request.user)
    return render(
        request,
        "people/practice_detail.jinja",
        {
            "page": page,
            "page_title": practice.name,
            "breadcrumbs": [
                {"text": "Home", "href": reverse("home")},
                {"text": "Practices", "href": reverse("practice-list")},
            ],
        },
    )
