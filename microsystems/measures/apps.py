from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "microsystems.measures"
    verbose_name = "Measures and data"
