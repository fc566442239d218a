from typing import Any

from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "microsystems.programme"
    label = "programme"
    verbose_name = "The programme"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from microsystems.projects.models import Project, ToolMark, Worksheet

        post_save.connect(project_saved, sender=Project, dispatch_uid="programme-project-saved")
        post_save.connect(tool_marked, sender=ToolMark, dispatch_uid="programme-tool-marked")
        post_save.connect(tool_marked, sender=Worksheet, dispatch_uid="programme-worksheet-saved")


def project_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    """However a project is started or completed (the workbook, the programme lead, the demo), the
    programme's rules follow: the funding rule when it starts, follow-up reviews when it completes."""
    if raw:
        return
    from . import actions

    if created:
        actions.start_project_funding(project=instance, by=instance.created_by)
    if instance.status == "completed" and instance.completed_on:
        actions.schedule_follow_ups(instance)
        actions.release_milestone_payments(project=instance)


def tool_marked(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A tool settled in the workbook (marked, or its worksheet saved) may take the project into a new
    step: a payment milestone such as "Step 3 reached" falls due."""
    if raw:
        return
    from . import actions

    actions.release_milestone_payments(project=instance.project)
