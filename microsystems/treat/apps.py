from django.apps import AppConfig


class TreatConfig(AppConfig):
    name = "microsystems.treat"
    verbose_name = "Treat: aims, changes, tests of change, huddles"
