"""The guided application: stage-aware steps, help from the guidelines, live calculator and screening,
drafts that lose nothing, the two-editor warning, and the file round trip."""

from __future__ import annotations

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from socialfund.cases.guided.steps import steps_for
from socialfund.cases.models import Initiative
from socialfund.core.policy import load_policy
from tests.cases.guided_helpers import CALCULATION_STEP, COMPLETE_STEPS, fill_application, post_step

SODERTALJE = load_policy("sodertalje-2013")  # the demo fund's guidelines, whose guided steps these tests walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(users) -> Client:
    client = Client()
    client.force_login(users["handlaggare"])
    return client


@pytest.fixture
def application(users, fund, applicant) -> Initiative:
    from socialfund.cases import services

    return services.initiative_create(fund=fund, user=users["handlaggare"], title="Läxhjälp", stage="application")


def test_an_interest_registration_is_short_and_an_application_complete():
    assert [s.code for s in steps_for("interest", SODERTALJE)] == ["behov", "malgrupp", "granska"]
    assert len(steps_for("application", SODERTALJE)) == 11
    assert "kalkyl" in [s.code for s in steps_for("application", SODERTALJE)]


def test_every_step_shows_the_guideline_text_beside_the_questions(applicant, application):
    for step in steps_for("application", SODERTALJE):
        response = applicant.get(reverse("cases:guided", args=[application.pk, step.code]))
        assert response.status_code == 200, step.code
    html = applicant.get(reverse("cases:guided", args=[application.pk, "malgrupp"])).content.decode()
    assert "Vad riktlinjerna säger" in html
    assert "likställighet" in html.lower()  # equal_treatment's clause or title
    assert "Körkortsutbildning avslogs" in html  # the seed's example


def test_steps_are_only_for_the_applicants_board(users, application):
    for username in ["beredning", "lasare", "kontorschef"]:
        client = Client()
        client.force_login(users[username])
        assert client.get(reverse("cases:guided", args=[application.pk, "behov"])).status_code == 404


def test_a_complete_application_screens_eligible(applicant, application, users):
    import datetime as dt

    from socialfund.cases import services

    fill_application(applicant, application)
    services.signoff_record(
        initiative=application, user=users["kontorschef"], kind="office_head", signed_on=dt.date(2016, 1, 10)
    )
    services.signoff_record(
        initiative=application, user=users["handlaggare"], kind="board", signed_on=dt.date(2016, 2, 1)
    )
    html = applicant.get(reverse("cases:guided", args=[application.pk, "granska"])).content.decode()
    assert "Uppfyller riktlinjerna" in html
    application.refresh_from_db()
    assert application.content["calculation"]["effects"][1]["unit_cost"] == "introduktionsprogram_plats_ar_2018"
    assert application.content["funding"]["requested"] == {"2016": "600000.00", "2017": "600000.00"}


def test_progress_shows_which_steps_are_complete(applicant, application):
    post_step(applicant, application, "mal", COMPLETE_STEPS["mal"])
    html = applicant.get(reverse("cases:guided", args=[application.pk, "behov"])).content.decode()
    assert 'Mål och indikatorer <span class="step-state">(klar)</span>' in html
    assert 'Socioekonomisk beräkning <span class="step-state">(behöver kompletteras)</span>' in html


def test_the_calculator_updates_from_what_is_typed(applicant, application):
    url = reverse("cases:calc-preview", args=[application.pk])
    html = applicant.post(url, {**CALCULATION_STEP, "version": application.version}).content.decode()
    assert 'id="calc-results"' in html
    assert "Föreslagen återföringsplan" in html
    assert "inom riktlinjernas gränser" in html
    assert "Diagrammets data" in html and "<svg" in html
    application.refresh_from_db()
    assert not application.content.get("calculation")  # a preview saves nothing


def test_a_half_filled_calculation_shows_what_it_can_and_says_what_is_missing(applicant, application):
    url = reverse("cases:calc-preview", args=[application.pk])
    only_frame = {k: v for k, v in CALCULATION_STEP.items() if k.startswith("calc-") or "FORMS" in k}
    only_frame["costs-TOTAL_FORMS"] = only_frame["effects-TOTAL_FORMS"] = "1"
    html = applicant.post(url, only_frame).content.decode()
    assert "Lägg till minst en kostnad" in html and "Lägg till minst en effekt" in html
    with_bad_row = {**CALCULATION_STEP, "effects-1-y2019": "många"}
    html = applicant.post(url, with_bad_row).content.decode()
    assert "Rader med fel räknas inte med" in html
    assert "Föreslagen återföringsplan" in html  # the valid rows still give numbers


@pytest.mark.parametrize(
    "bad",
    [
        {"calc-start_year": ""},
        {"calc-start_year": "tjugo"},
        {"calc-horizon": "-3"},
        {"calc-horizon": "100000000000000000000"},
        {"costs-0-y2016": "1e400"},
        {"costs-0-y2016": "-5"},
        {"costs-0-y2030": "5"},
        {"costs-0-y2016": "100\t200"},
        {"effects-0-unit_value": "NaN"},
        {"effects-0-unit_value": "Infinity"},
        {"effects-0-y2016": "99999999999999999999999"},
        {"effects-0-y2018": "-3"},
        {"effects-0-deadweight": "7"},
        {"costs-TOTAL_FORMS": "x"},
        {"effects-0-low": "2", "effects-0-high": "0.5"},
    ],
)
def test_nothing_crashes_on_bad_input(applicant, application, bad):
    response = applicant.post(reverse("cases:calc-preview", args=[application.pk]), {**CALCULATION_STEP, **bad})
    assert response.status_code in (200, 400)
    response = applicant.post(
        reverse("cases:guided", args=[application.pk, "kalkyl"]), {**CALCULATION_STEP, **bad, "version": 1}
    )
    assert response.status_code in (302, 400)


