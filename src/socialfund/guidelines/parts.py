"""The fields of each part of the policy schema, in Swedish, with the guideline text each part cites.

A builder takes the document (lists grow a field group per item, and one empty group more: the way to add
one) and, for the parts a funding track may replace, the path prefix the part stands under (the policy's
own, or a track's).
"""

from __future__ import annotations

from socialfund.core.policy import vocabulary as v
from socialfund.core.policy.dimensions import DIMENSIONS
from socialfund.guidelines.document import Document, Path, get_at
from socialfund.guidelines.fieldspec import GUIDELINE_TEXT, FieldSpec
from socialfund.guidelines.fieldspec import choices_of as _choices

GOAL_KINDS = (("social", "sociala effekter"), ("economic", "ekonomiska effekter"))
MONTHS = tuple((str(number), name) for number, name in enumerate(v.MONTHS_SV, start=1))
SEVERITY = (("block", "spärr: ett nej stoppar ärendet"), ("warn", "varning"))
CHECK = (("auto", "kontrolleras automatiskt"), ("human", "beredningsgruppen bedömer"))
CLAUSE_KIND = (("quote", "ordagrant citat"), ("paraphrase", "nära återgivning"))


def _stage_choices(document: Document) -> tuple[tuple[str, str], ...]:
    return tuple((str(s.get("code")), str(s.get("name_sv") or "")) for s in document.get("stages") or [])


def _rule_choices(document: Document) -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(r.get("id")), str(r.get("title") or v.RULE_TITLES.get(str(r.get("id")), "")))
        for r in document.get("rules") or []
    )


def _items(document: Document, path: Path, what: str, new: str) -> list[tuple[int, str]]:
    """Each item of a list with its heading, and one empty item more to add one ('Ny …')."""
    count = len(get_at(document, path) or [])
    return [(index, f"{what} {index + 1}" if index < count else new) for index in range(count + 1)]


# -- the fund -------------------------------------------------------------------------------------------
def fund_part(document: Document) -> list[FieldSpec]:
    models = _choices(v.FUNDING_MODEL_LABELS)
    fund, money = "Fonden", "Fondens medel"
    return [
        FieldSpec(("fund", "name"), "Fondens namn", "text", group=fund),
        FieldSpec(("fund", "organisation"), "Kommun eller region", "text", group=fund),
        FieldSpec(("fund", "short_name"), "Kort ortnamn i jämförelser", "text", group=fund),
        FieldSpec(("fund", "started"), "Fonden startade (år eller år-månad, t.ex. 2013-02)", "text", group=fund),
        FieldSpec(("fund", "kolada_id"), "Id i Kolada", "text", group=fund),
        FieldSpec(("fund", "scb_code"), "Kommun- eller länskod hos SCB", "text", group=fund),
        FieldSpec(("adopted", "registry_number"), "Diarienummer för riktlinjeärendet", "text", group=fund),
        FieldSpec(("adopted", "note"), "Om beslutet", "textarea", group=fund),
        FieldSpec(("notes",), "Anmärkningar om riktlinjerna", "textarea", group=fund),
        FieldSpec(("funding", "model"), "Finansiering", "choice", models, group=money),
        FieldSpec(("funding", "yearly_amount"), "Medel per år (kr), vid årlig pott", "amount", group=money),
        FieldSpec(("funding", "revolving"), "Återförda medel fyller på fonden", "bool", group=money),
        FieldSpec(("funding", "source_of_money"), "Varifrån pengarna kommer", "text", group=money),
        FieldSpec(("funding", "note"), GUIDELINE_TEXT, "textarea", group=money),
    ]


