"""One service per state change of a case.

Each service checks the user's role and the case's state, runs in a transaction,
writes an audit event (who, when, what, from → to) and mails the next actor after
commit. A refused step raises a CaseError with a message in the user's language and
changes nothing; the audit texts and the e-mails stay Swedish.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialfund.accounts.models import User
from socialfund.accounts.roles import Role
from socialfund.audit.services import audit_record
from socialfund.cases import machine, registry
from socialfund.cases import permissions as perm
from socialfund.cases.changes import change_record
from socialfund.cases.codes import (
    ApplicantType,
    CommentVisibility,
    DecisionOutcome,
    OpinionPosition,
    SignoffKind,
    Status,
    Verdict,
    WithdrawalReason,
)
from socialfund.cases.errors import CaseConflictError, CasePermissionDenied, CaseStateError, CaseValidationError
from socialfund.cases.events import decision_granted, submission_waits_for
from socialfund.cases.models import Assessment, Comment, Decision, DecisionAmount, Initiative, Opinion, Signoff
from socialfund.cases.notifications import notify_after_commit
from socialfund.cases.workflow import (
    current_stage,
    entry_stages,
    policy_for,
    policy_for_fund,
    policy_id_in_force,
    stage_name,
)
from socialfund.core.application import ApplicationInputError, parse_application
from socialfund.core.casemachine import names_sv
from socialfund.core.money import MoneyError, sek
from socialfund.funds.dates import outside_fund_life
from socialfund.funds.models import Fund
from socialfund.organisation.models import Board, DecisionBody
from socialfund.record_language import in_record_language, record_language


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise CasePermissionDenied(message)


def _check_title_length(title: str) -> None:
    limit = Initiative._meta.get_field("title").max_length or 200
    if len(title.strip()) > limit:
        # Translators: %(limit)s is a number of characters.
        raise CaseValidationError(_("Titeln får vara högst %(limit)s tecken.") % {"limit": limit}, field="title")


def _require_state(condition: bool, message: str) -> None:
    if not condition:
        raise CaseStateError(message)


def _locked(initiative: Initiative) -> Initiative:
    """Re-read the case under a row lock, so that two steps on it cannot interleave."""
    return Initiative.objects.select_for_update(of=("self",)).select_related("fund", "lead_board").get(pk=initiative.pk)


def _valid_content(content: dict[str, Any] | None, stored: dict[str, Any] | None = None) -> dict[str, Any]:
    """The content, validated as an application: every answer given or changed must be valid.

    An answer stored before validation existed and sent back unchanged is kept as it is (it is
    listed on the draft for correction), so an old draft can still be saved and loses nothing."""
    content = dict(content or {})
    changed = {key: value for key, value in content.items() if (stored or {}).get(key, _ABSENT) != value}
    try:
        parse_application(changed)
    except ApplicationInputError as exc:
        problems = "; ".join(f"{label}: {message}" for label, message in exc.errors)
        # Translators: %(problems)s lists each wrong field by its Swedish label and what is wrong with it.
        raise CaseValidationError(
            _("Ansökan sparades inte: %(problems)s") % {"problems": problems}, field="content"
        ) from exc
    return content


_ABSENT = object()


def _move(initiative: Initiative, *, user: User | None, action: str, message: str, **changes: Any) -> Initiative:
    """Apply field changes and record the transition from the old state to the new."""
    before = f"{initiative.status}:{initiative.stage}"
    for name, value in changes.items():
        setattr(initiative, name, value)
    initiative.version += 1
    initiative.updated_by = user
    initiative.save()
    audit_record(
        actor=user,
        action=action,
        target=initiative,
        initiative=initiative,
        from_state=before,
        to_state=f"{initiative.status}:{initiative.stage}",
        message=message,
    )
    return initiative


# -- creating and submitting ------------------------------------------------------------------------


def initiative_create(
    *,
    fund: Fund,
    user: User,
    title: str,
    summary: str = "",
    initiator_name: str = "",
    initiator_type: str = ApplicantType.BOARD,
    stage: str | None = None,
    partner_boards: list[Board] | None = None,
    content: dict[str, Any] | None = None,
) -> Initiative:
    """A board's official starts a draft for their own board."""
    _require(user.has_role(Role.APPLICANT), _("Bara en sökande handläggare kan skapa ett utkast."))
    _require(user.board_id is not None, _("Du är inte kopplad till någon nämnd; be administratören koppla dig."))
    _require(fund.organisation_id == user.organisation_id, _("Fonden hör till en annan organisation än din."))
    if not title.strip():
        raise CaseValidationError(_("Ange en titel."), field="title")
    _check_title_length(title)
    if initiator_type not in ApplicantType.internal():
        raise CaseValidationError(_("Ett utkast görs av en nämnd eller ett kontor."), field="initiator_type")
    policy = policy_for_fund(fund)
    stage = stage or entry_stages(policy)[0]
    if stage not in entry_stages(policy):
        raise CaseValidationError(
            # Translators: %(stages)s and %(stage)s are stage codes of the guidelines, e.g. "interest, application".
            _("Ett nytt initiativ kan börja som %(stages)s, inte %(stage)s.")
            % {"stages": ", ".join(entry_stages(policy)), "stage": stage},
            field="stage",
        )
    with transaction.atomic():
        initiative = Initiative.objects.create(
            fund=fund,
            title=title.strip(),
            summary=summary,
            initiator_name=initiator_name or (user.board.display_name if user.board else ""),
            initiator_type=initiator_type,
            lead_board_id=user.board_id,
            stage=stage,
            status=Status.DRAFT,
            content=_valid_content(content),
            created_by=user,
        )
        if partner_boards:
            initiative.partner_boards.set(partner_boards)
        audit_record(
            actor=user,
            action="initiative_create",
            target=initiative,
            initiative=initiative,
            to_state=f"{initiative.status}:{initiative.stage}",
            message=f"Utkast skapat: {initiative.title}",
        )
    return initiative


