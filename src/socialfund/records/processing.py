"""The record of processing activities (GDPR art. 30) for a fund, generated from what socialfund stores.

`PERSONAL_DATA` names every stored field that holds personal data, with the purpose, the category of
data and of people. The record lists the entries of which the fund's database actually holds values
(counted), the retention the fund's rules give them, and the recipients the installation has. A test
fails when a model gains a field that looks personal and is not named here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialfund.funds.models import Fund
from socialfund.records.codes import RecordType
from socialfund.records.models import RetentionRule

CASEWORK = _("Handläggning av idéer, ansökningar och beslut om medel ur den sociala investeringsfonden")
FOLLOWUP = _("Uppföljning av beviljade projekt")
CONSULTING = _("Remisshantering")
ACCESS = _("Inloggning, behörighet och spårbarhet")
NOTIFYING = _("Utskick av meddelanden om ärenden")

STAFF = _("Anställda och förtroendevalda i kommunen")
CONTACTS = _("Kontaktpersoner hos externa aktörer (föreningar, företag, andra myndigheter)")
SOLE_TRADERS = _("Enskilda näringsidkare som initiativtagare")
RECIPIENTS = _("Mottagare av e-post")


@dataclass(frozen=True)
class PersonalField:
    model: str  # app_label.model
    fields: tuple[str, ...]
    purpose: Any
    data: Any
    people: Any
    fund_path: str  # lookup from the model to its fund, "" for the whole installation
    record_type: str = ""  # the retention rule that governs it, if any
    only: Q | None = None


PERSONAL_DATA: tuple[PersonalField, ...] = (
    PersonalField(
        "cases.initiative",
        ("contact_name", "contact_email"),
        CASEWORK,
        _("Namn och e-postadress"),
        CONTACTS,
        "fund",
        RecordType.CONTACT_DETAILS,
    ),
    PersonalField(
        "cases.initiative",
        ("initiator_name",),
        CASEWORK,
        _("Namn på initiativtagare som är enskild firma"),
        SOLE_TRADERS,
        "fund",
        RecordType.IDEA,
        only=Q(initiator_type="sole_trader"),
    ),
    PersonalField(
        "accounts.user",
        ("username", "first_name", "last_name", "email"),
        ACCESS,
        _("Namn, användarnamn och e-postadress"),
        STAFF,
        "",
    ),
    PersonalField(
        "audit.auditevent",
        ("actor",),
        ACCESS,
        _("Vem som gjorde vad och när (händelselogg)"),
        STAFF,
        "initiative__fund",
    ),
    PersonalField(
        "consultations.consultation",
        ("handler_name", "handler_phone", "handler_email"),
        CONSULTING,
        _("Handläggarens namn, telefon och e-post"),
        STAFF,
        "fund",
        RecordType.CONSULTATION,
    ),
    PersonalField(
        "consultations.recipient",
        ("name", "email"),
        CONSULTING,
        _("Remissinstansens namn och e-post"),
        CONTACTS,
        "consultation__fund",
    ),
    PersonalField(
        "consultations.statement",
        ("signatories",),
        CONSULTING,
        _("Namn och parti på ledamöter som reserverat sig"),
        STAFF,
        "answer__recipient__consultation__fund",
        RecordType.CONSULTATION_ANSWER,
    ),
    PersonalField(
        "consultations.reminder",
        ("addresses",),
        CONSULTING,
        _("E-postadresser för påminnelser"),
        RECIPIENTS,
        "recipient__consultation__fund",
    ),
    PersonalField(
        "outbox.outboxmail",
        ("recipients", "body"),
        NOTIFYING,
        _("E-postadress och meddelandets text"),
        RECIPIENTS,
        "",
        only=Q(letter={}),
    ),
    PersonalField(
        "outbox.outboxmail",
        ("recipients", "body"),
        CASEWORK,
        _("E-postadress och brevets text (brev till sökande, diarieförda)"),
        RECIPIENTS,
        "",
        RecordType.LETTER,
        only=~Q(letter={}),
    ),
    PersonalField(
        "actors.coapplicant",
        ("invite_email", "signer_name"),
        CASEWORK,
        _("E-postadress för inbjudan och namn på den som skrev under för en medsökande"),
        CONTACTS,
        "initiative__fund",
    ),
    PersonalField(
        "records.handling", ("counterpart",), CASEWORK, _("Avsändare och mottagare i diariet"), CONTACTS, "fund"
    ),
)


@dataclass(frozen=True)
class ProcessingLine:
    purpose: str
    data: str
    people: str
    rows: int
    retention: str


@dataclass(frozen=True)
class ProcessingRecord:
    controller: str
    fund: str
    drawn_up: str
    lines: list[ProcessingLine]
    recipients: list[str]
    transfers: str
    security: list[str]


def _holding(entry: PersonalField, fund: Fund) -> int:
    model = apps.get_model(entry.model)
    queryset = model.objects.all()
    if entry.fund_path:
        queryset = queryset.filter(**{entry.fund_path: fund})
    if entry.only is not None:
        queryset = queryset.filter(entry.only)
    filled = Q()
    for name in entry.fields:
        field = model._meta.get_field(name)
        if field.get_internal_type() == "JSONField":
            filled |= ~Q(**{name: []}) & Q(**{f"{name}__isnull": False})
        elif field.is_relation:
            filled |= Q(**{f"{name}__isnull": False})
        else:
            filled |= ~Q(**{name: ""})
    return int(queryset.filter(filled).count())


def _retention(entry: PersonalField, rules: dict[str, RetentionRule]) -> str:
    rule = rules.get(entry.record_type)
    if rule is not None:
        return rule.description
    return str(_("så länge uppgiften behövs för ändamålet; ingen gallringsregel i fonden"))


def processing_record(fund: Fund) -> ProcessingRecord:
    rules = {r.record_type: r for r in RetentionRule.objects.filter(fund=fund)}
    lines = []
    for entry in PERSONAL_DATA:
        rows = _holding(entry, fund)
        if rows:
            lines.append(
                ProcessingLine(str(entry.purpose), str(entry.data), str(entry.people), rows, _retention(entry, rules))
            )
    recipients = [str(_("Kommunens e-arkiv (leveranser av avslutade ärenden)"))]
    diarium = (getattr(settings, "RECORDS_DIARIUM", None) or {}).get("adapter", "own")
    if diarium == "platina":
        recipients.append(str(_("Kommunens diarium (Platina) – registrerade handlingar")))
    if getattr(getattr(fund, "public_page", None), "enabled", False):
        recipients.append(str(_("Allmänheten: fondens offentliga sida och diarium (utan sekretessbelagda uppgifter)")))
    recipients.append(str(_("Den som begär ut allmänna handlingar (offentlighetsprincipen), efter sekretessprövning")))
    return ProcessingRecord(
        controller=fund.organisation.name,
        fund=fund.name,
        drawn_up=timezone.localdate().isoformat(),
        lines=lines,
        recipients=recipients,
        transfers=str(_("Inga överföringar till tredje land.")),
        security=[
            str(_("Inloggning med tvåstegsverifiering eller kommunens inloggning (OIDC); behörighet per roll")),
            str(_("Händelselogg som inte kan ändras eller raderas")),
            str(_("Gallring enligt fondens gallringsregler, med gallringslogg")),
        ],
    )
