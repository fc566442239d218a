from django.urls import path

from microsystems.core import views as core
from microsystems.people import views as people
from microsystems.programme import views as programme

urlpatterns = [
    path("", core.home, name="home"),
    path("accessibility/", core.accessibility, name="accessibility"),
    path("assets/<path:path>", core.design_system_asset, name="design-system-asset"),
    # Signing in and out, passwords, the account
    path("sign-in/", people.SignInView.as_view(), name="sign-in"),
    path("sign-out/", people.sign_out, name="sign-out"),
    path("password-reset/", people.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", people.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        people.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("password-reset/done/", people.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("account/", people.account, name="account"),
    path("account/password/", people.PasswordChangeView.as_view(), name="password-change"),
    # Practices
    path("practices/", people.practice_list, name="practice-list"),
    path("practices/<uuid:public_id>/", people.practice_detail, name="practice-detail"),
    # The programme
    path("programmes/", programme.programme_list, name="programme-list"),
    path("programmes/<uuid:public_id>/", programme.programme_detail, name="programme-detail"),
]
