from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "microsystems.demo"
    label = "demo"
    verbose_name = "The demo programme"
