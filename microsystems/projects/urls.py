from django.urls import path

from . import views

urlpatterns = [
    path("guidance/", views.guidance, name="workbook-guidance"),
    path("guidance/blank-worksheets/", views.blank_worksheets, name="workbook-blank-worksheets"),
    path("start/<uuid:practice_id>/", views.start, name="project-start"),
    path("<uuid:public_id>/", views.detail, name="project-detail"),
    path("<uuid:public_id>/path/", views.choose_path, name="project-path"),
    path("<uuid:public_id>/details/", views.edit_details, name="project-details"),
    path("<uuid:public_id>/tools/<slug:slug>/mark/", views.mark_tool, name="project-tool-mark"),
    path("<uuid:public_id>/tools/<slug:slug>/", views.worksheet, name="project-worksheet"),
    path("<uuid:public_id>/meetings/", views.meetings, name="project-meetings"),
    path("<uuid:public_id>/meetings/<int:number>/", views.meeting, name="project-meeting"),
    path("<uuid:public_id>/meetings/<int:number>/live/", views.meeting_live, name="project-meeting-live"),
    path(
        "<uuid:public_id>/meetings/<int:number>/summary/",
        views.meeting_summary,
        name="project-meeting-summary",
    ),
    path("<uuid:public_id>/actions/", views.action_add, name="project-action-add"),
    path("<uuid:public_id>/actions/<int:action_id>/done/", views.action_done, name="project-action-done"),
    path("<uuid:public_id>/parking-lot/", views.park, name="project-park"),
    path("<uuid:public_id>/themes/", views.themes, name="project-themes"),
    path("<uuid:public_id>/themes/<int:idea_id>/vote/", views.theme_vote, name="project-theme-vote"),
    path("<uuid:public_id>/themes/<int:idea_id>/choose/", views.theme_choose, name="project-theme-choose"),
    path("<uuid:public_id>/fishbone/", views.fishbone, name="project-fishbone"),
    path("<uuid:public_id>/fishbone/<int:cause_id>/vote/", views.cause_vote, name="project-cause-vote"),
    path("<uuid:public_id>/5ps/", views.five_ps, name="project-five-ps"),
    path("<uuid:public_id>/processes/", views.processes, name="project-processes"),
    path("<uuid:public_id>/patients/", views.population, name="project-population"),
    path("<uuid:public_id>/interruptions/", views.interruptions, name="project-interruptions"),
    path("<uuid:public_id>/cycle-time/", views.cycle_time, name="project-cycle-time"),
    path("<uuid:public_id>/history/", views.history, name="project-history"),
    path("<uuid:public_id>/maps/<slug:slug>/", views.process_map, name="project-map"),
    path("<uuid:public_id>/self-assessment/", views.self_assessment, name="project-self-assessment"),
]