def idea_register_external(
    *,
    fund: Fund,
    title: str,
    summary: str,
    organisation_name: str,
    organisation_type: str,
    contact_name: str,
    contact_email: str,
    area_board: Board | None = None,
) -> Initiative:
    """An association, firm or other outside actor registers an idea (no login).

    It enters at the policy's first stage as an interest registration and goes first to the
    office and board of the area the actor picked (without one, the fund's coordinator assigns
    it): see cases.outside_ideas. It cannot apply: the area's board must sponsor it.
    """
    from socialfund.cases.outside_ideas import check_area

    if organisation_type in ApplicantType.internal():
        raise CaseValidationError(_("Nämnder och kontor lämnar idéer inloggade."), field="organisation_type")
    if organisation_type not in ApplicantType.values:
        raise CaseValidationError(_("Välj vilken sorts organisation ni är."), field="organisation_type")
    check_area(fund, area_board)
    _check_title_length(title)
    policy = policy_for_fund(fund)
    today = timezone.localdate()
    with transaction.atomic():
        initiative = Initiative.objects.create(
            fund=fund,
            area_board=area_board,
            title=title.strip(),
            summary=summary,
            initiator_name=organisation_name.strip(),
            initiator_type=organisation_type,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip(),
            stage=policy.stages[0].code,
            status=Status.ACTIVE,
            filed_on=today,
            policy_id=policy_id_in_force(fund, today),
        )
        audit_record(
            actor=None,
            action="idea_register_external",
            target=initiative,
            initiative=initiative,
            to_state=f"{initiative.status}:{initiative.stage}",
            message=f"Idé från extern aktör ({initiative.initiator_name}).",
        )
        notify_after_commit(initiative, what="En ny idé har kommit in från en extern aktör.")
    return initiative


