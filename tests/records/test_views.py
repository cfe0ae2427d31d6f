"""The register's pages: the public diarium, secrecy marking, the e-archive download, the art. 30 record."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.apps import apps
from django.test import Client

from socialfund.cases.codes import Status
from socialfund.cases.models import Initiative
from socialfund.records.models import Handling
from socialfund.records.processing import PERSONAL_DATA

pytestmark = pytest.mark.django_db


def _published(demo) -> None:
    from socialfund.reports.models import PublicPage

    PublicPage.objects.update_or_create(fund=demo.fund, defaults={"enabled": True})


def test_the_public_diarium_shows_the_public_title_of_a_secret_handling(demo, login):
    _published(demo)
    handling = Handling.objects.get(initiative__title="BarnkraftsHus", record_type="idea")
    registrar = login("registrator")
    url = f"/diarium/sodertalje/{handling.pk}/sekretess/"

    # Bad input: the Swedish message at the field, nothing stored.
    response = registrar.post(url, {"paragraph": "", "public_title": "Idé om förebyggande arbete"})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode() or "field-error" in response.content.decode()
    handling.refresh_from_db()
    assert handling.secrecy_paragraph == ""

    response = registrar.post(url, {"paragraph": "26 kap. 1 § OSL", "public_title": "Idé om förebyggande arbete"})
    assert response.status_code == 302
    staff_page = registrar.get("/diarium/sodertalje/").content.decode()
    assert "26 kap. 1 § OSL" in staff_page and "BarnkraftsHus" in staff_page

    public = Client().get("/offentlig/sodertalje/diarium/")
    text = public.content.decode()
    assert public.status_code == 200
    assert handling.number in text and "Idé om förebyggande arbete" in text
    assert "BarnkraftsHus" not in text and "Barnkraft<" not in text
    assert "Socialt företagande" in text  # an open handling is shown as registered


def test_the_registrar_finds_the_register_from_the_menu(demo, login):
    registrar = login("registrator")
    start = registrar.get("/").content.decode()
    assert 'href="/diarium/"' in start
    assert registrar.get("/diarium/").url == "/diarium/sodertalje/"
    assert 'href="/offentlig/sodertalje/diarium/"' in Client().get("/offentlig/sodertalje/").content.decode()


def test_the_public_diarium_follows_the_funds_public_page(demo):
    from socialfund.reports.models import PublicPage

    PublicPage.objects.filter(fund=demo.fund).update(enabled=False)
    assert Client().get("/offentlig/sodertalje/diarium/").status_code == 404


def test_only_the_registrar_marks_secrecy(demo, login):
    handling = Handling.objects.filter(fund=demo.fund).first()
    assert login("beredning").get(f"/diarium/sodertalje/{handling.pk}/sekretess/").status_code == 404


def test_the_registrar_downloads_a_closed_cases_e_archive_package(demo, login):
    withdrawn = Initiative.objects.get(fund=demo.fund, title__startswith="ACT", status=Status.WITHDRAWN)
    response = login("registrator").get(f"/diarium/sodertalje/arende/{withdrawn.pk}/e-arkiv.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert any(n.endswith("/METS.xml") and n.count("/") == 1 for n in names)
    assert any(n.endswith("metadata/descriptive/erms.xml") for n in names)


def test_the_record_of_processing_lists_what_is_stored(demo, login):
    page = login("registrator").get("/diarium/sodertalje/registerforteckning/").content.decode()
    assert "Kontaktpersoner hos externa aktörer" in page
    assert "gallras 2 år efter ärendets avslut" in page  # the contact details' rule
    assert "Södertälje kommun" in page


def test_every_field_that_looks_personal_is_in_the_record_of_processing():
    named = {(p.model, f) for p in PERSONAL_DATA for f in p.fields}
    # Names of things, not people: an organisation's, a board's, a fund's, a file's, an indicator's.
    not_personal = {"name", "original_name", "filename", "from_email", "initiator_name"}
    looks_personal = re.compile(r"(^|_)(name|email|phone|contact|signatories|addresses|recipients)($|_)")
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("socialfund"):
            continue
        for field in model._meta.concrete_fields:
            label = model._meta.label_lower
            if looks_personal.search(field.name) and (label, field.name) not in named:
                if field.name in not_personal and (label, field.name) not in {("consultations.recipient", "name")}:
                    continue
                missing.append(f"{label}.{field.name}")
    assert missing == []


# The package is built in a temporary folder, which is removed once the answer is sent, and on every error.
@pytest.fixture
def temporary_folders(tmp_path, monkeypatch):
    """Where tempfile makes its folders during the test (an empty folder of the test's own)."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _package_url(demo) -> str:
    withdrawn = Initiative.objects.get(fund=demo.fund, title__startswith="ACT", status=Status.WITHDRAWN)
    return f"/diarium/sodertalje/arende/{withdrawn.pk}/e-arkiv.zip"


def test_the_packages_temporary_folder_is_removed_once_the_package_is_sent(demo, login, temporary_folders):
    response = login("registrator").get(_package_url(demo))
    assert response.status_code == 200
    assert [p.name[:4] for p in temporary_folders.iterdir()] == ["sip-"]  # held while the answer is sent
    content = b"".join(response.streaming_content)  # the test client closes the answer when it is read
    assert zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert list(temporary_folders.iterdir()) == []


def test_the_temporary_folder_is_removed_when_the_case_is_refused(demo, login, temporary_folders):
    open_case = Initiative.objects.filter(fund=demo.fund).exclude(status__in=[Status.WITHDRAWN]).first()
    from socialfund.records.cullers import OPEN_STATUSES

    assert open_case is not None and open_case.status in OPEN_STATUSES
    response = login("registrator").get(f"/diarium/sodertalje/arende/{open_case.pk}/e-arkiv.zip")
    assert response.status_code == 302
    assert list(temporary_folders.iterdir()) == []


def test_the_temporary_folder_is_removed_when_packing_fails(demo, login, temporary_folders, monkeypatch):
    def full_disk(folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("socialfund.records.views.package_zip", full_disk)
    client = login("registrator")
    client.raise_request_exception = True
    with pytest.raises(OSError, match="No space left"):
        client.get(_package_url(demo))
    assert list(temporary_folders.iterdir()) == []
