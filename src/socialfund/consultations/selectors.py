"""Reads of consultations: the list, one consultation with its answers, and its compilation."""

from __future__ import annotations

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


def recipient_data(recipient: Recipient) -> RecipientData:
    answer = getattr(recipient, "answer", None)
    if answer is None:
        return RecipientData(code=recipient.code, name=recipient.display_name, position=None)
    return RecipientData(
        code=recipient.code,
        name=recipient.display_name,
        position=answer.position,
        additions=answer.additions,
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


def compilation_for(consultation: Consultation) -> Compilation:
    """The remissammanställning of a consultation loaded with `consultation_detail`."""
    return compile_answers([recipient_data(r) for r in consultation.recipients.all()], row_labels(consultation))
