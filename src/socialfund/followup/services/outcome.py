"""Realised savings per board and year: entered by finance, or derived from an indicator's measurement through
the calculation's effect line (socialfund.followup.savings has the formula)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from socialfund.accounts.models import User
from socialfund.core.calc import Calculation
from socialfund.core.money import MoneyError, sek
from socialfund.followup.codes import Gender, SavingBasis
from socialfund.followup.errors import FollowupValidationError
from socialfund.followup.models import Indicator, Measurement, Project, RealisedSaving
from socialfund.followup.permissions import records_savings
from socialfund.followup.privacy import refuse_personal_data
from socialfund.followup.savings import DerivedSaving, derive_saving
from socialfund.followup.services.common import locked_project, project_calculation, record, require, require_state
from socialfund.organisation.models import Board
from socialfund.record_language import in_record_language

FIRST_YEAR, LAST_YEAR = 2000, 2100


def realised_saving_record(
    *, project: Project, user: User, board: Board, year: int, amount: Decimal, note: str = ""
) -> RealisedSaving:
    """Finance enters a board's realised saving for a year; it replaces an earlier figure (the audit keeps both)."""
    with transaction.atomic():
        project = locked_project(project)
        require(records_savings(user, project), _("Bara ekonomi eller beredningsgruppen registrerar besparingar."))
        if board.organisation_id != project.initiative.fund.organisation_id:
            raise FollowupValidationError(_("Nämnden hör inte till fondens kommun."), field="board")
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise FollowupValidationError(_("%(year)s: året är orimligt.") % {"year": year}, field="year")
        try:
            amount = sek(amount)
        except MoneyError as exc:
            raise FollowupValidationError(_("Ogiltigt belopp."), field="amount") from exc
        refuse_personal_data(note=note)
        saving = _store(project, user, board, year, amount, SavingBasis.ENTERED, None, {}, note.strip())
    return saving


def _store(
    project: Project,
    user: User,
    board: Board,
    year: int,
    amount: Decimal,
    basis: str,
    indicator: Indicator | None,
    data: dict[str, object],
    note: str,
) -> RealisedSaving:
    existing = RealisedSaving.objects.filter(project=project, board=board, year=year).first()
    before = f"{existing.amount} ({existing.basis})" if existing else ""
    if existing is None:
        saving = RealisedSaving.objects.create(
            project=project,
            board=board,
            year=year,
            amount=amount,
            basis=basis,
            indicator=indicator,
            basis_data=data,
            note=note,
            recorded_by=user,
        )
    else:
        saving = existing
        saving.amount, saving.basis, saving.indicator, saving.basis_data = amount, basis, indicator, data
        saving.note, saving.recorded_by = note, user
        saving.save()
    record(
        project,
        user=user,
        action="realised_saving_record",
        target=saving,
        message=f"Realiserad besparing {board.code} {year}: {amount} kr ({in_record_language(SavingBasis(basis).label).lower()}).",
        data={"before": before, "basis": basis, **data},
    )
    return saving


@dataclass(frozen=True)
class DerivedPart:
    """One indicator's contribution to a board's derived saving, with every input of the formula."""

    indicator: Indicator
    effect_label: str
    measurement: Measurement
    derived: DerivedSaving

    def as_data(self) -> dict[str, str]:
        return {
            "indicator_id": str(self.indicator.pk),
            "indicator": self.indicator.name,
            "effect": self.effect_label,
            "baseline": str(self.indicator.baseline_value),
            "value": str(self.measurement.value),
            "measured_on": self.measurement.measured_on.isoformat(),
            "quantity_per_unit": str(self.indicator.quantity_per_unit),
            **self.derived.as_data(),
        }


@dataclass(frozen=True)
class Derivation:
    saved: list[RealisedSaving]
    skipped: list[str]
    removed: list[str] = field(default_factory=list)
    """Derived savings of the year that nothing supports any more ("SN 480150.00 kr"), now removed."""


