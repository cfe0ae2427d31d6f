"""The register's pages: the public diarium, the staff register with secrecy marking, the e-archive
package of a closed case, and the record of processing (GDPR art. 30)."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.cases.models import Initiative
from socialfund.consultations.permissions import is_staff_of
from socialfund.funds.models import Fund
from socialfund.funds.selectors import funds_visible_to
from socialfund.records.cullers import OPEN_STATUSES
from socialfund.records.forms import SecrecyForm
from socialfund.records.models import Handling
from socialfund.records.package import package_build, package_zip
from socialfund.records.processing import processing_record
from socialfund.records.services import RecordsError, handling_mark_secret
from socialfund.reports.public import published_page

PAGE_SIZE = 100


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _staff_fund(user: User, slug: str) -> Fund:
    fund = funds_visible_to(user=user).filter(slug=slug).first()
    if fund is None or not is_staff_of(user, fund.organisation_id):
        raise Http404
    return fund


def _page(request: HttpRequest, fund: Fund):  # type: ignore[no-untyped-def]
    handlings = Handling.objects.filter(fund=fund).select_related("classification").order_by("-registered_on", "-pk")
    return Paginator(handlings, PAGE_SIZE).get_page(request.GET.get("sida"))


@require_GET
def public_register_view(request: HttpRequest, slug: str) -> HttpResponse:
    """What anyone may see: numbers, dates, directions, counterparts and titles, the public title for a secret one."""
    page = published_page(slug)
    if page is None:
        raise Http404
    return render(request, "records/public_register.html", {"fund": page.fund, "page": _page(request, page.fund)})


def _may_mark(user: User) -> bool:
    return user.has_role(Role.REGISTRAR)


def _may_package(user: User) -> bool:
    return user.has_role(Role.REGISTRAR) or user.has_role(Role.ADMINISTRATOR)


@login_required
@require_GET
def register_index_view(request: HttpRequest) -> HttpResponse:
    """The register of the user's fund (the first, where an organisation has several)."""
    user = _user(request)
    funds = [f for f in funds_visible_to(user=user) if is_staff_of(user, f.organisation_id)]
    if not funds:
        raise Http404
    return redirect("records:register", slug=funds[0].slug)


@login_required
@require_GET
def register_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    closed = Initiative.objects.filter(fund=fund).exclude(status__in=OPEN_STATUSES).exclude(registry_number="")
    context = {
        "fund": fund,
        "page": _page(request, fund),
        "may_mark": _may_mark(user),
        "may_package": _may_package(user),
        "may_edit_rules": user.has_role(Role.ADMINISTRATOR) or user.has_role(Role.REGISTRAR),
        "closed_cases": closed.order_by("registry_number") if _may_package(user) else [],
        "form": SecrecyForm(),
    }
    return render(request, "records/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def secrecy_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    if not _may_mark(user):
        raise Http404
    handling = get_object_or_404(Handling, fund=fund, pk=pk)
    initial = {"paragraph": handling.secrecy_paragraph, "public_title": handling.public_title}
    form = SecrecyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            handling_mark_secret(handling=handling, user=user, **form.cleaned_data)
        except RecordsError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, _("%(number)s är sekretessmarkerad.") % {"number": handling.number})
            return redirect("records:register", slug=fund.slug)
    return render(request, "records/secrecy.html", {"fund": fund, "handling": handling, "form": form})


@login_required
@require_GET
def package_view(request: HttpRequest, slug: str, initiative_id: int) -> HttpResponse | FileResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    if not _may_package(user):
        raise Http404
    initiative = get_object_or_404(Initiative, fund=fund, pk=initiative_id)
    directory = Path(tempfile.mkdtemp(prefix="sip-"))
    try:
        folder = package_build(initiative, directory)
        archive = _ArchiveFile(package_zip(folder), directory)
    except RecordsError as error:
        shutil.rmtree(directory, ignore_errors=True)
        messages.error(request, str(error))
        return redirect("records:register", slug=fund.slug)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    name = f"e-arkiv-{initiative.registry_number.replace(' ', '-')}.zip"
    # The server closes the answer when it is sent (or the person left): closing the file removes the folder.
    return FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")


class _ArchiveFile(io.FileIO):
    """The package's zip file, read for the answer; closing it removes the temporary folder it was built in."""

    def __init__(self, path: Path, folder: Path) -> None:
        super().__init__(path, "rb")
        self.folder = folder

    def close(self) -> None:
        try:
            super().close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@login_required
@require_GET
def processing_view(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    fund = _staff_fund(user, slug)
    return render(request, "records/processing.html", {"fund": fund, "record": processing_record(fund)})