def test_a_step_with_errors_is_kept_as_typed_and_shown_again(applicant, application):
    response = post_step(
        applicant, application, "budget", {"requested": "2016: tusen", "duration_months": "24"}, expect=400
    )
    assert "är inget belopp" in response.content.decode()
    application.refresh_from_db()
    assert application.draft_inputs["budget"]["requested"] == ["2016: tusen"]
    html = applicant.get(reverse("cases:guided", args=[application.pk, "budget"])).content.decode()
    assert "2016: tusen" in html and "är inget belopp" in html
    post_step(applicant, application, "budget", COMPLETE_STEPS["budget"])
    application.refresh_from_db()
    assert "budget" not in application.draft_inputs


@pytest.mark.parametrize(
    ("step", "wrong", "right"),
    [
        ("budget", {"requested": "2016: tusen", "duration_months": "24"}, COMPLETE_STEPS["budget"]),
        ("kalkyl", {**CALCULATION_STEP, "costs-0-y2016": "tusen"}, CALCULATION_STEP),
    ],
)
def test_answers_corrected_on_the_page_with_errors_save_without_a_conflict(applicant, application, step, wrong, right):
    """The page shown after a save with errors carries the version that save made (no false two-editor warning)."""
    import re

    url = reverse("cases:guided", args=[application.pk, step])
    html = applicant.post(url, {**wrong, "version": application.version}).content.decode()
    application.refresh_from_db()
    shown = re.search(r'name="version" value="(\d+)"', html)
    assert shown is not None and int(shown.group(1)) == application.version
    assert applicant.post(url, {**right, "version": shown.group(1)}).status_code == 302


def test_two_editors_are_warned_not_overwritten(users, application):
    first, second = Client(), Client()
    first.force_login(users["handlaggare"])
    second.force_login(users["handlaggare"])
    opened_version = Initiative.objects.get(pk=application.pk).version
    url = reverse("cases:guided", args=[application.pk, "implementering"])
    assert first.post(url, {"version": opened_version, "implementation_plan": "Först"}).status_code == 302
    response = second.post(url, {"version": opened_version, "implementation_plan": "Sist"})
    assert response.status_code == 409
    assert "efter att du öppnade det" in response.content.decode()
    application.refresh_from_db()
    assert application.content["implementation_plan"] == "Först"
    # Saving again from the warning page (now with the current version) overwrites deliberately.
    assert second.post(url, {"version": application.version, "implementation_plan": "Sist"}).status_code == 302
    application.refresh_from_db()
    assert application.content["implementation_plan"] == "Sist"


def test_live_screening_uses_the_unsaved_answers(applicant, application):
    url = reverse("cases:screening-preview", args=[application.pk, "malgrupp"])
    html = applicant.post(
        url,
        {"version": 1, "target_groups": ["elderly"], "purpose": "existing_operations", "beneficiaries": "universal"},
    ).content.decode()
    assert 'data-rule="purpose"' in html and "Uppfylls inte" in html
    application.refresh_from_db()
    assert not application.content.get("purpose")


def test_file_round_trip_loses_nothing(applicant, application, users):
    fill_application(applicant, application)
    exported = applicant.get(reverse("cases:export", args=[application.pk]))
    assert exported.status_code == 200
    first = yaml.safe_load(exported.content)
    response = applicant.post(reverse("cases:import"), {"file": SimpleUploadedFile("initiativ.yaml", exported.content)})
    assert response.status_code == 302
    copy = Initiative.objects.exclude(pk=application.pk).get(title=application.title)
    second = yaml.safe_load(applicant.get(reverse("cases:export", args=[copy.pk])).content)
    assert second == first


def test_import_reports_bad_files_with_paths(applicant):
    bad = SimpleUploadedFile("x.yaml", b"title: X\nstage: idea\npurpose: drift\n")
    response = applicant.post(reverse("cases:import"), {"file": bad})
    assert response.status_code == 400
    assert "purpose" in response.content.decode()
    broken = SimpleUploadedFile("x.yaml", b"title: [unclosed\n")
    response = applicant.post(reverse("cases:import"), {"file": broken})
    assert response.status_code == 400
    assert "inte giltig YAML" in response.content.decode()
    assert not Initiative.objects.filter(title="X").exists()


def test_uncertainty_ranges_give_the_chance_that_the_plan_repays_in_time(applicant, application):
    ranged = {**CALCULATION_STEP, "effects-0-low": "0.5", "effects-0-high": "1.2"}
    html = applicant.post(reverse("cases:calc-preview", args=[application.pk]), ranged).content.decode()
    assert "sannolikheten att planen återför i tid är" in html
    assert "2000 simuleringar" in html or "2\u00a0000 simuleringar" in html
    plain = applicant.post(reverse("cases:calc-preview", args=[application.pk]), CALCULATION_STEP).content.decode()
    assert "sannolikheten att planen återför i tid" not in plain


def test_opening_the_calculator_shows_the_saved_results(applicant, application):
    fill_application(applicant, application)
    html = applicant.get(reverse("cases:guided", args=[application.pk, "kalkyl"])).content.decode()
    assert "Föreslagen återföringsplan" in html
    assert "Diagrammets data" in html
