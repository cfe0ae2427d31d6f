"""One service per state change of follow-up. Each checks the user's role and the project's state, runs in a
transaction, writes an audit event tied to the project's case, and raises a case error with a Swedish message
when it refuses; a refused step stores nothing.

    project_start                 registrar / preparation group: a granted initiative becomes a project
    project_close                 preparation group: the follow-up is done
    indicator_create              lead board / preparation group
    indicator_update              lead board / preparation group: what it is, with a reason (not its source)
    indicator_remove              lead board / preparation group: only one nothing rests on
    measurement_correct           lead board / preparation group: a wrong hand-entered figure, with a reason
    measurement_remove            lead board / preparation group: a figure that should not be there
    measurement_record            lead board / preparation group: an aggregate figure by hand
    indicator_refresh_from_kolada lead board / preparation group / the scheduled command
    kpi_snapshot_check            with linking and every refresh: Kolada's metadata, a changed title flagged
    indicator_set_import          lead board / preparation group: a default Kolada set, checked, as indicators
    outcome_metric_save           lead board / preparation group: an outcome metric (INDIGO), created or changed
    measurement_status_set        lead board / preparation group: estimated, reported; validated by the group only
    report_draft_save             lead board: a new version of a report (PDSA)
    report_submit                 lead board
    report_review                 preparation group: approved (with what the evaluation shows) or returned
    report_skip                   preparation group: a report that is not needed, with the reason
    reminders_send                the scheduled command: reminders, each exactly once
    realised_saving_record        finance / preparation group
    realised_savings_derive       finance / preparation group: from indicators through the effect lines
    special_review_open           preparation group
    special_review_evidence_add   preparation group / lead board
    special_review_submit         preparation group: to kommunstyrelsen
    special_review_decide         registrar: a waiver is booked through the ledger
    implementation_plan_save      lead board
    implementation_anchor         office head / lead board / registrar
    regular_operations_decide     lead board / registrar
"""

from socialfund.followup.services.implementation import (
    implementation_anchor,
    implementation_plan_save,
    regular_operations_decide,
)
from socialfund.followup.services.indicator_changes import (
    ChangeResult,
    indicator_remove,
    indicator_update,
    measurement_correct,
    measurement_remove,
)
from socialfund.followup.services.indicators import (
    IndicatorSpec,
    RefreshResult,
    indicator_create,
    indicator_refresh_from_kolada,
    measurement_record,
)
from socialfund.followup.services.kolada_meta import indicator_compare_with_group, kpi_snapshot_check
from socialfund.followup.services.kolada_set_import import SetImport, indicator_set_import
from socialfund.followup.services.outcome import Derivation, realised_saving_record, realised_savings_derive
from socialfund.followup.services.outcome_metrics import (
    OutcomeMetricSpec,
    measurement_status_set,
    outcome_metric_save,
)
from socialfund.followup.services.project_reports import report_draft_save, report_review, report_skip, report_submit
from socialfund.followup.services.projects import project_close, project_start
from socialfund.followup.services.reminders import reminders_send
from socialfund.followup.services.special_review import (
    special_review_decide,
    special_review_evidence_add,
    special_review_open,
    special_review_submit,
)

__all__ = [
    "ChangeResult",
    "Derivation",
    "IndicatorSpec",
    "RefreshResult",
    "implementation_anchor",
    "implementation_plan_save",
    "indicator_create",
    "indicator_refresh_from_kolada",
    "kpi_snapshot_check",
    "indicator_compare_with_group",
    "indicator_set_import",
    "SetImport",
    "measurement_status_set",
    "outcome_metric_save",
    "OutcomeMetricSpec",
    "indicator_remove",
    "indicator_update",
    "measurement_correct",
    "measurement_record",
    "measurement_remove",
    "project_close",
    "project_start",
    "realised_saving_record",
    "realised_savings_derive",
    "regular_operations_decide",
    "reminders_send",
    "report_draft_save",
    "report_review",
    "report_skip",
    "report_submit",
    "special_review_decide",
    "special_review_evidence_add",
    "special_review_open",
    "special_review_submit",
]