def initiative_update_draft(
    *, initiative: Initiative, user: User, expected_version: int | None = None, **fields: Any
) -> Initiative:
    """Save the applicant's answers. With `expected_version`, refuse to overwrite someone else's newer save."""
    allowed = {"title", "summary", "content", "initiator_name", "partner_boards", "draft_inputs"}
    unknown = set(fields) - allowed
    if unknown:
        raise CaseValidationError(_("Fälten %(fields)s kan inte ändras här.") % {"fields": ", ".join(sorted(unknown))})
    if "title" in fields and not str(fields["title"]).strip():
        raise CaseValidationError(_("Ange en titel."), field="title")
    if "title" in fields:
        _check_title_length(str(fields["title"]))
    if "content" in fields:
        fields["content"] = _valid_content(fields["content"], initiative.content)
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(
            perm.acts_for_board(user, initiative), _("Bara den ansvariga nämndens handläggare kan ändra utkastet.")
        )
        _require_state(
            initiative.status == Status.DRAFT or _applicant_stage(initiative),
            _("Initiativet kan inte ändras i det här steget."),
        )
        if expected_version is not None and expected_version != initiative.version:
            who = initiative.updated_by.get_full_name() if initiative.updated_by else _("någon annan")
            when = timezone.localtime(initiative.updated_at).strftime("%Y-%m-%d %H:%M")
            raise CaseConflictError(
                _(
                    # Translators: %(who)s is a person's name (or "someone else"), %(when)s a date and time.
                    "%(who)s sparade utkastet %(when)s, efter att du öppnade det. Dina ändringar är inte sparade: "
                    "jämför med det som nu är sparat och spara igen om du vill skriva över."
                )
                % {"who": who, "when": when},
                current_version=initiative.version,
            )
        boards = fields.pop("partner_boards", None)
        before = {name: getattr(initiative, name) for name in fields}
        after = dict(fields)
        if boards is not None:
            before["partner_boards"] = sorted(initiative.partner_boards.values_list("code", flat=True))
            after["partner_boards"] = sorted(board.code for board in boards)
        for name, value in fields.items():
            setattr(initiative, name, value)
        initiative.version += 1
        initiative.updated_by = user
        initiative.save()
        if boards is not None:
            initiative.partner_boards.set(boards)
        message, changes = change_record(before, after)
        if message:  # a save that changed nothing is not an event in the case's history
            audit_record(
                actor=user,
                action="initiative_update",
                target=initiative,
                initiative=initiative,
                message=message,
                data={"fields": [c["field"] for c in changes], "changes": changes},
            )
    return initiative


def _applicant_stage(initiative: Initiative) -> bool:
    return initiative.status == Status.ACTIVE and machine.stage_offers(initiative, "submit")


# The audit texts stay Swedish; the refusals use the translated names.
SIGNOFF_NAMES = {SignoffKind.OFFICE_HEAD: "kontorschefens förankring", SignoffKind.BOARD: "nämndens förankring"}
SIGNOFF_REFUSAL_NAMES = {
    SignoffKind.OFFICE_HEAD: gettext_lazy("kontorschefens förankring"),
    SignoffKind.BOARD: gettext_lazy("nämndens förankring"),
    "all_parties": gettext_lazy("underskrift av behörig chef hos varje part"),
}


def initiative_submit(*, initiative: Initiative, user: User) -> Initiative:
    """The applicant files a draft, or hands in the next document (idéskiss → ansökan).

    Moving past a stage needs the sign-offs its gate asks for (the seed's lesson:
    anchor with the office head and the board early).
    """
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(perm.acts_for_board(user, initiative), _("Bara den ansvariga nämndens handläggare kan lämna in."))
        # Every invited co-applicant's head signs before the application goes in; the apps above that keep
        # co-applicants answer who still has to sign.
        answers: Any = submission_waits_for.send(sender=Initiative, initiative=initiative)
        waiting: list[str] = [name for _, names in answers for name in names or ()]
        _require_state(
            not waiting, _("Alla medsökande har inte skrivit under: %(parties)s.") % {"parties": ", ".join(waiting)}
        )
        if initiative.status == Status.DRAFT:
            today = timezone.localdate()
            with record_language():
                name = stage_name(initiative.stage, policy_for(initiative))
            initiative = _move(
                initiative,
                user=user,
                action="initiative_submit",
                message=f"Inlämnat som {name.lower()}.",
                status=Status.ACTIVE,
                filed_on=today,
                policy_id=policy_id_in_force(initiative.fund, today),
            )
        else:
            _require_state(_applicant_stage(initiative), _("Initiativet väntar inte på den sökande just nu."))
            initiative = _advance(initiative, user=user, action="initiative_submit")
        notify_after_commit(initiative, what=f"{initiative.title} har lämnats in.", actor=user)
    return initiative


