from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "socialfund.followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        from socialfund.cases.events import decision_granted, inbox_wanted
        from socialfund.followup.inbox import due_work

        decision_granted.connect(_start_project, dispatch_uid="followup-start-project-on-grant")
        inbox_wanted.connect(due_work, dispatch_uid="followup-due-work-in-inbox")


def _start_project(sender: Any, *, initiative: Any, user: Any, **kwargs: Any) -> None:
    """A grant starts the project's follow-up (report schedule, indicators from the goals) in its transaction."""
    from socialfund.followup.services import project_start

    project_start(initiative=initiative, user=user)