# -- purpose, applicants, partnership, procurement --------------------------------------------------------
def purpose_part(document: Document) -> list[FieldSpec]:
    return [
        FieldSpec(("target_groups", "groups"), "Målgrupper", "multi", _choices(v.TARGET_GROUP_LABELS)),
        FieldSpec(
            ("target_groups", "via_adults"),
            "Insatser riktade till vuxna (föräldrar, lärare) får stödjas när målen gäller målgruppen",
            "bool",
        ),
        FieldSpec(("target_groups", "priority"), "Prioritering", "text"),
        FieldSpec(("target_groups", "note"), GUIDELINE_TEXT, "textarea"),
        FieldSpec(("goals", "kinds"), "Projektet ska ange mätbara mål för", "multi", GOAL_KINDS, group="Mål"),
        FieldSpec(("goals", "note"), GUIDELINE_TEXT, "textarea", group="Mål"),
    ]


def applicant_fields(document: Document, prefix: Path = (), group: str = "") -> list[FieldSpec]:
    at = (*prefix, "applicants")
    roles = (
        ("partner", "som part i projektet"),
        ("procurement", "som leverantör som nämnden upphandlar"),
        ("apply_directly", "genom att ansöka själv"),
    )
    types = _choices(v.PARTY_TYPE_LABELS)
    return [
        FieldSpec((*at, "allowed_types"), "Vem får ansöka", "multi", types, group=group),
        FieldSpec((*at, "excluded_types"), "Vem får inte delta alls", "multi", types, group=group),
        FieldSpec((*at, "formal_from"), "Från vilket steg sökande måste vara en av dem", "choice",
                  _stage_choices(document), group=group),
        FieldSpec((*at, "external_ideas"), "Externa aktörer får lämna idéer", "bool", group=group),
        FieldSpec((*at, "external_role"), "Hur en extern aktör deltar", "choice", roles, group=group),
        FieldSpec((*at, "lead_board_required"), "En förvaltning som ansöker ska ange ansvarig nämnd", "bool",
                  group=group),
        FieldSpec((*at, "note"), GUIDELINE_TEXT, "textarea", group=group),
    ]  # fmt: skip


def partnership_fields(document: Document, prefix: Path = (), heading: str = "") -> list[FieldSpec]:
    """Alternatives of which an initiative must meet one; each asks for at least so many parties of kinds."""
    at = (*prefix, "partnership")
    types = _choices(v.PARTY_TYPE_LABELS)
    distinct = (("area", "från olika verksamhetsområden"), ("board", "under olika nämnder"))
    fields = []
    for index, name in _items(document, (*at, "alternatives"), "Samverkan, alternativ", "Nytt samverkansalternativ"):
        alternative = (*at, "alternatives", index)
        group = f"{heading}{name}"
        fields.append(FieldSpec((*alternative, "label"), "Så säger riktlinjerna det", "text", group=group))
        for number, _name in _items(document, (*alternative, "requirements"), "Krav", "Nytt krav"):
            need = (*alternative, "requirements", number)
            count = f"Krav {number + 1}: "
            fields += [
                FieldSpec((*need, "types"), count + "parter av slaget", "multi", types, group=group),
                FieldSpec((*need, "min"), count + "minst så många", "int", group=group),
                FieldSpec((*need, "distinct"), count + "och de ska vara", "choice", distinct, group=group),
                FieldSpec((*need, "same"), count + "under samma nämnd", "choice", (("board", "ja"),), group=group),
            ]
    fields.append(FieldSpec((*at, "note"), GUIDELINE_TEXT + " om samverkan", "textarea", group=f"{heading}Samverkan"))
    return fields


def applicants_part(document: Document) -> list[FieldSpec]:
    upphandling = "Upphandling"
    return [
        *applicant_fields(document),
        *partnership_fields(document),
        FieldSpec(("procurement", "applies"), "Lagen om offentlig upphandling gäller", "bool", group=upphandling),
        FieldSpec(
            ("procurement", "open_competition_for_external"),
            "Nämnden köper en extern aktörs arbete i öppen konkurrens, oavsett värde",
            "bool",
            group=upphandling,
        ),
        FieldSpec(
            ("procurement", "near_threshold_share"),
            "Varna när kontraktets värde når så stor andel av direktupphandlingsgränsen (%)",
            "percent",
            group=upphandling,
        ),
        FieldSpec(("procurement", "note"), GUIDELINE_TEXT, "textarea", group=upphandling),
    ]


