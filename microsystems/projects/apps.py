from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "microsystems.projects"
    label = "projects"
    verbose_name = "Improvement projects"
