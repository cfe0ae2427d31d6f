"""Reports in the PDSA frame: every save a new version, method fidelity for documented methods, the preparation
group's review, and a report skipped with a reason."""

from __future__ import annotations

import pytest

from socialfund.followup import services
from socialfund.followup.models import ReportVersion
from socialfund.followup.models.project_reports import ImmutableRowError
from socialfund.kit.refusals import InputRefusal, PermissionRefusal, StateRefusal
from tests.cases.application_content import application_content
from tests.followup.conftest import grant
from tests.followup.helpers import pdsa, stored

pytestmark = pytest.mark.django_db


def first_report(project):
    return project.reports.order_by("due_on").first()


def test_every_save_is_a_new_version(users, project):
    report = first_report(project)
    v1 = services.report_draft_save(report=report, user=users["handlaggare"], plan="Första utkastet.")
    v2 = services.report_draft_save(report=report, user=users["handlaggare"], **pdsa())
    assert (v1.number, v2.number) == (1, 2)
    assert ReportVersion.objects.get(pk=v1.pk).plan == "Första utkastet."
    assert ReportVersion.objects.get(pk=v1.pk).do == ""
    v1.plan = "Skrivet över"
    with pytest.raises(ImmutableRowError):
        v1.save()
    with pytest.raises(ImmutableRowError):
        v1.delete()
    report.refresh_from_db()
    assert report.status == "draft"


def test_submit_needs_all_four_parts_and_changes_nothing_otherwise(users, project):
    report = first_report(project)
    services.report_draft_save(report=report, user=users["handlaggare"], plan="Bara planen.")
    before = stored()
    with pytest.raises(InputRefusal) as error:
        services.report_submit(report=report, user=users["handlaggare"])
    assert error.value.message == "Rapporten saknar Göra, Studera, Agera."
    assert error.value.field == "do"
    assert stored() == before


def test_review_returned_then_approved(users, project, mailoutbox, django_capture_on_commit_callbacks):
    report = first_report(project)
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa())
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(report=report, user=users["handlaggare"])
    assert mailoutbox[-1].to == ["beredning@demo.invalid"]
    with pytest.raises(InputRefusal) as error:
        services.report_review(report=report, user=users["beredning"], verdict="returned")
    assert error.value.field == "note"
    with django_capture_on_commit_callbacks(execute=True):
        services.report_review(report=report, user=users["beredning"], verdict="returned", note="Redovisa frånvaron.")
    assert mailoutbox[-1].to == ["handlaggare@demo.invalid"]
    report.refresh_from_db()
    assert report.status == "returned"
    with pytest.raises(StateRefusal, match="ny version"):
        services.report_submit(report=report, user=users["handlaggare"])
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa(study="Frånvaron: 12 % → 11 %."))
    services.report_submit(report=report, user=users["handlaggare"])
    with pytest.raises(InputRefusal) as error:
        services.report_review(report=report, user=users["beredning"], verdict="approved")
    assert error.value.field == "effect_finding"
    review = services.report_review(
        report=report, user=users["beredning"], verdict="approved", effect_finding="too_early"
    )
    report.refresh_from_db()
    assert (report.status, report.submitted_version.number, review.version.number) == ("approved", 2, 2)
    assert [r.verdict for r in report.reviews.order_by("pk")] == ["returned", "approved"]
    with pytest.raises(StateRefusal):
        services.report_draft_save(report=report, user=users["handlaggare"], **pdsa())


def test_a_documented_method_needs_its_fidelity(users, fund):
    content = application_content()
    content["method"]["documented"] = True
    project = services.project_start(initiative=grant(users, fund, content=content), user=users["registrator"])
    assert project.method_documented
    report = first_report(project)
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa())
    with pytest.raises(InputRefusal) as error:
        services.report_submit(report=report, user=users["handlaggare"])
    assert (error.value.field, "metodtrohet" in error.value.message) == ("fidelity", True)
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa(), fidelity="partly")
    with pytest.raises(InputRefusal) as error:
        services.report_submit(report=report, user=users["handlaggare"])
    assert error.value.field == "fidelity_note"
    services.report_draft_save(
        report=report, user=users["handlaggare"], **pdsa(), fidelity="partly", fidelity_note="Två av tre skolor."
    )
    assert services.report_submit(report=report, user=users["handlaggare"]).status == "submitted"


def test_skipping_a_report_needs_a_reason(users, project):
    report = first_report(project)
    before = stored()
    with pytest.raises(InputRefusal):
        services.report_skip(report=report, user=users["beredning"], reason=" ")
    with pytest.raises(PermissionRefusal):
        services.report_skip(report=report, user=users["handlaggare"], reason="Vill inte.")
    assert stored() == before
    services.report_skip(report=report, user=users["beredning"], reason="Projektet startade sent; lägesrapport 2018.")
    report.refresh_from_db()
    assert (report.status, report.skip_reason) == ("skipped", "Projektet startade sent; lägesrapport 2018.")


def test_only_the_lead_board_writes_and_only_the_preparation_group_reviews(users, project):
    report = first_report(project)
    before = stored()
    for name in ("beredning", "ekonomi", "kontorschef", "lasare", "admin"):
        with pytest.raises(PermissionRefusal):
            services.report_draft_save(report=report, user=users[name], **pdsa())
    assert stored() == before
    services.report_draft_save(report=report, user=users["handlaggare"], **pdsa())
    services.report_submit(report=report, user=users["handlaggare"])
    before = stored()
    for name in ("handlaggare", "ekonomi", "registrator", "lasare"):
        with pytest.raises(PermissionRefusal):
            services.report_review(report=report, user=users[name], verdict="approved", effect_finding="positive")
    assert stored() == before


def test_report_text_with_a_personal_number_is_refused(users, project):
    before = stored()
    with pytest.raises(InputRefusal) as error:
        services.report_draft_save(
            report=first_report(project), user=users["handlaggare"], **pdsa(do="Eleven 0501011234.")
        )
    assert error.value.field == "do"
    assert stored() == before