# -- money: limits, cost shares, calculation, repayment ---------------------------------------------------
def limit_fields(prefix: Path = (), group: str = "Belopp och villkor") -> list[FieldSpec]:
    at = (*prefix, "limits")
    return [
        FieldSpec((*at, "max_per_project"), "Högsta belopp per projekt (kr)", "amount", group=group),
        FieldSpec((*at, "max_per_year"), "Högsta belopp per år (kr)", "amount", group=group),
        FieldSpec((*at, "max_share_of_cost"), "Största andel av projektets kostnad som fonden betalar (%)",
                  "percent", group=group),
        FieldSpec((*at, "min_cofinancing_share"), "Minsta andel som de sökande själva betalar (%)", "percent",
                  group=group),
        FieldSpec((*at, "duration_months", "min"), "Projekttid minst (månader)", "int", group=group),
        FieldSpec((*at, "duration_months", "max"), "Projekttid högst (månader)", "int", group=group),
        FieldSpec((*at, "extension_allowed"), "Projekttiden får förlängas", "bool", group=group),
        FieldSpec((*at, "note"), GUIDELINE_TEXT + " om belopp och villkor", "textarea", group=group),
    ]  # fmt: skip


def calculation_fields(prefix: Path = (), group: str = "Socioekonomisk beräkning") -> list[FieldSpec]:
    at = (*prefix, "calculation")
    return [
        FieldSpec((*at, "requirement"), "Socioekonomisk beräkning", "choice", _choices(v.CALCULATION_LABELS),
                  group=group),
        FieldSpec((*at, "separate_municipal_savings"),
                  "Beräkningen skiljer kommunens besparingar från andras (t.ex. statens)", "bool", group=group),
        FieldSpec((*at, "outside_share_warn"),
                  "Varna när så stor andel av nyttan hamnar utanför kommunen (%)", "percent", group=group),
        FieldSpec((*at, "note"), GUIDELINE_TEXT + " om beräkningen", "textarea", group=group),
    ]  # fmt: skip


def money_part(document: Document) -> list[FieldSpec]:
    back = "Återföring"
    return [
        FieldSpec(("funding", "capital"), "Fondens kapital (kr)", "amount", group="Kapital"),
        *limit_fields(),
        *calculation_fields(),
        FieldSpec(("repayment", "mode"), "Återföring", "choice", _choices(v.REPAYMENT_LABELS), group=back),
        FieldSpec(
            ("repayment", "grace_years"),
            "År verksamheten får arbeta innan återföring ska ske",
            "int",
            help="Ingen återföring före projektets startår plus så här många år.",
            group=back,
        ),
        FieldSpec(("repayment", "latest_start_offset_years"), "Återföringen börjar senast (år efter projektstart)",
                  "int", group=back),
        FieldSpec(("repayment", "max_years_after_first"), "Återföringen är klar senast (år efter att den började)",
                  "int", group=back),
        FieldSpec(("repayment", "waiver"), "Undantag från återföring", "choice", _choices(v.WAIVER_LABELS),
                  group=back),
        FieldSpec(("repayment", "repaid_by"), "Vem återför", "text", group=back),
        FieldSpec(("repayment", "note"), GUIDELINE_TEXT + " om återföringen", "textarea", group=back),
    ]  # fmt: skip


