from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from .models import User


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autofocus": True}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your password"},
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password. The password is case-sensitive.",
        "inactive": "This account has been closed. Ask your programme lead to reopen it.",
    }


class AccountForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ("full_name",)
        labels = {"full_name": "Your name"}
        help_texts = {"full_name": "As your colleagues know you. It is shown on actions and meeting notes."}
        error_messages = {"full_name": {"required": "Enter your name"}}


class ResetForm(PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter the email address you sign in with",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
