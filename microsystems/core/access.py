"""How views reach objects: always through the permission layer (microsystems/people/rules.py).

`visible_or_404` is the only way a view looks up a private object by its identifier; a test checks that
no view calls `get_object_or_404` or `.objects.get` itself."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404


def visible_or_404[M: Model](user: Any, perm: str, queryset: type[M] | QuerySet[M], **lookup: Any) -> M:
    """The object, if it exists and `user` may see it; otherwise a 404, so that nobody learns what
    exists in a practice they do not belong to."""
    found = get_object_or_404(queryset, **lookup)
    if not user.has_perm(perm, found):
        raise Http404("Not found")
    return found


def require(user: Any, perm: str, obj: Model | None = None) -> None:
    """Refuse (403) an action on an object the user may already see."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