# -- calls ------------------------------------------------------------------------------------------------
def call_fields(prefix: Path = (), group: str = "") -> list[FieldSpec]:
    at = (*prefix, "calls")
    return [
        FieldSpec((*at, "mode"), "Hur ansökningar tas emot", "choice", _choices(v.CALL_LABELS), group=group),
        FieldSpec((*at, "opens"), "Öppnade", "date", group=group),
        FieldSpec((*at, "closes"), "Inga nya ansökningar från", "date", group=group),
        FieldSpec((*at, "deadlines"), "Sista ansökningsdagar (en per rad)", "dates", group=group),
        FieldSpec((*at, "yearly_deadline"), "Sista dag varje år (MM-DD, t.ex. 03-31)", "text", group=group),
        FieldSpec((*at, "monthly_cutoff_day"), "Ansökningar inkomna senast dag … hanteras samma månad", "int",
                  group=group),
        FieldSpec((*at, "closed_months"), "Månader utan handläggning", "multi", MONTHS, group=group, numeric=True),
        FieldSpec((*at, "decision_time"), "Tid till beslut", "text", group=group),
        FieldSpec((*at, "note"), GUIDELINE_TEXT + " om ansökningstiderna", "textarea", group=group),
    ]  # fmt: skip


def calls_part(document: Document) -> list[FieldSpec]:
    return call_fields()


# -- knowledge, evaluation, implementation ----------------------------------------------------------------
def knowledge_part(document: Document) -> list[FieldSpec]:
    kb, ev, im = "Kunskapsbas", "Uppföljning och utvärdering", "Implementering"
    return [
        FieldSpec(("evidence", "level"), "Krav på kunskapsbas", "choice", _choices(v.EVIDENCE_LABELS), group=kb),
        FieldSpec(("evidence", "scale_with_size"), "Kraven står i proportion till insatsens storlek", "bool",
                  group=kb),
        FieldSpec(("evidence", "fidelity_followup"), "Dokumenterade metoder: metodtroheten följs upp", "bool",
                  group=kb),
        FieldSpec(("evidence", "note"), GUIDELINE_TEXT, "textarea", group=kb),
        FieldSpec(("evaluation", "external_required"), "En extern part utvärderar", "bool", group=ev),
        FieldSpec(("evaluation", "external_required_above"), "Extern utvärdering krävs bara över (kr)", "amount",
                  group=ev),
        FieldSpec(("evaluation", "standardized_instrument_substitutes"),
                  "Ett vetenskapligt standardiserat instrument kan ersätta den externa utvärderaren", "bool",
                  group=ev),
        FieldSpec(("evaluation", "scope"), "Utvärderingen gäller", "multi", GOAL_KINDS, group=ev),
        FieldSpec(("evaluation", "fundable_from_grant"), "Utvärderingen får betalas ur fonden", "bool", group=ev),
        FieldSpec(("evaluation", "evaluator_examples"), "Exempel på utvärderare", "text", group=ev),
        FieldSpec(("evaluation", "note"), GUIDELINE_TEXT, "textarea", group=ev),
        FieldSpec(("implementation", "plan_in_application"),
                  "Ansökan beskriver hur metoden förs in i ordinarie verksamhet", "bool", group=im),
        FieldSpec(("implementation", "plan_during_project"),
                  "Ett framgångsrikt projekt tar fram en implementeringsplan under projekttiden", "bool", group=im),
        FieldSpec(("implementation", "note"), GUIDELINE_TEXT, "textarea", group=im),
    ]  # fmt: skip


# -- organisation, stages, rules, follow-up -------------------------------------------------------------
def organisation_part(document: Document) -> list[FieldSpec]:
    group = ("organisation", "preparation_group")
    return [
        FieldSpec(("organisation", "decision_body"), "Beslutar om investeringar", "text"),
        FieldSpec(("organisation", "decision_delegated_by"), "Beslutanderätten är delegerad av", "text"),
        FieldSpec(("organisation", "opinion_bodies"), "Yttrar sig (en per rad)", "lines"),
        FieldSpec((*group, "members"), "Beredningsgruppens ledamöter (en per rad)", "lines"),
        FieldSpec((*group, "chair"), "Ordförande", "text"),
        FieldSpec((*group, "secretary"), "Sekreterare", "text"),
        FieldSpec((*group, "coordinator"), "Samordnas av", "text"),
        FieldSpec((*group, "co_opted"), "Adjungerade", "text"),
        FieldSpec(("organisation", "steering_group"), "Styrgrupp", "text"),
        FieldSpec(("organisation", "reference_group"), "Referensgrupp", "text"),
        FieldSpec(("organisation", "assessment_panel"), "Bedömningsgrupp", "text"),
        FieldSpec(("organisation", "note"), GUIDELINE_TEXT, "textarea"),
    ]


