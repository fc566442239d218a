"""Every URL of the application, one include per part of the domain."""

from django.urls import include, path

from microsystems.core import views as core
from microsystems.people.urls import account_urlpatterns, practice_urlpatterns

urlpatterns = [
    path("", core.home, name="home"),
    path("accessibility/", core.accessibility, name="accessibility"),
    path("assets/<path:path>", core.design_system_asset, name="design-system-asset"),
    path("", include(account_urlpatterns)),
    path("practices/", include(practice_urlpatterns)),
    path("practices/", include("microsystems.followup.practice_urls")),
    path("programmes/", include("microsystems.programme.urls")),
    path("projects/", include("microsystems.projects.urls")),
    path("projects/", include("microsystems.measures.urls")),
    path("projects/", include("microsystems.treat.urls")),
    path("projects/", include("microsystems.followup.urls")),
]
