"""The calculation spreadsheet on the web: download for every reader, upload into the draft through the service."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from socialfund.accounts.models import User
from socialfund.audit.models import AuditEvent
from socialfund.organisation.models import Organisation
from tests.cases.conftest import walk_to_preparation

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def download(client: Client, initiative) -> bytes:
    response = client.get(reverse("cases:calc-xlsx", args=[initiative.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def upload(client: Client, initiative, data: bytes, *, expect: int):
    initiative.refresh_from_db()
    response = client.post(
        reverse("cases:calc-upload", args=[initiative.pk]),
        {"version": initiative.version, "file": SimpleUploadedFile("kalkyl.xlsx", data, content_type=XLSX)},
    )
    assert response.status_code == expect, response.content.decode()[-2000:]
    return response


def stored(initiative):
    initiative.refresh_from_db()
    return json.loads(json.dumps(initiative.content["calculation"]))


def edited(data: bytes, sheet: str, cell: str, value) -> bytes:
    book = load_workbook(io.BytesIO(data))
    book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_download_upload_round_trip_is_identical_and_saved_through_the_service(users, draft):
    client = as_user(users["handlaggare"])
    before, version = stored(draft), draft.version
    data = download(client, draft)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["Ramar", "Resultat"]
    assert book["Effekter"]["B2"].value == "Socialnämnden"  # the board by name
    upload(client, draft, data, expect=302)
    assert stored(draft) == before
    draft.refresh_from_db()
    assert draft.version == version + 1
    assert AuditEvent.objects.filter(action="initiative_update", initiative=draft).exists()


def test_an_edited_cell_changes_the_saved_calculation(users, draft):
    client = as_user(users["handlaggare"])
    data = edited(download(client, draft), "Effekter", "I2", 0.5)  # deadweight of the first effect
    upload(client, draft, data, expect=302)
    assert stored(draft)["effects"][0]["deadweight"] == 0.5


def test_bad_cells_get_swedish_messages_and_nothing_is_stored(users, draft):
    client = as_user(users["handlaggare"])
    before, version = stored(draft), draft.version
    data = edited(download(client, draft), "Effekter", "I2", "hälften")
    response = upload(client, draft, data, expect=400)
    assert "Effekter, rad 2, Dödvikt (andel): måste vara ett tal" in response.content.decode()
    # A year outside the period: the engine's path in words.
    data = edited(download(client, draft), "Ramar", "B4", 1)
    response = upload(client, draft, data, expect=400)
    assert "Kostnad 1, belopp, 2017: år 2017 ligger utanför kalkylperioden 2016–2016" in response.content.decode()
    assert stored(draft) == before
    draft.refresh_from_db()
    assert draft.version == version


def test_readers_download_but_only_the_applicant_uploads(users, draft):
    walk_to_preparation(draft, users)
    for username in ("beredning", "lasare"):
        download(as_user(users[username]), draft)
        response = as_user(users[username]).get(reverse("cases:calc-upload", args=[draft.pk]))
        assert response.status_code == 404
    other_org = Organisation.objects.create(name="Annan kommun", code="9999")
    stranger = User.objects.create_user("annan", password="x-long-password-1", organisation=other_org)
    stranger.groups.add(*users["beredning"].groups.all())
    assert as_user(stranger).get(reverse("cases:calc-xlsx", args=[draft.pk])).status_code == 404
