"""The open datasets at stable public URLs, for harvesting (dataportal.se) and for anyone.

Served only while the fund publishes its public page (reports.public): until an administrator
turns that on, every URL here is a 404, exactly like the page.
"""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from socialfund.funds.models import Fund
from socialfund.opendata import dcat
from socialfund.opendata.indigo import indigo_export
from socialfund.opendata.public import public_grants
from socialfund.opendata.threesixty import grants_package
from socialfund.replica import reads_from_replica
from socialfund.reports.public import published_page

JSON = "application/json; charset=utf-8"


def _published_fund(slug: str) -> Fund:
    page = published_page(slug)
    if page is None:
        raise Http404
    return page.fund


def _json(data: object, name: str) -> HttpResponse:
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1), content_type=JSON)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any harvester may read it
    return response


@require_GET
@reads_from_replica
def indigo_view(request: HttpRequest, slug: str) -> HttpResponse:
    fund = _published_fund(slug)
    base = request.build_absolute_uri(reverse("reports:public", args=[slug]))
    return _json(indigo_export(fund, base_url=base, today=timezone.localdate()), f"{slug}-indigo.json")


@require_GET
@reads_from_replica
def grants_view(request: HttpRequest, slug: str) -> HttpResponse:
    fund = _published_fund(slug)
    base = request.build_absolute_uri(reverse("reports:public", args=[slug]))
    return _json(grants_package(fund, base_url=base, today=timezone.localdate()), f"{slug}-360giving.json")


@require_GET
@reads_from_replica
def decisions_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The fund's grant decisions as CSV (UTF-8 with BOM, semicolons: what Swedish spreadsheet programs open)."""
    fund = _published_fund(slug)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["diarienummer", "projekt", "nämnd", "beslutsorgan", "beslutsdatum", "paragraf", "år", "belopp_kr"])
    for g in public_grants(fund):
        for year, amount in g.amounts:
            writer.writerow(
                [
                    g.registry_number,
                    g.title,
                    g.board_name,
                    g.decision_body,
                    g.decided_on.isoformat(),
                    g.paragraph,
                    year,
                    f"{amount:.2f}",
                ]
            )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-beslut.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@reads_from_replica
def catalogue_view(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    fund = _published_fund(slug)
    if fmt not in dcat.FORMATS:
        raise Http404
    graph = dcat.catalogue(fund, absolute=request.build_absolute_uri, today=timezone.localdate())
    syntax, content_type = dcat.FORMATS[fmt]
    response = HttpResponse(graph.serialize(format=syntax), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response
