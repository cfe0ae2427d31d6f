"""Consultation pages: the list, creating one, its page with answers and reminders, and the compilation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from socialfund.accounts.models import User
from socialfund.cases.forms import SwedishForm
from socialfund.consultations import forms as consultation_forms
from socialfund.consultations import services
from socialfund.consultations.document import compilation_document
from socialfund.consultations.models import Consultation, Recipient, Statement
from socialfund.consultations.permissions import is_staff_of, may_manage
from socialfund.consultations.selectors import compilation_for, consultation_detail, consultation_list
from socialfund.documents.downloads import document_response
from socialfund.kit.refusals import PermissionRefusal, Refusal
from socialfund.kit.step_form import Failed, take_step
from socialfund.organisation.models import Organisation
from socialfund.record_language import record_language


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _staff(request: HttpRequest) -> User:
    """Staff of some organisation; others get a 404, as for a guessed address."""
    user = _user(request)
    if not is_staff_of(user, user.organisation_id):
        raise Http404
    return user


def _visible(user: User, pk: int) -> Consultation:
    try:
        return consultation_detail(user=user, pk=pk)
    except Consultation.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@require_GET
def consultation_list_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    context = {"consultations": consultation_list(user=user), "may_create": may_manage(user, user.organisation_id)}
    return render(request, "consultations/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new_view(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    if not may_manage(user, user.organisation_id) or user.organisation is None:
        return render(request, "cases/forbidden.html", status=403)
    organisation = user.organisation
    form = consultation_forms.ConsultationForm(request.POST or None, organisation_id=organisation.pk)

    def page(failed: Failed | None = None) -> HttpResponse:
        return render(request, "consultations/form.html", {"form": form}, status=400 if form.errors else 200)

    if request.method != "POST":
        return page()
    return take_step(
        request,
        form,
        lambda form: _create(form, organisation, user),
        said=lambda _consultation: _("Remissen är registrerad."),
        done=lambda consultation: redirect("consultations:detail", pk=consultation.pk),
        again=page,
        unplaced="form",
    )


def _create(form: consultation_forms.ConsultationForm, organisation: Organisation, user: User) -> Consultation:
    data = form.cleaned_data
    return services.consultation_create(
        organisation=organisation,
        user=user,
        title=data["title"],
        document_title=data["document_title"],
        document_date=data["document_date"],
        registry_number=data["registry_number"],
        sent_by=data["sent_by"],
        decided_on=data["decided_on"],
        deadline=data["deadline"],
        questions=consultation_forms.lines(data["questions"]),
        consulted_on=data["consulted_on"],
        recipients=form.recipients(),
        row_labels=form.row_labels(),
        handler=services.Handler(
            name=data["handler_name"],
            title=data["handler_title"],
            unit=data["handler_unit"],
            phone=data["handler_phone"],
            email=data["handler_email"],
            office=data["office"],
        ),
    )


def _page(
    request: HttpRequest,
    consultation: Consultation,
    *,
    status: int = 200,
    failed: tuple[int, SwedishForm] | None = None,
) -> HttpResponse:
    """The consultation's page; `failed` is (recipient id, form) of a refused answer or statement, shown open."""
    user = _user(request)
    rows = []
    for recipient in consultation.recipients.all():
        answer_form: SwedishForm = consultation_forms.AnswerForm(prefix=f"answer-{recipient.pk}")
        statement_form: SwedishForm = consultation_forms.StatementForm(prefix=f"statement-{recipient.pk}")
        answer = getattr(recipient, "answer", None)
        statements = [
            (statement, consultation_forms.StatementRemoveForm(prefix=f"remove-{statement.pk}"))
            for statement in (answer.statements.all() if answer else [])
        ]
        if failed and failed[0] == recipient.pk:
            if isinstance(failed[1], consultation_forms.AnswerForm):
                answer_form = failed[1]
            elif isinstance(failed[1], consultation_forms.StatementRemoveForm):
                statements = [
                    (s, failed[1] if f"remove-{s.pk}" == failed[1].prefix else form) for s, form in statements
                ]
            else:
                statement_form = failed[1]
        rows.append(
            {
                "recipient": recipient,
                "answer_form": answer_form,
                "statement_form": statement_form,
                "statements": statements,
            }
        )
    context = {
        "consultation": consultation,
        "rows": rows,
        "compilation": compilation_for(consultation),
        "may_manage": may_manage(user, consultation.organisation_id),
        "failed_recipient": failed[0] if failed else None,
    }
    return render(request, "consultations/detail.html", context, status=status)


@login_required
@require_GET
def consultation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _visible(_staff(request), pk))


def _recipient(consultation: Consultation, recipient_id: int) -> Recipient:
    return get_object_or_404(Recipient, pk=recipient_id, consultation=consultation)