def _advance(initiative: Initiative, *, user: User, action: str, message: str = "") -> Initiative:
    """Move an active case to the policy's next stage, after its gate's sign-offs are in."""
    policy = policy_for(initiative)
    position = current_stage(initiative, policy)
    _require_state(position is not None, _("Ärendets steg finns inte i riktlinjerna."))
    assert position is not None
    _require_state(not position.is_last, _("Ärendet är i beslutssteget; registrera beslutet i stället."))
    check = machine.gate_for(initiative)
    if check.missing_signoffs:
        names = ", ".join(str(SIGNOFF_REFUSAL_NAMES.get(m, m)) for m in check.missing_signoffs)
        # Translators: %(names)s lists sign-offs, e.g. "the office head's sign-off, the board's sign-off".
        raise CaseStateError(_("Förankring saknas innan ärendet kan gå vidare: %(names)s.") % {"names": names})
    if check.failing_rules:
        titles = ", ".join(_rule_title(policy, r) for r in check.failing_rules)
        raise CaseStateError(
            # Translators: %(rules)s lists the titles of the guidelines' rules that do not hold.
            _("Riktlinjernas krav för att lämna steget är inte uppfyllda: %(rules)s.") % {"rules": titles}
        )
    if check.missing_opinions:
        # Translators: %(names)s lists committees and boards by name, e.g. "Hållbarhetsutskottet och Socialnämnden".
        raise CaseStateError(_("Yttrande saknas från %(names)s.") % {"names": names_sv(check.missing_opinions)})
    next_stage = policy.stages[position.index + 1]
    return _move(
        initiative,
        user=user,
        action=action,
        message=message or f"Till {next_stage.name_sv.lower()}.",
        stage=next_stage.code,
    )


def _rule_title(policy: Any, rule_id: str) -> str:
    rule = policy.rule(rule_id)
    return rule.display_title if rule is not None else rule_id


def initiative_sponsor(*, initiative: Initiative, user: User) -> Initiative:
    """The area's board takes on an outside actor's idea: it becomes the lead board and may apply."""
    from socialfund.cases.outside_ideas import idea_sponsor

    return idea_sponsor(initiative=initiative, user=user)


# -- anchoring, assessment, preparation -------------------------------------------------------------