def stages_part(document: Document) -> list[FieldSpec]:
    fields = []
    rules = _rule_choices(document)
    for index, stage in enumerate(document.get("stages") or []):
        group = f"Steg {index + 1}: {stage.get('name_sv') or ''}"
        at: Path = ("stages", index)
        gate: Path = (*at, "gate")
        fields += [
            FieldSpec((*at, "name_sv"), "Namn", "text", group=group),
            FieldSpec((*at, "name_en"), "Namn på engelska", "text", group=group),
            FieldSpec((*at, "actor"), "Vem agerar", "choice", _choices(v.STAGE_ACTOR_LABELS), group=group),
            FieldSpec((*gate, "signoffs"), "Förankring som krävs för att gå vidare", "multi",
                      _choices(v.SIGNOFF_LABELS), group=group),
            FieldSpec((*gate, "rules"), "Regler som inte får brista för att gå vidare", "multi", rules, group=group,
                      none_is_a_choice=True),
            FieldSpec((*gate, "note"), GUIDELINE_TEXT + " om villkoren för att gå vidare", "textarea", group=group),
            FieldSpec((*gate, "opinions", "bodies"), "Vilka som ska ha yttrat sig (en per rad)", "lines",
                      group=group),
            FieldSpec((*gate, "opinions", "affected_boards"), "Alla berörda nämnder ska ha yttrat sig", "bool",
                      group=group),
            FieldSpec((*gate, "opinions", "note"), GUIDELINE_TEXT + " om yttrandena", "textarea", group=group),
            FieldSpec((*at, "template"), "Mall eller blankett steget använder", "text", group=group),
            FieldSpec((*at, "description"), "Beskrivning", "textarea", group=group),
        ]  # fmt: skip
    return fields


def rules_part(document: Document) -> list[FieldSpec]:
    fields = []
    stages = _stage_choices(document)
    for index, rule in enumerate(document.get("rules") or []):
        title = rule.get("title") or v.RULE_TITLES.get(str(rule.get("id")), "")
        group = f"Regel {index + 1}: {title}"
        at: Path = ("rules", index)
        fields += [
            FieldSpec((*at, "title"), "Rubrik", "text", group=group),
            FieldSpec((*at, "clause"), GUIDELINE_TEXT, "textarea", group=group),
            FieldSpec((*at, "clause_kind"), "Texten är", "choice", CLAUSE_KIND, group=group),
            FieldSpec((*at, "clause_source"), "Var texten står", "text", group=group),
            FieldSpec((*at, "explanation"), "Förklaring på vanlig svenska", "textarea", group=group),
            FieldSpec((*at, "severity"), "Allvar", "choice", SEVERITY, group=group),
            FieldSpec((*at, "check"), "Kontroll", "choice", CHECK, group=group),
            FieldSpec((*at, "stages"), "Prövas i stegen", "multi", stages, group=group),
        ]
    return fields


def reporting_fields(document: Document, prefix: Path = (), heading: str = "") -> list[FieldSpec]:
    fields = []
    scope = (("project", "varje projekt"), ("fund", "fonden som helhet"))
    for index, name in _items(document, (*prefix, "reporting"), "Uppföljning", "Ny uppföljning"):
        at: Path = (*prefix, "reporting", index)
        group = f"{heading}{name}"
        fields += [
            FieldSpec((*at, "what"), "Vad som följs upp", "text", group=group),
            FieldSpec((*at, "frequency"), "Hur ofta", "choice", _choices(v.FREQUENCY_LABELS), group=group),
            FieldSpec((*at, "scope"), "Gäller", "choice", scope, group=group),
            FieldSpec((*at, "month"), "Månad", "choice", MONTHS, group=group, numeric=True),
            FieldSpec((*at, "recipient"), "Rapporteras till", "text", group=group),
            FieldSpec((*at, "responsible"), "Ansvarig", "text", group=group),
            FieldSpec((*at, "note"), GUIDELINE_TEXT, "textarea", group=group),
        ]
    return fields