def realised_savings_derive(*, project: Project, user: User, year: int) -> Derivation:
    """Derive the year's savings from every indicator tied to an effect line, and store them per board.

    An entered figure for the same board and year wins: it is kept and the derivation
    says so. Only municipal cashable effect lines count: other savings cannot repay.
    A derived saving of the year that no indicator supports any more (its figure was removed,
    its indicator no longer measures that board's effect line) is removed, with an audit event:
    otherwise a figure known to be wrong would stay in the outcome and the reports.
    """
    with transaction.atomic():
        project = locked_project(project)
        require(records_savings(user, project), _("Bara ekonomi eller beredningsgruppen registrerar besparingar."))
        calc = project_calculation(project)
        require_state(calc is not None, _("Projektet har ingen kalkyl att härleda besparingar ur."))
        assert calc is not None
        parts, skipped = _derived_parts(project, calc, year)
        stale = list(
            RealisedSaving.objects.filter(project=project, year=year, basis=SavingBasis.DERIVED)
            .exclude(board__in=list(parts))
            .select_related("board")
        )
        require_state(
            bool(parts) or bool(stale),
            _("Inget att härleda för %(year)s: %(reasons)s")
            % {"year": year, "reasons": "; ".join(skipped) or _("inga indikatorer är kopplade.")},
        )
        saved = []
        for board, board_parts in parts.items():
            existing = RealisedSaving.objects.filter(project=project, board=board, year=year).first()
            if existing is not None and existing.basis == SavingBasis.ENTERED:
                skipped.append(
                    _("%(board)s %(year)s har en inmatad besparing som gäller före den härledda")
                    % {"board": board.code, "year": year}
                )
                continue
            amount = sum((part.derived.amount for part in board_parts), Decimal(0))
            indicator = board_parts[0].indicator if len(board_parts) == 1 else None
            data: dict[str, object] = {"parts": [part.as_data() for part in board_parts]}
            saved.append(_store(project, user, board, year, sek(amount), SavingBasis.DERIVED, indicator, data, ""))
        removed = [_remove_unsupported(project, user, saving) for saving in stale]
    return Derivation(saved=saved, skipped=skipped, removed=removed)


def _remove_unsupported(project: Project, user: User, saving: RealisedSaving) -> str:
    shown = f"{saving.board.code} {saving.amount} kr"
    record(
        project,
        user=user,
        action="realised_saving_remove",
        target=project,
        message=f"Härledd besparing {saving.board.code} {saving.year} ({saving.amount} kr) borttagen: "
        "inget mätvärde eller ingen effektrad stöder den längre.",
        data={"board": saving.board.code, "year": saving.year, "amount": str(saving.amount), **saving.basis_data},
    )
    saving.delete()
    return shown


def _derived_parts(project: Project, calc: Calculation, year: int) -> tuple[dict[Board, list[DerivedPart]], list[str]]:
    boards = {b.code: b for b in Board.objects.filter(organisation_id=project.initiative.fund.organisation_id)}
    parts: dict[Board, list[DerivedPart]] = {}
    skipped: list[str] = []
    for indicator in project.indicators.filter(effect_index__isnull=False).order_by("pk"):
        assert indicator.effect_index is not None
        if indicator.effect_index >= len(calc.effects):
            skipped.append(_("%(indicator)s: kalkylen saknar effektraden") % {"indicator": indicator.name})
            continue
        effect = calc.effects[indicator.effect_index]
        if not (effect.is_municipal and effect.cashable):
            skipped.append(
                _("%(indicator)s: effektraden är inte en kommunal kassamässig besparing")
                % {"indicator": indicator.name}
            )
            continue
        board = boards.get(effect.beneficiary)
        if board is None:
            skipped.append(
                _("%(indicator)s: %(beneficiary)s är ingen nämnd i kommunen")
                % {"indicator": indicator.name, "beneficiary": effect.beneficiary}
            )
            continue
        measurement = _year_value(indicator, year)
        if measurement is None:
            skipped.append(
                _("%(indicator)s: inget mätvärde för %(year)s") % {"indicator": indicator.name, "year": year}
            )
            continue
        derived = derive_saving(
            baseline=indicator.baseline_value,
            value=measurement.value,
            lower_is_better=indicator.lower_is_better,
            quantity_per_unit=indicator.quantity_per_unit,
            effect=effect,
        )
        parts.setdefault(board, []).append(DerivedPart(indicator, effect.label, measurement, derived))
    return parts, skipped


def _year_value(indicator: Indicator, year: int) -> Measurement | None:
    """The year's last total (T) figure: the state at the end of the year."""
    return (
        indicator.measurements.filter(measured_on__year=year, gender=Gender.TOTAL)
        .order_by("-measured_on", "-pk")
        .first()
    )
