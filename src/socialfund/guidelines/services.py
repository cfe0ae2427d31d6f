"""Every change of a guideline version: draft, edit, propose, adopt, import, and a new fund from a template.

Each service checks who may do it, validates with the shipped files' schema and consistency checks, and
records an audit event in the same transaction. Nothing else writes a `GuidelineVersion`.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.changes import field_changes
from socialfund.audit.services import audit_record
from socialfund.cases.errors import CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.core.policy import Policy, load_policy
from socialfund.funds.models import Fund, PolicyVersion
from socialfund.funds.services import fund_settings_record, fund_snapshot
from socialfund.guidelines.document import Document, Path, document_of, get_at, prune, set_at, validate_document
from socialfund.guidelines.models import GuidelineVersion, VersionStatus
from socialfund.guidelines.outline import code_from
from socialfund.organisation.models import DecisionBody, Organisation

NOT_ADOPTED = "Förslaget är inte antaget."


class GuidelineError(CaseValidationError):
    """Input the service refuses; `problems` are (path, Swedish message) from the schema, when it was them."""

    def __init__(self, message: str, *, field: str | None = None, problems: list[tuple[str, str]] | None = None):
        super().__init__(message, field=field)
        self.problems = problems or []


def _require_administrator(user: User, organisation_id: int | None) -> None:
    if not user.is_superuser and not (user.has_role(Role.ADMINISTRATOR) and user.organisation_id == organisation_id):
        raise CasePermissionDenied(_("Bara fondens administratör kan ändra riktlinjerna."))


def _new_policy_id(fund_key: str, on: dt.date) -> str:
    # A fresh id per version: a frozen version's id never names other content (loaded policies are cached by id).
    return f"{fund_key}-{on:%Y%m%d}-{secrets.token_hex(3)}"


def _as_draft(document: Document, *, policy_id: str, supersedes: str | None) -> Document:
    """The document as an unadopted proposal: its adoption is what the decision will give it."""
    draft = copy.deepcopy(document)
    draft["id"] = policy_id
    if supersedes and supersedes != policy_id:
        draft["supersedes"] = supersedes
    else:
        draft.pop("supersedes", None)
    adopted = {key: value for key, value in (draft.get("adopted") or {}).items() if key in ("body", "registry_number")}
    draft["adopted"] = {"status": "proposed", **adopted}
    unset = [note for note in draft.get("unset") or [] if note.get("path") != "adopted.date"]
    draft["unset"] = [*unset, {"path": "adopted.date", "reason": NOT_ADOPTED}]
    return draft


_HAS_VALUE = re.compile(r"^unset\[(\d+)\]\.path$")
_NO_VALUE = re.compile(r"^'([a-z_.]+)' saknar värde")


def _settle_unset(document: Document) -> tuple[Policy | None, list[tuple[str, str]]]:
    """Validate; a dimension the editor has now given a value leaves the list of what the sources leave open
    by itself, and its parts still empty stay on it with the same reason (set `limits.max_per_project`, and
    `limits.duration_months` is still open)."""
    policy, problems = validate_document(document)
    notes = list(document.get("unset") or [])
    stale = {int(m.group(1)) for path, msg in problems if (m := _HAS_VALUE.match(path)) and "har ett värde" in msg}
    if not stale:
        return policy, problems
    removed = [notes[index] for index in sorted(stale)]
    document["unset"] = [note for index, note in enumerate(notes) if index not in stale]
    policy, problems = validate_document(document)
    for path, msg in problems:
        match = _NO_VALUE.match(msg)
        if path != "unset" or match is None:
            continue
        parent = next((n for n in removed if match.group(1).startswith(str(n.get("path")) + ".")), None)
        if parent is not None:
            document["unset"].append({"path": match.group(1), "reason": parent.get("reason")})
    if not document["unset"]:
        document.pop("unset")
    return validate_document(document)


def _check(document: Document) -> Policy:
    policy, problems = _settle_unset(document)
    if policy is None:
        raise GuidelineError(_("Riktlinjerna har fel som måste rättas."), problems=problems)
    return policy


@transaction.atomic
def draft_start(*, user: User, fund: Fund, based_on: str, title: str = "") -> GuidelineVersion:
    """A new draft from a version the system has (the fund's own, or any shipped policy as a template)."""
    _require_administrator(user, fund.organisation_id)
    source = load_policy(based_on)
    today = timezone.localdate()
    policy_id = _new_policy_id(_fund_key(fund), today)
    document = _as_draft(document_of(source), policy_id=policy_id, supersedes=based_on)
    return _new_draft(
        user=user,
        fund=fund,
        document=document,
        based_on=based_on,
        title=title.strip() or "Förslag till ändrade riktlinjer",
        message=f"Utkast till riktlinjer för {fund.name}.",
    )


def _new_draft(
    *, user: User, fund: Fund, document: Document, based_on: str, title: str, message: str
) -> GuidelineVersion:
    """Store a checked document as a new draft of the fund, with its audit event."""
    _check(document)
    version = GuidelineVersion.objects.create(
        fund=fund, policy_id=document["id"], based_on=based_on, title=title, document=document, created_by=user
    )
    audit_record(
        actor=user,
        action="guideline_draft_start",
        target=version,
        to_state=VersionStatus.DRAFT,
        message=message,
        data={"based_on": based_on},
    )
    return version


def _fund_key(fund: Fund) -> str:
    return fund.slug.replace("_", "-").lower()


@dataclass
class EditResult:
    saved: bool
    problems: list[tuple[str, str]] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def _locked(version: GuidelineVersion) -> GuidelineVersion:
    return GuidelineVersion.objects.select_for_update().get(pk=version.pk)


def _name_new_tracks(document: Document) -> None:
    """A track added in the editor gets its code from its name (the editor shows no codes)."""
    tracks = document.get("tracks") or []
    taken = {str(track.get("code")) for track in tracks if track.get("code")}
    for track in tracks:
        if not track.get("code") and track.get("name_sv"):
            track["code"] = code_from(str(track["name_sv"]), taken, "spar")
            taken.add(track["code"])


@transaction.atomic
def draft_edit(*, user: User, version: GuidelineVersion, values: dict[Path, Any]) -> EditResult:
    """Save edited fields of a draft if the whole version still holds; otherwise nothing is stored."""
    _require_administrator(user, version.fund.organisation_id)
    version = _locked(version)
    if not version.is_editable:
        raise CaseStateError(_("Versionen är inte ett utkast längre och kan inte ändras."))
    document = copy.deepcopy(version.document)
    before = {path: get_at(document, path) for path in values}
    for path, value in values.items():
        set_at(document, path, value)
    prune(document)
    _name_new_tracks(document)
    policy, problems = _settle_unset(document)
    if policy is None:
        return EditResult(saved=False, problems=problems)
    changes = field_changes(
        {".".join(map(str, p)): before[p] for p in values}, {".".join(map(str, p)): get_at(document, p) for p in values}
    )
    if changes or document != version.document:
        version.document = document
        version.updated_at = timezone.now()
        version.save(update_fields=["document", "updated_at"])
        audit_record(
            actor=user,
            action="guideline_draft_edit",
            target=version,
            message="Utkastet till riktlinjer ändrat: " + ", ".join(sorted(changes)),
            data={"changes": changes},
        )
    return EditResult(saved=True, changed=sorted(changes))


@transaction.atomic
def draft_replace(*, user: User, version: GuidelineVersion, document: Document) -> GuidelineVersion:
    """Replace a draft's content with an imported policy file (its id and adoption stay the draft's)."""
    _require_administrator(user, version.fund.organisation_id)
    version = _locked(version)
    if not version.is_editable:
        raise CaseStateError(_("Versionen är inte ett utkast längre och kan inte ändras."))
    supersedes = version.document.get("supersedes")
    imported = _as_draft(document, policy_id=version.policy_id, supersedes=supersedes)
    _check(imported)
    version.document = imported
    version.updated_at = timezone.now()
    version.save(update_fields=["document", "updated_at"])
    audit_record(
        actor=user,
        action="guideline_draft_import",
        target=version,
        message="Utkastet ersatt med en importerad riktlinjefil.",
        data={"imported_id": document.get("id")},
    )
    return version


@transaction.atomic
def version_propose(*, user: User, version: GuidelineVersion, on: dt.date | None = None) -> GuidelineVersion:
    """The draft becomes a proposal: frozen, dated, ready for the PM, the consultation and the decision."""
    _require_administrator(user, version.fund.organisation_id)
    version = _locked(version)
    if version.status != VersionStatus.DRAFT:
        raise CaseStateError(_("Bara ett utkast kan läggas fram som förslag."))
    on = on or timezone.localdate()
    document = copy.deepcopy(version.document)
    document["adopted"] = {**document.get("adopted", {}), "status": "proposed", "proposal_date": on.isoformat()}
    _check(document)
    version.document = document
    version.status = VersionStatus.PROPOSED
    version.proposed_on = on
    version.save(update_fields=["document", "status", "proposed_on"])
    audit_record(
        actor=user,
        action="guideline_propose",
        target=version,
        from_state=VersionStatus.DRAFT,
        to_state=VersionStatus.PROPOSED,
        message=f"Förslag till riktlinjer daterat {on.isoformat()}.",
    )
    return version


@transaction.atomic
def version_adopt(
    *,
    user: User,
    version: GuidelineVersion,
    body: DecisionBody,
    decided_on: dt.date,
    paragraph: str,
    in_force_from: dt.date | None = None,
) -> GuidelineVersion:
    """Register the adopting body's decision: the version is in force from the date the decision gives.

    Cases already filed keep the version they were filed under (`Initiative.policy_id`); the fund's
    `PolicyVersion` row is what makes the version the one in force from its date."""
    fund = version.fund
    _require_administrator(user, fund.organisation_id)
    version = _locked(version)
    if version.status not in (VersionStatus.DRAFT, VersionStatus.PROPOSED):
        raise CaseStateError(_("Versionen är redan antagen."))
    if body.organisation_id != fund.organisation_id:
        raise CaseValidationError(_("Organet hör inte till fondens organisation."), field="body")
    if not paragraph.strip():
        raise CaseValidationError(_("Ange beslutets paragraf, t.ex. § 112."), field="paragraph")
    start = in_force_from or decided_on
    if start < decided_on:
        raise CaseValidationError(_("Riktlinjerna kan inte gälla före beslutet."), field="in_force_from")
    if fund.policy_versions.filter(adopted_on=start).exists():
        raise CaseValidationError(
            _("Fonden har redan riktlinjer som gäller från %(date)s. Välj ett annat datum.")
            % {"date": start.isoformat()},
            field="in_force_from",
        )
    later = fund.policy_versions.filter(adopted_on__gt=start).order_by("adopted_on").first()
    if later is not None and later.adopted_on is not None:
        raise CaseValidationError(
            _("Fonden har riktlinjer som gäller från %(date)s, efter det här datumet.")
            % {"date": later.adopted_on.isoformat()},
            field="in_force_from",
        )
    document = copy.deepcopy(version.document)
    document["adopted"] = {
        **document.get("adopted", {}),
        "status": "adopted",
        "date": start.isoformat(),
        "body": body.name,
        "paragraph": paragraph.strip(),
    }
    document["unset"] = [note for note in document.get("unset") or [] if note.get("path") != "adopted.date"]
    if not document["unset"]:
        document.pop("unset")
    _check(document)
    before = fund_snapshot(fund)
    policy_version = PolicyVersion(
        fund=fund,
        policy_id=version.policy_id,
        adopted_on=start,
        decided_by=body,
        decision_paragraph=paragraph.strip(),
        note=f"Antagen {decided_on.isoformat()}; gäller från {start.isoformat()}.",
    )
    from_state = version.status
    version.document = document
    version.status = VersionStatus.ADOPTED
    version.adopted_on = start
    version.decision_date = decided_on
    version.decided_by = body
    version.decision_paragraph = paragraph.strip()
    version.save()
    # The PolicyVersion's check finds the id among the stored versions: save the version first.
    policy_version.full_clean(exclude=["fund", "decided_by"])
    policy_version.save()
    version.policy_version = policy_version
    version.save(update_fields=["policy_version"])
    fund_settings_record(actor=user, fund=fund, before=before)
    audit_record(
        actor=user,
        action="guideline_adopt",
        target=version,
        from_state=from_state,
        to_state=VersionStatus.ADOPTED,
        message=f"Riktlinjerna antagna av {body.name} {decided_on.isoformat()} {paragraph.strip()}; gäller från {start.isoformat()}.",
        data={
            "body": body.code,
            "decided_on": decided_on.isoformat(),
            "paragraph": paragraph.strip(),
            "in_force_from": start.isoformat(),
        },
    )
    return version


@transaction.atomic
def fund_from_template(
    *,
    user: User,
    organisation: Organisation,
    template: str,
    name: str,
    slug: str,
    capital: Any,
    decided_by: DecisionBody,
    decided_on: dt.date,
) -> GuidelineVersion:
    """A municipality that has just decided to start a fund: the fund, and a draft of its guidelines from
    any shipped policy, renamed to the new fund (the template's rules, limits and stages kept to edit)."""
    _require_administrator(user, organisation.pk)
    if not name.strip():
        raise CaseValidationError(_("Ange fondens namn."), field="name")
    if Fund.objects.filter(slug=slug).exists():
        raise CaseValidationError(_("Kortnamnet används redan av en annan fond."), field="slug")
    if decided_by.organisation_id != organisation.pk:
        raise CaseValidationError(_("Organet hör inte till organisationen."), field="decided_by")
    source = load_policy(template)
    fund = Fund.objects.create(
        organisation=organisation,
        name=name.strip(),
        slug=slug,
        capital=capital,
        decided_by=decided_by,
        decided_on=decided_on,
    )
    fund_settings_record(actor=user, fund=fund, before=None)
    policy_id = _new_policy_id(_fund_key(fund), timezone.localdate())
    document = _as_draft(document_of(source), policy_id=policy_id, supersedes=None)
    document["fund"] = {
        **{k: val for k, val in document["fund"].items() if k in ("organisation_type",)},
        "key": _fund_key(fund),
        "name": fund.name,
        "organisation": organisation.name,
        "started": decided_on.strftime("%Y-%m"),
    }
    if organisation.code.isdigit():
        # The organisation's code is the municipality's (kommunkod), which is also Kolada's id for it.
        document["fund"].update({"kolada_id": organisation.code, "scb_code": organisation.code})
    else:
        reason = "Ny fond: organisationens kod i Kolada är inte angiven."
        document.setdefault("unset", []).append({"path": "fund.kolada_id", "reason": reason})
    set_at(document, ("funding", "capital"), int(capital))
    return _new_draft(
        user=user,
        fund=fund,
        document=document,
        based_on=template,
        title=f"Riktlinjer för {fund.name} (utkast efter mall)",
        message=f"Ny fond {fund.name}: utkast till riktlinjer efter mall.",
    )


@transaction.atomic
def version_consult(
    *,
    user: User,
    version: GuidelineVersion,
    sent_by: DecisionBody,
    decided_on: dt.date,
    deadline: dt.date,
    questions: list[str],
) -> GuidelineVersion:
    """Send the proposal on consultation to the organisation's boards with the existing consultation
    feature; the consultation names the PM, so its compilation says what was consulted on."""
    from socialfund.consultations.services import RecipientSpec, consultation_create

    version = _locked(version)
    if version.status != VersionStatus.PROPOSED:
        raise CaseStateError(_("Lägg fram utkastet som förslag innan det skickas på remiss."))
    fund = version.fund
    boards = fund.organisation.boards.order_by("code")
    consultation = consultation_create(
        organisation=fund.organisation,
        user=user,
        title=fund.name,
        document_title=f"PM – {version.title}",
        document_date=version.proposed_on,
        registry_number=str((version.document.get("adopted") or {}).get("registry_number") or ""),
        sent_by=sent_by,
        decided_on=decided_on,
        deadline=deadline,
        questions=questions,
        recipients=[RecipientSpec(code=b.code, name=b.name, board=b) for b in boards],
        fund=fund,
    )
    version.consultation = consultation
    version.save(update_fields=["consultation"])
    audit_record(
        actor=user,
        action="guideline_consult",
        target=version,
        message=f"Förslaget till riktlinjer skickat på remiss, svar senast {deadline.isoformat()}.",
        data={"consultation": consultation.pk},
    )
    return version


@transaction.atomic
def proposal_register(
    *,
    user: User,
    fund: Fund,
    policy_id: str,
    title: str,
    based_on: str,
    consultation: Any = None,
) -> GuidelineVersion:
    """Register a proposal the system already has as a file (Södertälje's 2015 changes) as a version of the
    fund in the editor: frozen, dated by its proposal, with the consultation whose answers it builds on.
    Registering it again changes nothing (the demo loads twice)."""
    _require_administrator(user, fund.organisation_id)
    policy = load_policy(policy_id)
    if policy.adopted.status != "proposed":
        raise CaseValidationError(_("Bara ett förslag kan registreras som förslag."), field="policy_id")
    existing = GuidelineVersion.objects.filter(policy_id=policy_id).first()
    if existing is not None:
        return existing
    version = GuidelineVersion.objects.create(
        fund=fund,
        policy_id=policy_id,
        based_on=based_on,
        title=title,
        status=VersionStatus.PROPOSED,
        document=document_of(policy),
        proposed_on=policy.adopted.proposal_date,
        consultation=consultation,
        created_by=user,
    )
    audit_record(
        actor=user,
        action="guideline_proposal_register",
        target=version,
        to_state=VersionStatus.PROPOSED,
        message=f"Förslag till riktlinjer registrerat: {title}.",
        data={"policy_id": policy_id, "based_on": based_on},
    )
    return version
