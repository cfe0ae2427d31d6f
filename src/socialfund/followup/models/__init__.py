"""Follow-up's tables: the project and its indicators, reports, savings, special review and implementation."""

from socialfund.followup.models.implementation import (
    ImplementationAnchoring,
    ImplementationPlan,
    RegularOperationsDecision,
)
from socialfund.followup.models.indicators import Indicator, Measurement, RealisedSaving
from socialfund.followup.models.kolada_meta import GroupMean, KpiSnapshot
from socialfund.followup.models.outcomes import MeasurementStatus, OutcomeMetric, ResultStatus
from socialfund.followup.models.project import Project
from socialfund.followup.models.project_reports import ReminderSent, Report, ReportReview, ReportVersion
from socialfund.followup.models.special_review import Evidence, SpecialReview

__all__ = [
    "Evidence",
    "GroupMean",
    "ImplementationAnchoring",
    "ImplementationPlan",
    "Indicator",
    "KpiSnapshot",
    "Measurement",
    "MeasurementStatus",
    "OutcomeMetric",
    "Project",
    "RealisedSaving",
    "RegularOperationsDecision",
    "ReminderSent",
    "Report",
    "ReportReview",
    "ReportVersion",
    "ResultStatus",
    "SpecialReview",
]