def signoff_record(
    *, initiative: Initiative, user: User, kind: str, signed_on: dt.date, reference: str = ""
) -> Signoff:
    """The office head's or the board's sign-off (förankring), with its date."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require_state(initiative.status in (Status.DRAFT, Status.ACTIVE), _("Ärendet är avslutat."))
        _require_state(
            initiative.lead_board_id is not None, _("Ärendet behöver en ansvarig nämnd innan det förankras.")
        )
        if kind == SignoffKind.OFFICE_HEAD:
            _require(
                perm.heads_office_for_board(user, initiative),
                _("Bara kontorschefen för den ansvariga nämndens kontor kan förankra."),
            )
        elif kind == SignoffKind.BOARD:
            _require(
                perm.acts_for_board(user, initiative) or user.has_role(Role.REGISTRAR),
                _("Nämndens förankring registreras av nämndens handläggare eller registrator."),
            )
        else:
            raise CaseValidationError(_("Okänd sorts förankring."), field="kind")
        if problem := outside_fund_life(initiative.fund, signed_on):
            raise CaseValidationError(problem, field="signed_on")
        if initiative.signoffs.filter(kind=kind).exists():
            # Translators: %(signoff)s is "Kontorschefens förankring" or "Nämndens förankring".
            raise CaseStateError(_("%(signoff)s är redan registrerad.") % {"signoff": SignoffKind(kind).label})
        signoff = Signoff.objects.create(
            initiative=initiative, kind=kind, signed_on=signed_on, reference=reference, recorded_by=user
        )
        audit_record(
            actor=user,
            action="signoff_record",
            target=signoff,
            initiative=initiative,
            message=f"{SIGNOFF_NAMES[SignoffKind(kind)].capitalize()} {signed_on.isoformat()}.",
        )
    return signoff


def assessment_record(*, initiative: Initiative, user: User, rule_id: str, verdict: str, note: str) -> Assessment:
    """The preparation group's judgment of a rule that needs a human assessment."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen gör bedömningar."))
        _require_state(initiative.status == Status.ACTIVE, _("Bara pågående ärenden bedöms."))
        if policy_for(initiative).rule(rule_id) is None:
            raise CaseValidationError(_("Riktlinjerna har ingen regel %(rule)s.") % {"rule": rule_id}, field="rule_id")
        if verdict not in Verdict.values:
            raise CaseValidationError(_("Välj en bedömning."), field="verdict")
        if verdict != Verdict.PASS and not note.strip():
            raise CaseValidationError(_("Motivera en bedömning som inte är 'uppfylls'."), field="note")
        assessment, created = Assessment.objects.update_or_create(
            initiative=initiative,
            rule_id=rule_id,
            defaults={"verdict": verdict, "note": note.strip(), "assessed_by": user, "assessed_at": timezone.now()},
        )
        audit_record(
            actor=user,
            action="assessment_record",
            target=assessment,
            initiative=initiative,
            message=f"Bedömning av {rule_id}: {in_record_language(Verdict(verdict).label)}.",
            data={"rule": rule_id, "verdict": verdict, "note": note.strip(), "changed": not created},
        )
    return assessment


def preparation_complete(*, initiative: Initiative, user: User, memo: str) -> Initiative:
    """The preparation group hands a screened application on. Blocks while the screening does."""
    from socialfund.cases.screening import screening_for

    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan avsluta beredningen."))
        _require_state(
            machine.stage_offers(initiative, "prepare"),
            _("Ärendet väntar inte på beredningsgruppen."),
        )
        if not memo.strip():
            raise CaseValidationError(_("Skriv beredningspromemorian innan ärendet lämnas vidare."), field="memo")
        result = screening_for(initiative)
        if result.verdict != "eligible":
            open_rules = [f.rule for f in result.findings if f.status in ("fail", "missing", "assess")]
            raise CaseStateError(
                _(
                    # Translators: %(rules)s lists rule ids of the guidelines, e.g. "target_group, purpose".
                    "Prövningen mot riktlinjerna är inte klar: %(rules)s. "
                    "Komplettera ansökan eller registrera bedömningarna först."
                )
                % {"rules": ", ".join(open_rules)}
            )
        initiative.preparation_memo = memo.strip()
        initiative = _advance(initiative, user=user, action="preparation_complete", message="Beredningen är klar.")
        notify_after_commit(initiative, what="Beredningen är klar.", actor=user)
    return initiative


def director_approve(*, initiative: Initiative, user: User, note: str = "") -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.CITY_DIRECTOR), _("Bara stadsdirektören godkänner."))
        _require_state(
            machine.stage_offers(initiative, "approve"),
            _("Ärendet väntar inte på stadsdirektörens godkännande."),
        )
        initiative = _advance(
            initiative, user=user, action="director_approve", message=note or "Stadsdirektören godkänner ansökan."
        )
        notify_after_commit(initiative, what="Stadsdirektören har godkänt ansökan.", actor=user)
    return initiative


# -- opinions and decision --------------------------------------------------------------------------