def reporting_part(document: Document) -> list[FieldSpec]:
    return reporting_fields(document)


# -- funding tracks -------------------------------------------------------------------------------------
def tracks_part(document: Document) -> list[FieldSpec]:
    """Each track with the parts it replaces for the initiatives on it (Luleå: three tracks)."""
    fields = []
    tracks = document.get("tracks") or []
    for index, name in _items(document, ("tracks",), "Spår", "Nytt spår"):
        at: Path = ("tracks", index)
        title = str(tracks[index].get("name_sv") or "") if index < len(tracks) else ""
        heading = f"{name}: {title} – " if title else f"{name} – "
        fields += [
            FieldSpec(
                (*at, "name_sv"),
                "Spårets namn",
                "text",
                group=f"{name}: {title}" if title else name,
                help="" if index < len(tracks) else "Spara spåret först; sedan anger du dess egna villkor här.",
            ),
            FieldSpec((*at, "name_en"), "Namn på engelska", "text", group=f"{name}: {title}" if title else name),
            FieldSpec((*at, "note"), GUIDELINE_TEXT, "textarea", group=f"{name}: {title}" if title else name),
        ]
        if index < len(tracks):
            fields += applicant_fields(document, at, f"{heading}vem ansöker")
            fields += partnership_fields(document, at, heading)
            fields += limit_fields(at, f"{heading}belopp och villkor")
            fields += call_fields(at, f"{heading}ansökningstider")
            fields += calculation_fields(at, f"{heading}socioekonomisk beräkning")
            fields += reporting_fields(document, at, heading)
    if tracks:
        choices = tuple((str(t.get("code")), str(t.get("name_sv") or "")) for t in tracks)
        fields.append(FieldSpec(("default_track",), "Spår när inget annat anges", "choice", choices, group="Spår"))
    return fields


# -- sources and what the sources leave open -----------------------------------------------------------
_PART_NAMES = {
    "limits": "Belopp och villkor",
    "calls": "Ansökningstider",
    "funding": "Fondens medel",
    "evaluation": "Uppföljning och utvärdering",
    "partnership": "Samverkan",
    "organisation": "Organisation",
}


def open_label(path: str) -> str:
    """What an entry of the list of open questions concerns, in Swedish."""
    labels = {dimension.path: dimension.label for dimension in DIMENSIONS}
    return labels.get(path) or _PART_NAMES.get(path) or labels.get(path.split(".", 1)[0], "Övrigt")


def sources_part(document: Document) -> list[FieldSpec]:
    fields = []
    for index, name in _items(document, ("sources",), "Källa", "Ny källa"):
        at: Path = ("sources", index)
        fields += [
            FieldSpec((*at, "key"), "Förkortning som hänvisningarna använder", "text", group=name),
            FieldSpec((*at, "title"), "Källans titel", "text", group=name),
            FieldSpec((*at, "url"), "Webbadress", "text", group=name),
            FieldSpec((*at, "location"), "Var i källan", "text", group=name),
            FieldSpec((*at, "note"), "Anmärkning", "textarea", group=name),
        ]
    for index, note in enumerate(document.get("unset") or []):
        group = f"Lämnas öppet: {open_label(str(note.get('path') or ''))}"
        fields.append(FieldSpec(("unset", index, "reason"), "Varför riktlinjerna inte anger det", "textarea",
                                group=group))  # fmt: skip
    return fields