def _submit(
    request: HttpRequest,
    consultation: Consultation,
    recipient: Recipient,
    form: SwedishForm,
    act: Callable[[dict[str, Any]], object],
    *,
    done: str,
) -> HttpResponse:
    """Run a recipient's form through its service: back to the page with `done` when it went through, else
    the page again with the form open and the reason at its field (403 when the user may not, 400 else)."""

    def again(failed: Failed) -> HttpResponse:
        if failed.status == 403:
            # The page draws no form for someone who may not use it: the reason goes at its top.
            messages.error(request, failed.refusal.message if failed.refusal else "")
            return _page(request, consultation, status=403, failed=(recipient.pk, form))
        return _page(request, consultation, status=400, failed=(recipient.pk, form))

    return take_step(
        request,
        form,
        lambda form: act(form.cleaned_data),
        said=lambda _result: done,
        done=lambda _result: redirect("consultations:detail", pk=consultation.pk),
        again=again,
        unplaced="form",
    )


@login_required
@require_POST
def answer_view(request: HttpRequest, pk: int, recipient_id: int) -> HttpResponse:
    user = _staff(request)
    consultation = _visible(user, pk)
    recipient = _recipient(consultation, recipient_id)
    form = consultation_forms.AnswerForm(request.POST, prefix=f"answer-{recipient.pk}")
    return _submit(
        request,
        consultation,
        recipient,
        form,
        lambda data: services.answer_register(recipient=recipient, user=user, **data),
        done=_("Remissvaret från %(recipient)s är registrerat.") % {"recipient": recipient.code},
    )


@login_required
@require_POST
def statement_view(request: HttpRequest, pk: int, recipient_id: int) -> HttpResponse:
    user = _staff(request)
    consultation = _visible(user, pk)
    recipient = _recipient(consultation, recipient_id)
    answer = getattr(recipient, "answer", None)
    if answer is None:
        raise Http404
    form = consultation_forms.StatementForm(request.POST, prefix=f"statement-{recipient.pk}")
    return _submit(
        request,
        consultation,
        recipient,
        form,
        lambda data: services.statement_add(answer=answer, user=user, **data),
        done=_("Reservationen eller yttrandet i %(recipient)s är registrerat.") % {"recipient": recipient.code},
    )


@login_required
@require_POST
def statement_remove_view(request: HttpRequest, pk: int, recipient_id: int, statement_id: int) -> HttpResponse:
    user = _staff(request)
    consultation = _visible(user, pk)
    recipient = _recipient(consultation, recipient_id)
    statement = get_object_or_404(Statement, pk=statement_id, answer__recipient=recipient)
    form = consultation_forms.StatementRemoveForm(request.POST, prefix=f"remove-{statement.pk}")
    return _submit(
        request,
        consultation,
        recipient,
        form,
        lambda data: services.statement_remove(statement=statement, user=user, reason=data["reason"]),
        done=_("Reservationen eller yttrandet i %(recipient)s är borttaget.") % {"recipient": recipient.code},
    )


@login_required
@require_POST
def remind_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff(request)
    consultation = _visible(user, pk)
    try:
        result = services.reminders_send(consultation=consultation, user=user)
    except PermissionRefusal:
        return render(request, "cases/forbidden.html", status=403)
    except Refusal as error:
        messages.error(request, error.message)
        return redirect("consultations:detail", pk=consultation.pk)
    count = len(result.sent)
    text = ngettext(
        # Translators: the Swedish text uses the same form for one and many; give English its singular.
        "Påminnelse skickad till %(count)s remissinstanser.",
        "Påminnelse skickad till %(count)s remissinstanser.",
        count,
    ) % {"count": count}
    if result.without_address:
        codes = ", ".join(r.code for r in result.without_address)
        text += " " + _("Saknar e-postadress: %(recipients)s.") % {"recipients": codes}
    messages.success(request, text)
    return redirect("consultations:detail", pk=consultation.pk)


@login_required
@require_GET
def compilation_download_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The compilation as of the date asked for (?datum=, today when none): the answers in by then.

    A date that cannot be used sends the reader back with the reason in the reader's language; the
    document itself is written in the filing language (see `in_filing_language`)."""
    consultation = _visible(_staff(request), pk)
    on = _compilation_date(request.GET.get("datum", "").strip())
    if on is None:
        text = request.GET.get("datum", "").strip()
        messages.error(
            request,
            _(
                "Sammanställningens datum ”%(value)s” går inte att använda: "
                "skriv ett datum som ÅÅÅÅ-MM-DD, i dag eller tidigare."
            )
            % {"value": text},
        )
        return redirect("consultations:detail", pk=consultation.pk)
    with record_language():  # the document is filed: Swedish
        compilation = compilation_for(consultation, received_by=on)
        document = compilation_document(consultation, compilation, on=on)
        filename = f"remissammanstallning-{consultation.pk}-{on.isoformat()}"
        return document_response(document, fmt, filename=filename)


def _compilation_date(text: str) -> dt.date | None:
    """The date asked for, today when none; None for one that is no date or is in the future."""
    try:
        on = dt.date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        return None
    return on if on <= timezone.localdate() else None
