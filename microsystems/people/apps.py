from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "microsystems.people"
    label = "people"
    verbose_name = "People and organisations"
