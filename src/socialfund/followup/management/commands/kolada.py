"""`socialfund kolada refresh N15428 [--years 2022,2023]`: fetch a key figure's values from Kolada for every
running project's indicator that follows it (or `refresh 12` for indicator number 12).

`socialfund kolada check-set barn-och-unga`: check a default indicator set (KKiK's "Barn och unga")
against Kolada's metadata: which key figures Kolada knows, and whose title is not the expected one.

`socialfund kolada import-set barn-och-unga --project 12 --user beredning`: the same check, then every
key figure that passed becomes a Kolada indicator of project 12 (baseline: the latest total up to the
project's start), created as that user.

`socialfund kolada compare N15428 --group G0000 [--years 2022,2023]`: the fund's municipality against a
Kolada municipality group (a comparison group): its total per year beside the group's mean."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from socialfund.accounts.models import User
from socialfund.core.kolada import SOURCE_LABEL, KoladaError
from socialfund.core.kolada_sets import DEFAULT_SETS, CheckStatus, check_set, comparison_means
from socialfund.followup.charts import format_figure
from socialfund.followup.codes import IndicatorSource, ProjectStatus
from socialfund.followup.kolada import kolada_client
from socialfund.followup.models import Indicator, Project
from socialfund.followup.services import indicator_refresh_from_kolada, indicator_set_import
from socialfund.funds.models import Fund
from socialfund.kit.refusals import Refusal


class Command(BaseCommand):
    help = "Hämtar nyckeltal från Kolada till projektens indikatorer."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser("refresh", help="Hämta värdena för ett nyckeltal (t.ex. N15428) eller en indikator.")
        refresh.add_argument("indicator", help="Kolada-nyckeltalets id (N15428) eller indikatorns nummer.")
        refresh.add_argument("--years", default="", help="Kommaseparerade år; tomt: alla år Kolada har.")
        check = sub.add_parser("check-set", help="Kontrollera en standarduppsättning nyckeltal mot Kolada.")
        check.add_argument("set", choices=sorted(DEFAULT_SETS), help="Uppsättningen, t.ex. barn-och-unga.")
        compare = sub.add_parser("compare", help="Jämför kommunen med en kommungrupp i Kolada.")
        compare.add_argument("kpi", help="Nyckeltalets id, t.ex. N15428.")
        compare.add_argument("--group", required=True, help="Kommungruppens id i Kolada.")
        compare.add_argument("--municipality", default="", help="Kommun-id; tomt: den enda fondens kommun.")
        compare.add_argument("--years", default="", help="Kommaseparerade år; tomt: alla år Kolada har.")
        load = sub.add_parser("import-set", help="Lägg till en kontrollerad standarduppsättning i ett projekt.")
        load.add_argument("set", choices=sorted(DEFAULT_SETS), help="Uppsättningen, t.ex. barn-och-unga.")
        load.add_argument("--project", type=int, required=True, help="Projektets nummer.")
        load.add_argument("--user", required=True, help="Användarnamnet indikatorerna skapas av.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check-set":
            self._check_set(options["set"])
            return
        if options["action"] == "compare":
            self._compare(options["kpi"], options["group"], options["municipality"], _years(options["years"]))
            return
        if options["action"] == "import-set":
            self._import_set(options["set"], options["project"], options["user"])
            return
        indicators = _indicators(options["indicator"])
        years = _years(options["years"])
        if not indicators:
            raise CommandError(f"Ingen pågående projektindikator hämtas från Kolada som {options['indicator']}.")
        failures = 0
        for indicator in indicators:
            try:
                result = indicator_refresh_from_kolada(indicator=indicator, years=years)
            except (KoladaError, Refusal) as exc:
                failures += 1
                self.stderr.write(f"{indicator.project}: {indicator.name}: {exc.message}")
                continue
            self.stdout.write(
                f"{indicator.project}: {indicator.name} ({indicator.kolada_kpi}, {indicator.kolada_municipality}): "
                f"{result.created} nya, {result.revised} reviderade, {result.unchanged} oförändrade. {SOURCE_LABEL}"
            )
        if failures:
            raise CommandError(f"{failures} av {len(indicators)} indikatorer kunde inte hämtas.")

    def _check_set(self, name: str) -> None:
        try:
            checks = check_set(kolada_client(), DEFAULT_SETS[name])
        except KoladaError as exc:
            raise CommandError(exc.message) from exc
        for check in checks:
            (self.stdout if check.status is CheckStatus.OK else self.stderr).write(check.message)
        problems = [c for c in checks if c.status is not CheckStatus.OK]
        self.stdout.write(f"{len(checks) - len(problems)} av {len(checks)} nyckeltal stämmer. {SOURCE_LABEL}")
        if problems:
            raise CommandError(f"{len(problems)} nyckeltal i {name} behöver kontrolleras.")

    def _compare(self, kpi: str, group_id: str, municipality: str, years: list[int] | None) -> None:
        client = kolada_client()
        codes = {code for code in Fund.objects.values_list("organisation__code", flat=True)}
        municipality = municipality or (codes.pop() if len(codes) == 1 else "")
        if not municipality:
            raise CommandError("Ange --municipality: det finns fler än en kommun.")
        try:
            group = next((g for g in client.municipality_groups() if g.id == group_id), None)
            if group is None:
                raise CommandError(f"Kolada har ingen kommungrupp {group_id}.")
            means = comparison_means(client, kpi=kpi, group=group, years=years)
            own = {
                v.period: v.value for v in client.data(kpi=kpi, municipality=municipality, years=years).values_for("T")
            }
        except KoladaError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"{kpi}: {municipality} mot {group.title} ({len(group.members)} kommuner)")
        for year in sorted(set(means) | set(own)):
            mine = own.get(year)
            self.stdout.write(
                f"{year}: {format_figure(mine) if mine is not None else '–'} mot "
                f"{format_figure(means[year]) if year in means else '–'}"
            )
        self.stdout.write(SOURCE_LABEL)

    def _import_set(self, name: str, project_id: int, username: str) -> None:
        project = Project.objects.select_related("initiative__fund__organisation").filter(pk=project_id).first()
        user = User.objects.filter(username=username).first()
        if project is None or user is None:
            raise CommandError(f"Inget projekt {project_id} eller ingen användare {username!r}.")
        try:
            result = indicator_set_import(project=project, user=user, entries=DEFAULT_SETS[name])
        except (KoladaError, Refusal) as exc:
            raise CommandError(exc.message) from exc
        for indicator in result.created:
            self.stdout.write(f"Ny indikator: {indicator.name} ({indicator.kolada_kpi}).")
        for line in result.skipped:
            self.stderr.write(line)
        self.stdout.write(f"{len(result.created)} indikatorer tillagda, {len(result.skipped)} inte. {SOURCE_LABEL}")


def _indicators(key: str) -> list[Indicator]:
    running = Indicator.objects.filter(source=IndicatorSource.KOLADA, project__status=ProjectStatus.RUNNING)
    running = running.select_related("project", "project__initiative")
    if key.isdigit():
        return list(running.filter(pk=int(key)))
    return list(running.filter(kolada_kpi=key.strip().upper()).order_by("pk"))


def _years(text: str) -> list[int] | None:
    if not text.strip():
        return None
    try:
        return sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError as exc:
        raise CommandError(f"--years ska vara år åtskilda med komma, t.ex. 2022,2023 (inte {text!r}).") from exc
