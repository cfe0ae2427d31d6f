"""Issue 21, finding 3: a NUL byte anywhere in the input is refused with 400/422 and a Swedish message,
never a server error (PostgreSQL cannot store U+0000). Run it on PostgreSQL too:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sf_NAME .venv/bin/pytest tests/api/test_nul_input.py"""

from __future__ import annotations

import pytest
from django.test import Client

from socialfund.accounts.models import User
from socialfund.accounts.tokens import token_create
from socialfund.cases.models import Initiative
from socialfund.followup.models import Measurement
from socialfund.funds.models import Fund

pytestmark = pytest.mark.django_db

MESSAGE = "otillåtet tecken"


def auth(username: str) -> dict[str, str]:
    user = User.objects.get(username=username)
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='t').plaintext}"}


def client() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/initiatives?q=%00",
        "/api/v1/initiatives?stage=%00",
        "/api/v1/initiatives?status=a%00b",
        "/api/v1/funds/sodertalje%00/position",
        "/api/v1/funds/sodertalje/boards/%00/obligations",
        "/api/v1/policies/%00",
    ],
)
def test_api_filters_and_path_parameters_with_nul_are_refused(demo, url):
    response = client().get(url, **auth("ekonomi"))
    assert response.status_code == 400, response.content
    assert MESSAGE in response.json()["errors"][0]["message"]


def test_a_web_path_with_nul_is_refused(demo):
    web = client()
    web.force_login(User.objects.get(username="ekonomi"))
    response = web.get("/fond/sodertalje/namnd/%00/")
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert web.get("/arenden/?q=%00").status_code == 400


def test_api_create_with_nul_in_a_text_field_stores_nothing(demo):
    before = Initiative.objects.count()
    body = {"fund": "sodertalje", "title": "Läx\x00hjälp", "summary": "", "stage": "idea", "content": {}}
    response = client().post("/api/v1/initiatives", body, content_type="application/json", **auth("handlaggare"))
    assert response.status_code == 422
    assert response.json()["errors"][0] == {"field": "Titel", "message": response.json()["errors"][0]["message"]}
    assert MESSAGE in response.json()["errors"][0]["message"]
    nested = {**body, "title": "Läxhjälp", "content": {"purpose": ["ok", "x\x00"]}}
    response = client().post("/api/v1/initiatives", nested, content_type="application/json", **auth("handlaggare"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Initiativfilen, syfte, rad 2"
    assert Initiative.objects.count() == before


def test_api_withdraw_and_measurement_with_nul_are_refused(demo):
    case = Initiative.objects.filter(fund=Fund.objects.get(slug="sodertalje")).first()
    assert case is not None
    response = client().post(
        f"/api/v1/initiatives/{case.pk}/withdraw",
        {"reason": "other", "note": "\x00"},
        content_type="application/json",
        **auth("handlaggare"),
    )
    assert response.status_code == 422
    response = client().post(
        "/api/v1/indicators/1/measurements",
        {"measured_on": "2017-03-01", "value": "0.10", "source_note": "a\x00"},
        content_type="application/json",
        **auth("handlaggare"),
    )
    assert response.status_code == 422
    assert not Measurement.objects.exists()


def test_a_web_form_with_nul_is_refused(demo):
    web = client()
    web.force_login(User.objects.get(username="handlaggare"))
    response = web.post("/arenden/nytt/", {"title": "Läx\x00hjälp"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
