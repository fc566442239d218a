"""What every page's layout needs: the navigation for the user's roles."""

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from microsystems.people.scope import scope_for


@dataclass
class Layout:
    navigation: list[dict[str, Any]] = field(default_factory=list)
    account: list[dict[str, Any]] = field(default_factory=list)


def layout(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    result = Layout()
    if user.is_authenticated:
        scope = scope_for(user)
        path = request.path

        def item(text: str, href: str, exact: bool = False) -> dict[str, Any]:
            current = path == href if exact else path.startswith(href)
            return {"text": text, "href": href, "current": current}

        result.navigation.append(item("Home", reverse("home"), exact=True))
        if scope.team_organisation_ids or scope.coached_practice_ids or scope.led_programme_ids:
            result.navigation.append(item("Practices", reverse("practice-list")))
        if scope.programme_ids:
            result.navigation.append(item("Programme", reverse("programme-list")))
        result.account = [
            {"text": user.get_full_name(), "href": reverse("account"), "icon": True},
            {"text": "Sign out", "href": reverse("sign-out")},
        ]
    return {"layout": result}
