"""Reads of consultations: the list, one consultation with its answers, and its compilation."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet

from socialfund.accounts.models import User
from socialfund.consultations.codes import STATEMENTS_ROW, AnswerPosition
from socialfund.consultations.compilation import Compilation, RecipientData, Signatory, StatementData, compile_answers
from socialfund.consultations.models import Consultation, Recipient, Statement
from socialfund.consultations.permissions import visible_consultations


def consultation_list(*, user: User) -> QuerySet[Consultation]:
    return (
        visible_consultations(user)
        .select_related("sent_by", "fund")
        .annotate(
            recipient_count=Count("recipients", distinct=True),
            answer_count=Count("recipients", filter=Q(recipients__answer__isnull=False), distinct=True),
        )
        .order_by("-decided_on", "-pk")
    )


def consultation_detail(*, user: User, pk: int) -> Consultation:
    """The consultation with its recipients, answers, statements and reminders (raises DoesNotExist)."""
    recipients = Recipient.objects.select_related("board", "answer").prefetch_related(
        Prefetch("answer__statements", queryset=Statement.objects.order_by("order", "pk")), "reminders"
    )
    return (
        visible_consultations(user)
        .select_related("sent_by", "fund", "organisation")
        .prefetch_related(Prefetch("recipients", queryset=recipients.order_by("order", "code")))
        .get(pk=pk)
    )


def recipient_data(recipient: Recipient, *, received_by: dt.date | None = None) -> RecipientData:
    """A recipient's answer for the compilation; one that came in after `received_by` counts as none yet."""
    answer = getattr(recipient, "answer", None)
    if answer is None or (received_by is not None and answer.received_on > received_by):
        return RecipientData(
            code=recipient.code, name=recipient.display_name, position=None, answer_unknown=recipient.answer_unknown
        )
    return RecipientData(
        code=recipient.code,
        name=recipient.display_name,
        position=answer.position,
        additions=answer.additions,
        received_on=answer.received_on,
        administration_answer=answer.administration_answer,
        statements=tuple(
            StatementData(
                kind=statement.kind,
                signatories=tuple(Signatory(p.get("name", ""), p.get("party", "")) for p in statement.signatories),
                wording=statement.wording,
                summary=statement.summary,
            )
            for statement in answer.statements.all()
        ),
    )


def row_labels(consultation: Consultation) -> dict[str, str]:
    labels = {position: consultation.row_label(position) for position in AnswerPosition.values}
    labels["statements"] = STATEMENTS_ROW
    return labels


def compilation_for(consultation: Consultation, *, received_by: dt.date | None = None) -> Compilation:
    """The remissammanställning of a consultation loaded with `consultation_detail`, with the answers
    that had come in by `received_by` (all of them when it is None)."""
    recipients = [recipient_data(r, received_by=received_by) for r in consultation.recipients.all()]
    return compile_answers(recipients, row_labels(consultation), deadline=consultation.deadline)
