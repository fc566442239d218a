from django.urls import path

from .views import agreements, coaches, engagement, followups, funding, portfolio, programmes

P = "<uuid:public_id>/"
E = P + "practices/<uuid:practice_id>/"

urlpatterns = [
    path("", programmes.programme_list, name="programme-list"),
    path(P, programmes.programme_detail, name="programme-detail"),
    path(P + "settings/", programmes.programme_settings, name="programme-settings"),
    # Practices and their engagement
    path(P + "practices/", engagement.practices, name="programme-practices"),
    path(P + "practices/invite/", engagement.recruit, name="programme-recruit"),
    path(E, engagement.enrolment_detail, name="programme-enrolment"),
    path(E + "engagement/", engagement.change_engagement, name="programme-engagement"),
    path(E + "adopter/", engagement.adopter, name="programme-adopter"),
    path(E + "readiness/", engagement.readiness_check, name="programme-readiness"),
    path(E + "withdraw/", engagement.withdraw, name="programme-withdraw"),
    path(E + "match/", coaches.match, name="programme-match"),
    path(E + "coaches/<uuid:coach_id>/end/", coaches.end_coaching, name="programme-end-coaching"),
    path(E + "agreement/", agreements.write, name="programme-agreement-write"),
    # Coaches
    path(P + "coaches/", coaches.pool, name="programme-coaches"),
    path(P + "coaches/add/", coaches.coach_add, name="programme-coach-add"),
    path(P + "coaches/hours/", coaches.log_hours, name="programme-log-hours"),
    path(P + "coaches/space/", coaches.space, name="programme-coach-space"),
    path(P + "coaches/<uuid:coach_id>/", coaches.coach_detail, name="programme-coach"),
    path(P + "coaches/<uuid:coach_id>/edit/", coaches.coach_edit, name="programme-coach-edit"),
    path(P + "coaches/<uuid:coach_id>/training/", coaches.coach_training, name="programme-coach-training"),
    # Agreements
    path(P + "agreements/<uuid:agreement_id>/", agreements.detail, name="programme-agreement"),
    # Projects: funding, completion, follow-ups
    path(P + "projects/", funding.projects, name="programme-projects"),
    path(P + "projects/<uuid:project_id>/", funding.project, name="programme-project"),
    path(P + "projects/<uuid:project_id>/apply/", funding.apply, name="programme-funding-apply"),
    path(P + "projects/<uuid:project_id>/decide/", funding.decide, name="programme-funding-decide"),
    path(P + "projects/<uuid:project_id>/complete/", followups.complete, name="programme-project-complete"),
    path(P + "payments/", funding.payments, name="programme-payments"),
    path(P + "payments.csv", funding.payments_csv, name="programme-payments-csv"),
    path(P + "payments/<uuid:payment_id>/", funding.payment, name="programme-payment"),
    path(P + "follow-ups/", followups.follow_ups, name="programme-follow-ups"),
    path(P + "follow-ups/<uuid:review_id>/", followups.review, name="programme-review"),
    # The portfolio
    path(P + "portfolio/", portfolio.dashboard, name="programme-portfolio"),
    path(P + "portfolio.csv", portfolio.export_csv, name="programme-portfolio-csv"),
    path(P + "portfolio.xlsx", portfolio.export_xlsx, name="programme-portfolio-xlsx"),
    path(P + "portfolio-figures.csv", portfolio.export_figures_csv, name="programme-portfolio-figures"),
    path(
        P + "portfolio-anonymised.csv", portfolio.export_anonymised_csv, name="programme-portfolio-anonymised"
    ),
]
