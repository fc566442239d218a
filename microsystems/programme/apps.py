from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "microsystems.programme"
    label = "programme"
    verbose_name = "The programme"
