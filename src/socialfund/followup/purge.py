"""Removing follow-up rows, for the demo's `--reset` only: real follow-up is never deleted.

Rows reference each other with PROTECT, so they go in dependency order; a submitted
report points at its version, so that link is cleared first. Bulk deletes do not call
the models' own `delete()`, which refuses (a saved report version is history).
"""

from __future__ import annotations

from django.db.models import QuerySet

from socialfund.cases.models import Initiative
from socialfund.followup import models as fm


def followup_purge(initiatives: QuerySet[Initiative]) -> None:
    projects = fm.Project.objects.filter(initiative__in=initiatives)
    fm.Evidence.objects.filter(review__project__in=projects).delete()
    fm.SpecialReview.objects.filter(project__in=projects).delete()
    fm.ReminderSent.objects.filter(report__project__in=projects).delete()
    fm.ReportReview.objects.filter(report__project__in=projects).delete()
    fm.Report.objects.filter(project__in=projects).update(submitted_version=None)
    fm.ReportVersion.objects.filter(report__project__in=projects).delete()
    fm.Report.objects.filter(project__in=projects).delete()
    fm.RealisedSaving.objects.filter(project__in=projects).delete()
    fm.Measurement.objects.filter(indicator__project__in=projects).delete()
    fm.Indicator.objects.filter(project__in=projects).delete()
    fm.ImplementationAnchoring.objects.filter(plan__project__in=projects).delete()
    fm.ImplementationPlan.objects.filter(project__in=projects).delete()
    fm.RegularOperationsDecision.objects.filter(project__in=projects).delete()
    projects.delete()
