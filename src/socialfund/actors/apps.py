from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    """Outside actors: receipts and status links for ideas, e-legitimation login, co-applicants."""

    name = "socialfund.actors"
    label = "actors"
    verbose_name = _("Externa aktörer")

    def ready(self) -> None:
        # cases asks, before an application goes in, who still has to sign; this app answers for co-applicants.
        from socialfund.actors.coapplicants import unsigned_party_names
        from socialfund.cases.events import submission_waits_for

        def _unsigned(sender, *, initiative, **kwargs):  # type: ignore[no-untyped-def]
            return unsigned_party_names(initiative)

        submission_waits_for.connect(_unsigned, weak=False, dispatch_uid="actors-unsigned-parties")
