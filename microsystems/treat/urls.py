from django.urls import path

from . import views

urlpatterns = [
    path("<uuid:public_id>/treat/", views.home, name="treat-home"),
    path("<uuid:public_id>/treat/aims/new/", views.aim_add, name="aim-add"),
    path("<uuid:public_id>/treat/aims/<int:aim_id>/", views.aim_edit, name="aim-edit"),
    path("<uuid:public_id>/treat/drivers/", views.drivers, name="driver-diagram"),
    path("<uuid:public_id>/treat/action-plan/", views.action_plan, name="action-plan"),
    path("<uuid:public_id>/treat/action-plan/<int:action_id>/", views.task_edit, name="action-plan-task"),
    path("<uuid:public_id>/treat/ideas/new/", views.idea_add, name="idea-add"),
    path("<uuid:public_id>/treat/ideas/<int:idea_id>/", views.idea_detail, name="idea-detail"),
    path("<uuid:public_id>/treat/ideas/<int:idea_id>/edit/", views.idea_edit, name="idea-edit"),
    path("<uuid:public_id>/treat/ideas/<int:idea_id>/plan/", views.cycle_plan, name="pdsa-plan"),
    path("<uuid:public_id>/treat/ideas/<int:idea_id>/vote/", views.idea_vote, name="idea-vote"),
    path("<uuid:public_id>/treat/ideas/<int:idea_id>/standardise/", views.sdsa_add, name="sdsa-add"),
    path("<uuid:public_id>/treat/tests/<int:cycle_id>/", views.cycle_detail, name="pdsa-detail"),
    path(
        "<uuid:public_id>/treat/tests/<int:cycle_id>/<slug:part>/",
        views.cycle_edit,
        name="pdsa-edit",
    ),
    path("<uuid:public_id>/huddles/", views.huddles, name="huddles"),
]