def opinion_register(
    *,
    initiative: Initiative,
    user: User,
    position: str,
    decided_on: dt.date,
    summary: str = "",
    paragraph: str = "",
    body: DecisionBody | None = None,
    board: Board | None = None,
) -> Opinion:
    """A committee's or board's opinion (yttrande), attached to the case."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(
            user.has_role(Role.OPINION_GIVER) or user.has_role(Role.REGISTRAR),
            _("Yttranden registreras av utskottets eller nämndens sekreterare eller registrator."),
        )
        _require_state(
            machine.stage_offers(initiative, "opinion"),
            _("Ärendet är inte ute på yttrande."),
        )
        if (body is None) == (board is None):
            raise CaseValidationError(_("Ange antingen ett utskott eller en nämnd."), field="giver")
        if position not in OpinionPosition.values:
            raise CaseValidationError(_("Välj ställningstagande."), field="position")
        if position == OpinionPosition.SUPPORTS_WITH_ADDITIONS and not summary.strip():
            raise CaseValidationError(_("Sammanfatta tilläggen."), field="summary")
        if problem := outside_fund_life(initiative.fund, decided_on):
            raise CaseValidationError(problem, field="decided_on")
        opinion = Opinion.objects.create(
            initiative=initiative,
            body=body,
            board=board,
            position=position,
            summary=summary.strip(),
            decided_on=decided_on,
            paragraph=paragraph.strip(),
            registered_by=user,
        )
        audit_record(
            actor=user,
            action="opinion_register",
            target=opinion,
            initiative=initiative,
            message=f"Yttrande från {opinion.giver_name}: {in_record_language(OpinionPosition(position).label).lower()}.",
        )
    return opinion


def opinions_complete(*, initiative: Initiative, user: User) -> Initiative:
    """All opinions are in: the case goes to the decision stage."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(
            user.has_role(Role.OPINION_GIVER) or user.has_role(Role.REGISTRAR),
            _("Bara utskottets sekreterare eller registrator kan lämna ärendet till beslut."),
        )
        _require_state(
            machine.stage_offers(initiative, "opinion"),
            _("Ärendet är inte ute på yttrande."),
        )
        _require_state(initiative.opinions.exists(), _("Inget yttrande är registrerat."))
        initiative = _advance(initiative, user=user, action="opinions_complete", message="Yttrandena är inne.")
        notify_after_commit(initiative, what="Ärendet är klart för kommunstyrelsens beslut.", actor=user)
    return initiative


def decision_register(
    *,
    initiative: Initiative,
    user: User,
    body: DecisionBody,
    decided_on: dt.date,
    paragraph: str,
    outcome: str,
    text: str,
    conditions: str = "",
    amounts: dict[int, Decimal] | None = None,
    start_project: bool = True,
    exception_reason: str = "",
) -> Decision:
    """Kommunstyrelsen's decision: granted (with amounts per year and conditions) or rejected.

    A grant starts the project's follow-up at once, unless `start_project` is False (then the
    registrar or the preparation group starts it later, e.g. with another start date). Where the
    calculation departs from the repayment limits, a grant records kommunstyrelsen's exception
    (`exception_reason`; see cases.repayment_exceptions).
    """
    from socialfund.cases.repayment_exceptions import check_exception, repayment_departure, repayment_exception_record

    amounts = amounts or {}
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.REGISTRAR), _("Bara registrator eller KS-sekreterare registrerar beslut."))
        _require_state(machine.stage_offers(initiative, "decide"), _("Ärendet är inte i beslutssteget."))
        _validate_decision(outcome=outcome, paragraph=paragraph, text=text, decided_on=decided_on, amounts=amounts)
        departure = repayment_departure(initiative)
        check_exception(granted=outcome == DecisionOutcome.GRANTED, departure=departure, reason=exception_reason)
        if problem := outside_fund_life(initiative.fund, decided_on):
            raise CaseValidationError(problem, field="decided_on")
        decision = Decision.objects.create(
            initiative=initiative,
            body=body,
            decided_on=decided_on,
            paragraph=paragraph.strip(),
            outcome=outcome,
            text=text.strip(),
            conditions=conditions.strip(),
            registered_by=user,
        )
        for year, amount in sorted(amounts.items()):
            DecisionAmount.objects.create(decision=decision, year=year, amount=sek(amount))
        if departure is not None and outcome == DecisionOutcome.GRANTED:
            repayment_exception_record(decision=decision, user=user, departure=departure, reason=exception_reason)
        status = Status.GRANTED if outcome == DecisionOutcome.GRANTED else Status.REJECTED
        _move(
            initiative,
            user=user,
            action="decision_register",
            message=f"{body.code} {decided_on.isoformat()} {paragraph}: {in_record_language(DecisionOutcome(outcome).label).lower()}.",
            status=status,
        )
        if status == Status.GRANTED and start_project:
            # A grant starts the project's follow-up (report schedule, indicators from the goals) in the same
            # transaction: the follow-up app listens (cases.events; cases does not import the app above it).
            # Finance books the commitment separately (ledger: grant_decide), a second pair of eyes.
            decision_granted.send(sender=Decision, initiative=initiative, user=user, decision=decision)
    return decision


