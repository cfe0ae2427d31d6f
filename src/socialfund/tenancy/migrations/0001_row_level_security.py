"""Row-level security on every tenant table (docs/tenancy.md). PostgreSQL only: on SQLite nothing happens
and the application's scope (`socialfund.organisation.tenancy.scoped`) is the only lock.

The policies bind every role that neither owns the tables nor is a superuser: run the application as the
app role (`socialfund app_role`), migrations as the owner."""

from django.db import migrations

from socialfund.tenancy import rls

TABLES = [
    ("organisation_decisionbody", "organisation_id", "organisation_organisation"),
    ("organisation_board", "organisation_id", "organisation_organisation"),
    ("organisation_office", "organisation_id", "organisation_organisation"),
    ("funds_fund", "organisation_id", "organisation_organisation"),
    ("funds_policyversion", "fund_id", "funds_fund"),
    ("cases_initiative", "fund_id", "funds_fund"),
    ("cases_signoff", "initiative_id", "cases_initiative"),
    ("cases_assessment", "initiative_id", "cases_initiative"),
    ("cases_attachment", "initiative_id", "cases_initiative"),
    ("cases_opinion", "initiative_id", "cases_initiative"),
    ("cases_decision", "initiative_id", "cases_initiative"),
    ("cases_decisionamount", "decision_id", "cases_decision"),
    ("cases_comment", "initiative_id", "cases_initiative"),
    ("cases_repaymentexception", "decision_id", "cases_decision"),
    ("ledger_capitaldecision", "fund_id", "funds_fund"),
    ("ledger_payoutorder", "fund_id", "funds_fund"),
    ("ledger_repaymentplan", "initiative_id", "cases_initiative"),
    ("ledger_repayment", "fund_id", "funds_fund"),
    ("ledger_waiver", "initiative_id", "cases_initiative"),
    ("ledger_boardsuccession", "board_id", "organisation_board"),
    ("ledger_fundledger", "fund_id", "funds_fund"),
    ("ledger_account", "fund_id", "funds_fund"),
    ("ledger_transaction", "fund_id", "funds_fund"),
    ("ledger_entry", "transaction_id", "ledger_transaction"),
    ("ledger_handover", "fund_id", "funds_fund"),
    ("ledger_handedover", "handover_id", "ledger_handover"),
    ("ledger_payoutinstalment", "grant_id", "ledger_transaction"),
    ("consultations_consultation", "organisation_id", "organisation_organisation"),
    ("consultations_recipient", "consultation_id", "consultations_consultation"),
    ("consultations_answer", "recipient_id", "consultations_recipient"),
    ("consultations_statement", "answer_id", "consultations_answer"),
    ("consultations_reminder", "recipient_id", "consultations_recipient"),
    ("reports_publicpage", "fund_id", "funds_fund"),
    ("reports_reporttext", "fund_id", "funds_fund"),
    ("followup_project", "initiative_id", "cases_initiative"),
    ("followup_implementationplan", "project_id", "followup_project"),
    ("followup_implementationanchoring", "plan_id", "followup_implementationplan"),
    ("followup_regularoperationsdecision", "project_id", "followup_project"),
    ("followup_indicator", "project_id", "followup_project"),
    ("followup_measurement", "indicator_id", "followup_indicator"),
    ("followup_realisedsaving", "project_id", "followup_project"),
    ("followup_kpisnapshot", "indicator_id", "followup_indicator"),
    ("followup_groupmean", "indicator_id", "followup_indicator"),
    ("followup_outcomemetric", "project_id", "followup_project"),
    ("followup_measurementstatus", "measurement_id", "followup_measurement"),
    ("followup_report", "project_id", "followup_project"),
    ("followup_reportversion", "report_id", "followup_report"),
    ("followup_reportreview", "report_id", "followup_report"),
    ("followup_remindersent", "report_id", "followup_report"),
    ("followup_specialreview", "project_id", "followup_project"),
    ("followup_evidence", "review_id", "followup_specialreview"),
    ("actors_ideafollow", "initiative_id", "cases_initiative"),
    ("actors_actormessage", "initiative_id", "cases_initiative"),
    ("actors_coapplicant", "initiative_id", "cases_initiative"),
    ("actors_partycomment", "initiative_id", "cases_initiative"),
    ("guidelines_guidelineversion", "fund_id", "funds_fund"),
    ("records_classification", "fund_id", "funds_fund"),
    ("records_handling", "fund_id", "funds_fund"),
    ("records_diariumdelivery", "handling_id", "records_handling"),
    ("records_diariumcase", "fund_id", "funds_fund"),
    ("records_retentionrule", "fund_id", "funds_fund"),
    ("records_cullinglogentry", "fund_id", "funds_fund"),
]

AUDIT = """
ALTER TABLE audit_auditevent ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_scope ON audit_auditevent;
DROP POLICY IF EXISTS tenant_append ON audit_auditevent;
CREATE POLICY tenant_scope ON audit_auditevent FOR SELECT USING (
  (SELECT sf_tenant_all())
  OR initiative_id IN (SELECT id FROM cases_initiative)
  OR (initiative_id IS NULL AND actor_id IN (
        SELECT id FROM accounts_user WHERE organisation_id = (SELECT sf_tenant_organisation_id())))
);
CREATE POLICY tenant_append ON audit_auditevent FOR INSERT WITH CHECK (true);
"""

OUTBOX = """
ALTER TABLE outbox_outboxmail ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_scope ON outbox_outboxmail;
CREATE POLICY tenant_scope ON outbox_outboxmail USING (
  (SELECT sf_tenant_all()) OR tenant = current_setting('app.tenant', true)
) WITH CHECK ((SELECT sf_tenant_all()) OR tenant = coalesce(current_setting('app.tenant', true), '') OR tenant = '');
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(rls.FUNCTIONS)
    for table, column, parent in TABLES:
        schema_editor.execute(rls.enable(table, column, parent))
    schema_editor.execute(AUDIT)
    schema_editor.execute(OUTBOX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP POLICY IF EXISTS tenant_append ON audit_auditevent;")
    for table in [t for t, _c, _p in TABLES] + ["audit_auditevent", "outbox_outboxmail"]:
        schema_editor.execute(rls.disable(table))
    schema_editor.execute(rls.DROP_FUNCTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_totp_device"),
        ("organisation", "0002_board_validity_and_successor"),
        ("funds", "0003_fund_forecast_assumptions"),
        ("cases", "0008_record_withdrawal_reasons_demo_note"),
        ("audit", "0001_initial"),
        ("ledger", "0007_balance_and_truncate_guards"),
        ("consultations", "0002_record_consulted_on_late_answers"),
        ("reports", "0002_report_text_versions"),
        ("followup", "0005_kolada_group_means"),
        ("actors", "0001_initial"),
        ("guidelines", "0001_initial"),
        ("records", "0001_initial"),
        ("outbox", "0003_mail_tenant"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
