"""The one strict reader: a key given twice is refused with a Swedish message, in YAML and JSON,
from the CLI, the web import and the API alike."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.cases.models import Initiative
from socialfund.commands import calc as calc_command
from socialfund.core.strictread import DocumentReadError, parse_json, parse_yaml

TWICE_YAML = "title: Läxhjälp\nstage: idea\ntitle: Läxhjälp 2\n"
TWICE_JSON = '{"fund": "sodertalje", "title": "Via API", "title": "Andra titeln", "stage": "idea"}'


def test_yaml_and_json_refuse_a_key_given_twice_with_the_line():
    with pytest.raises(DocumentReadError, match=r"rad 3.*nyckeln 'title' förekommer två gånger"):
        parse_yaml(TWICE_YAML)
    with pytest.raises(DocumentReadError, match="nyckeln 'title' förekommer två gånger"):
        parse_json(TWICE_JSON)
    assert parse_yaml("title: X\n") == {"title": "X"}
    assert parse_json('{"a": {"b": 1}}') == {"a": {"b": 1}}


def test_the_cli_refuses_a_calculation_file_with_a_key_twice(tmp_path, capsys):
    path = tmp_path / "kalkyl.yaml"
    path.write_text("title: X\nstart_year: 2016\nstart_year: 2017\nhorizon: 3\n", encoding="utf-8")
    assert calc_command.main([str(path)]) == 2
    assert "nyckeln 'start_year' förekommer två gånger" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_web_import_refuses_an_initiative_file_with_a_key_twice(demo):
    client = Client()
    client.force_login(User.objects.get(username="handlaggare"))
    response = client.post("/arenden/fran-fil/", {"file": SimpleUploadedFile("i.yaml", TWICE_YAML.encode())})
    assert response.status_code == 400
    assert "nyckeln &#x27;title&#x27; förekommer två gånger" in response.content.decode()
    assert not Initiative.objects.filter(title__startswith="Läxhjälp").exists()


@pytest.mark.django_db
def test_the_api_refuses_a_body_with_a_key_twice(demo):
    auth = {
        "HTTP_AUTHORIZATION": f"Bearer {token_create(user=User.objects.get(username='handlaggare'), name='t').plaintext}"
    }
    before = Initiative.objects.count()
    response = Client().post("/api/v1/initiatives", TWICE_JSON, content_type="application/json", **auth)
    assert response.status_code == 400
    assert "nyckeln 'title' förekommer två gånger" in response.json()["errors"][0]["message"]
    assert Initiative.objects.count() == before
