from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "microsystems.core"
    label = "core"
    verbose_name = "Layout and shared helpers"
