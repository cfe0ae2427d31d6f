"""What follow-up has stored, as comparable counts: a refused step must leave every one unchanged."""

from __future__ import annotations

from socialfund.audit.models import AuditEvent
from socialfund.followup import models as fm


def stored() -> dict[str, int]:
    counts = {
        name: model.objects.count()
        for name, model in (
            ("projects", fm.Project),
            ("indicators", fm.Indicator),
            ("measurements", fm.Measurement),
            ("savings", fm.RealisedSaving),
            ("reports", fm.Report),
            ("versions", fm.ReportVersion),
            ("reviews", fm.ReportReview),
            ("reminders", fm.ReminderSent),
            ("special_reviews", fm.SpecialReview),
            ("evidence", fm.Evidence),
            ("plans", fm.ImplementationPlan),
            ("anchorings", fm.ImplementationAnchoring),
            ("regular_operations", fm.RegularOperationsDecision),
        )
    }
    counts["audit"] = AuditEvent.objects.count()
    counts["report_states"] = hash(tuple(fm.Report.objects.order_by("pk").values_list("status", flat=True)))
    counts["project_states"] = hash(tuple(fm.Project.objects.order_by("pk").values_list("status", flat=True)))
    return counts


def pdsa(**changes: str) -> dict[str, str]:
    """A complete report in the PDSA frame; only aggregate figures."""
    texts = {
        "plan": "Hög frånvaro i åk 7–9; teamet arbetar i tre skolor.",
        "do": "Teamet har arbetat enligt metodbeskrivningen hela läsåret.",
        "study": "Frånvaron har inte minskat; placeringsdygnen ligger kvar på 2 000.",
        "act": "Vi föreslår att metoden prövas särskilt.",
    }
    return {**texts, **changes}
