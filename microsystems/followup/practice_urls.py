from django.urls import path

from . import views

urlpatterns = [
    path("<uuid:public_id>/playbook/", views.practice_playbook, name="playbook"),
    path("<uuid:public_id>/playbook.pdf", views.practice_playbook_pdf, name="playbook-pdf"),
]
