"""The seed's 2013 → 2015 revision as a proposal in the editor, and a proposal sent on consultation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.audit.models import AuditEvent
from socialfund.cases.workflow import policy_id_in_force
from socialfund.consultations.document import compilation_document
from socialfund.consultations.selectors import compilation_for
from socialfund.guidelines import services
from socialfund.guidelines.models import GuidelineVersion, VersionStatus
from socialfund.guidelines.status import all_versions

pytestmark = pytest.mark.django_db


def test_the_seeds_revision_is_a_proposal_never_in_force(demo) -> None:
    version = GuidelineVersion.objects.get(policy_id="sodertalje-2015")
    assert version.status == VersionStatus.PROPOSED
    assert version.proposed_on == dt.date(2015, 11, 4)
    assert (
        version.consultation is not None and version.consultation.recipients.filter(answer__isnull=False).count() == 11
    )
    assert policy_id_in_force(demo.fund, dt.date(2026, 1, 1)) == "sodertalje-2013"
    rows = {row.policy_id: row.state for row in all_versions(demo.fund, dt.date(2026, 1, 1))}
    assert rows["sodertalje-2015"].status == "proposed" and rows["sodertalje-2015"].in_force_from is None
    assert rows["sodertalje-2013"].decision == "Kommunfullmäktige 2013-02-25 § 7"


def test_the_seeds_tjansteskrivelse_sets_out_current_and_proposed_wording(login, demo) -> None:
    client = login("admin")
    version = GuidelineVersion.objects.get(policy_id="sodertalje-2015")
    page = client.get(reverse("guidelines:version", args=[version.pk])).content.decode()
    assert "Förslag" in page and "2015-11-04" in page
    assert "Steget ”Stadsdirektörens godkännande”" in page
    response = client.get(reverse("guidelines:document", args=[version.pk, "tjansteskrivelse", "docx"]))
    assert response.status_code == 200 and response.content.startswith(b"PK")


def test_the_api_shows_status_and_dates(client, demo) -> None:
    token = token_create(user=User.objects.get(username="lasare"), name="test").plaintext
    response = client.get(f"/api/v1/funds/{demo.fund.slug}/guidelines", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    rows = {row["policy_id"]: row for row in response.json()}
    assert rows["sodertalje-2013"]["status"] == "adopted"
    assert rows["sodertalje-2013"]["in_force_from"] == "2013-02-25"
    assert rows["sodertalje-2015"]["status"] == "proposed"
    assert rows["sodertalje-2015"]["proposed_on"] == "2015-11-04"


def test_a_proposal_goes_on_consultation_and_the_compilation_says_what_was_consulted_on(demo) -> None:
    admin = User.objects.get(username="admin")
    draft = services.draft_start(user=admin, fund=demo.fund, based_on="sodertalje-2013", title="Ny beredningsgrupp")
    with pytest.raises(services.CaseStateError):
        services.version_consult(
            user=User.objects.get(username="registrator"),
            version=draft,
            sent_by=demo.organisation.decision_bodies.get(code="KS"),
            decided_on=dt.date(2026, 5, 1),
            deadline=dt.date(2026, 6, 30),
            questions=["Tillstyrker ni förslaget?"],
        )
    services.version_propose(user=admin, version=draft, on=dt.date(2026, 4, 1))
    version = services.version_consult(
        user=User.objects.get(username="registrator"),
        version=draft,
        sent_by=demo.organisation.decision_bodies.get(code="KS"),
        decided_on=dt.date(2026, 5, 1),
        deadline=dt.date(2026, 6, 30),
        questions=["Tillstyrker ni förslaget?"],
    )
    consultation = version.consultation
    assert consultation is not None and consultation.recipients.count() == demo.organisation.boards.count()
    document = compilation_document(consultation, compilation_for(consultation), on=dt.date(2026, 7, 1))
    intro = next(block.text for block in document.blocks if getattr(block, "text", "").startswith("Kommunstyrelsen"))
    assert "PM – Ny beredningsgrupp" in intro
    assert AuditEvent.objects.filter(action="guideline_consult", target_id=str(version.pk)).exists()
