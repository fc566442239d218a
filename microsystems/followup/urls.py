from django.urls import path

from . import views

urlpatterns = [
    path("<uuid:public_id>/follow-up/", views.home, name="follow-up"),
    path("<uuid:public_id>/follow-up/benefits/", views.benefit_add, name="benefit-add"),
    path("<uuid:public_id>/follow-up/benefits/<int:benefit_id>/", views.benefit_edit, name="benefit-edit"),
    path("<uuid:public_id>/storyboard/<slug:size>.pdf", views.storyboard, name="storyboard"),
    path("<uuid:public_id>/storyboard/photo/", views.storyboard_photo, name="storyboard-photo"),
    path(
        "<uuid:public_id>/storyboard/photo/change/", views.storyboard_photo_edit, name="storyboard-photo-edit"
    ),
]
