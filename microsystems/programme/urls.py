from django.urls import path

from . import views

urlpatterns = [
    path("", views.programme_list, name="programme-list"),
    path("<uuid:public_id>/", views.programme_detail, name="programme-detail"),
]
