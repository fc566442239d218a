from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "microsystems.followup"
    verbose_name = "Follow up: completion, benefits, storyboard"