def _validate_decision(
    *, outcome: str, paragraph: str, text: str, decided_on: dt.date, amounts: dict[int, Decimal]
) -> None:
    if outcome not in DecisionOutcome.values:
        raise CaseValidationError(_("Välj beslut."), field="outcome")
    if not paragraph.strip():
        raise CaseValidationError(_("Ange paragraf, t.ex. § 123."), field="paragraph")
    if not text.strip():
        raise CaseValidationError(_("Skriv beslutstexten."), field="text")
    if decided_on > timezone.localdate():
        raise CaseValidationError(_("Beslutsdatumet kan inte ligga i framtiden."), field="decided_on")
    if outcome == DecisionOutcome.GRANTED and not amounts:
        raise CaseValidationError(_("Ange beviljat belopp per år."), field="amounts")
    if outcome == DecisionOutcome.REJECTED and amounts:
        raise CaseValidationError(_("Ett avslag beviljar inga belopp."), field="amounts")
    for year, amount in amounts.items():
        try:
            value = sek(amount)
        except MoneyError as exc:
            raise CaseValidationError(_("%(year)s: ogiltigt belopp.") % {"year": year}, field="amounts") from exc
        if value <= 0:
            raise CaseValidationError(
                _("%(year)s: beloppet måste vara större än noll.") % {"year": year}, field="amounts"
            )
        if not 2000 <= year <= 2100:
            raise CaseValidationError(_("%(year)s: året är orimligt.") % {"year": year}, field="amounts")


# -- exits ------------------------------------------------------------------------------------------


