from django.urls import path

from . import views

urlpatterns = [
    path("<uuid:public_id>/measures/", views.measure_list, name="measure-list"),
    path("<uuid:public_id>/measures/new/", views.measure_add, name="measure-add"),
    path("<uuid:public_id>/measures/wall/", views.data_wall, name="data-wall"),
    path("<uuid:public_id>/measures/<int:measure_id>/", views.measure_detail, name="measure-detail"),
    path("<uuid:public_id>/measures/<int:measure_id>/edit/", views.measure_edit, name="measure-edit"),
    path("<uuid:public_id>/measures/<int:measure_id>/chart.svg", views.chart_svg, name="measure-chart-svg"),
    path("<uuid:public_id>/measures/<int:measure_id>/data/", views.measure_data, name="measure-data"),
    path("<uuid:public_id>/measures/<int:measure_id>/upload/", views.measure_upload, name="measure-upload"),
    path(
        "<uuid:public_id>/measures/<int:measure_id>/points/<int:point_id>/",
        views.point_edit,
        name="measure-point",
    ),
    path("<uuid:public_id>/measures/<int:measure_id>/phases/", views.phase_add, name="measure-phase-add"),
    path(
        "<uuid:public_id>/measures/<int:measure_id>/phases/<int:phase_id>/remove/",
        views.phase_remove,
        name="measure-phase-remove",
    ),
]
