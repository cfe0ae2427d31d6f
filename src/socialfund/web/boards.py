"""The fund's administrator names the boards (issue 29): a small page, each change audited."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from socialfund.accounts.models import User
from socialfund.cases.forms import SwedishForm
from socialfund.funds.boards import NAME_LENGTH, board_names_set, boards_of, may_name_boards
from socialfund.kit.refusals import Refusal
from socialfund.organisation.models import Board


class BoardNamesForm(SwedishForm):
    def __init__(self, *args: object, boards: list[Board], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for board in boards:
            note = (
                format_html("{} {}", _("Demonstrationens antagande, inte uppgift ur underlaget:"), board.demo_note)
                if board.demo_note
                else ""
            )
            self.fields[f"board_{board.pk}"] = forms.CharField(
                label=format_html("{} {}", _("Fullständigt namn för"), board.label_html),
                initial=board.name,
                max_length=NAME_LENGTH,
                required=False,
                help_text=note,
            )


@login_required
@require_http_methods(["GET", "POST"])
def board_names_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    organisation = user.organisation
    if organisation is None or not may_name_boards(user, organisation):
        raise Http404
    boards = boards_of(organisation)
    form = BoardNamesForm(request.POST or None, boards=boards)
    if request.method == "POST" and form.is_valid():
        names = {board.pk: form.cleaned_data[f"board_{board.pk}"] for board in boards}
        try:
            changed = board_names_set(organisation=organisation, user=user, names=names)
        except Refusal as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Nämndernas namn är sparade (%(n)s ändrade).") % {"n": len(changed)})
            return redirect("board-names")
    context = {"organisation": organisation, "form": form}
    return render(request, "web/board_names.html", context, status=400 if form.errors else 200)
