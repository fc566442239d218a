"""The Jinja2 environment: our templates first, then the NHS.UK design system's macros."""

from datetime import date, datetime
from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, pass_context
from jinja2.runtime import Context

from microsystems.projects import terminology


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def nice_date(value: date | datetime | None, empty: str = "") -> str:
    """Dates as NHS.UK style asks: 3 March 2026."""
    if value is None:
        return empty
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


@pass_context
def term(context: Context, word: str) -> str:
    """The programme's word for one of the method's words, from the page's `terminology`."""
    return terminology.term(word, context.get("terminology"))


@pass_context
def terms(context: Context, text: str) -> str:
    """`text` with the programme's words in place of the method's."""
    return terminology.rename(str(text), context.get("terminology"))


def environment(**options: Any) -> Environment:
    # Django passes a loader for the apps' jinja2/ folders; the design system's macros come after them.
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    options.setdefault("extensions", []).append("jinja2.ext.do")
    options["undefined"] = ChainableUndefined  # the NHS.UK macros read params.a.b without checks
    env = Environment(**options)
    env.globals.update(url=url, static=static, service_name="Microsystems")
    env.filters["nice_date"] = nice_date
    env.globals["term"] = term
    env.filters["terms"] = terms
    return env