def initiative_withdraw(*, initiative: Initiative, user: User, reason: str, note: str = "") -> Initiative:
    """The initiator withdraws (for an outside actor without login, the preparation group records it)."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(
            perm.acts_for_board(user, initiative)
            or (initiative.lead_board_id is None and user.has_role(Role.PREPARATION_GROUP)),
            _("Bara initiativtagarens nämnd kan återkalla initiativet."),
        )
        _require_state(
            initiative.status in (Status.DRAFT, Status.ACTIVE, Status.ON_HOLD), _("Ärendet är redan avslutat.")
        )
        if reason not in WithdrawalReason.values:
            raise CaseValidationError(_("Ange skälet till att initiativet återkallas."), field="reason")
        if reason == WithdrawalReason.OTHER and not note.strip():
            raise CaseValidationError(_("Beskriv skälet."), field="note")
        return _move(
            initiative,
            user=user,
            action="initiative_withdraw",
            message=f"Återkallat: {in_record_language(WithdrawalReason(reason).label).lower()}. {note}".strip(),
            status=Status.WITHDRAWN,
            withdrawal_reason=reason,
            outcome_note=note.strip(),
        )


def initiative_refuse(*, initiative: Initiative, user: User, rule_ids: list[str], note: str) -> Initiative:
    """The preparation group refuses a case that does not meet the guidelines, naming the rules."""
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan avvisa."))
        _require_state(initiative.status in (Status.ACTIVE, Status.ON_HOLD), _("Bara pågående ärenden kan avvisas."))
        policy = policy_for(initiative)
        if not rule_ids:
            raise CaseValidationError(_("Ange vilka regler initiativet inte uppfyller."), field="rule_ids")
        unknown = [r for r in rule_ids if policy.rule(r) is None]
        if unknown:
            raise CaseValidationError(_("Okända regler: %(rules)s.") % {"rules": ", ".join(unknown)}, field="rule_ids")
        if not note.strip():
            raise CaseValidationError(_("Motivera avvisningen."), field="note")
        return _move(
            initiative,
            user=user,
            action="initiative_refuse",
            message=f"Avvisat ({', '.join(rule_ids)}): {note.strip()}",
            status=Status.REFUSED,
            failed_rules=list(rule_ids),
            outcome_note=note.strip(),
        )


def initiative_advise_against(*, initiative: Initiative, user: User, note: str) -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan avråda."))
        _require_state(initiative.status in (Status.ACTIVE, Status.ON_HOLD), _("Bara pågående ärenden."))
        if not note.strip():
            raise CaseValidationError(_("Motivera varför ni avråder."), field="note")
        return _move(
            initiative,
            user=user,
            action="initiative_advise_against",
            message=f"Avrått: {note.strip()}",
            status=Status.ADVISED_AGAINST,
            outcome_note=note.strip(),
        )


def initiative_hold(*, initiative: Initiative, user: User, note: str) -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan lägga ärenden vilande."))
        _require_state(initiative.status == Status.ACTIVE, _("Bara pågående ärenden kan läggas vilande."))
        if not note.strip():
            raise CaseValidationError(_("Ange varför ärendet läggs vilande."), field="note")
        return _move(
            initiative, user=user, action="initiative_hold", message=f"Vilande: {note.strip()}", status=Status.ON_HOLD
        )


def initiative_resume(*, initiative: Initiative, user: User) -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.PREPARATION_GROUP), _("Bara beredningsgruppen kan återuppta ärenden."))
        _require_state(initiative.status == Status.ON_HOLD, _("Ärendet är inte vilande."))
        return _move(initiative, user=user, action="initiative_resume", message="Återupptaget.", status=Status.ACTIVE)


# -- records on the case ----------------------------------------------------------------------------


def comment_add(*, initiative: Initiative, user: User, text: str, visibility: str) -> Comment:
    with transaction.atomic():
        _require(perm.can_view(user, initiative), _("Du kan inte se det här ärendet."))
        if not text.strip():
            raise CaseValidationError(_("Skriv en kommentar."), field="text")
        if visibility not in CommentVisibility.values:
            raise CaseValidationError(_("Välj vem som ska se kommentaren."), field="visibility")
        if visibility == CommentVisibility.INTERNAL:
            _require(perm.sees_internal_comments(user), _("Du kan bara skriva kommentarer som den sökande ser."))
        comment = Comment.objects.create(initiative=initiative, author=user, text=text.strip(), visibility=visibility)
        audit_record(actor=user, action="comment_add", target=comment, initiative=initiative, message="Kommentar.")
    return comment


def registry_number_set(*, initiative: Initiative, user: User, registry_number: str) -> Initiative:
    with transaction.atomic():
        initiative = _locked(initiative)
        _require(user.has_role(Role.REGISTRAR), _("Bara registrator sätter diarienummer."))
        if not registry_number.strip():
            raise CaseValidationError(_("Ange diarienummer."), field="registry_number")
        old = initiative.registry_number
        taken = (
            Initiative.objects.filter(fund_id=initiative.fund_id, registry_number=registry_number.strip())
            .exclude(pk=initiative.pk)
            .first()
        )
        if taken is not None:
            raise CaseValidationError(
                _("Diarienumret %(number)s har redan ärendet %(title)s.")
                % {"number": registry_number.strip(), "title": taken.title},
                field="registry_number",
            )
        initiative.registry_number = registry_number.strip()
        registry.registry_number_note(
            fund=initiative.fund, on=initiative.filed_on or timezone.localdate(), number=initiative.registry_number
        )
        initiative.save(update_fields=["registry_number", "updated_at"])
        audit_record(
            actor=user,
            action="registry_number_set",
            target=initiative,
            initiative=initiative,
            message=f"Diarienummer {initiative.registry_number}.",
            data={"from": old, "to": initiative.registry_number},
        )
    return initiative
