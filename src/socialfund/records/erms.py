"""The CITS ERMS case file (https://DILCIS.eu/XML/ERMS) of an archive package: the case as an aggregation
of type caseFile and each registered handling as a record, with its number, direction, counterpart,
classification and, where secrecy applies, the OSL paragraph.

The element names follow CITS ERMS 2.1 (control, maintenanceInformation, aggregations, aggregation,
record); the E-ARK validator checks the METS around it, not this file against the ERMS schema.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree  # type: ignore[import-untyped]

from socialfund.cases.models import Initiative
from socialfund.records.models import Handling

NS = "https://DILCIS.eu/XML/ERMS"
DIRECTION = {"incoming": "incoming", "outgoing": "outgoing", "drawn_up": "internal"}


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        element.text = text
    return element


def erms_case_file(
    initiative: Initiative, handlings: list[Handling], files: dict[int, str], *, now: dt.datetime
) -> bytes:
    """`files` maps a handling's pk to its document's path in the package."""
    root = etree.Element(f"{{{NS}}}erms", nsmap={None: NS})
    control = _el(root, "control")
    _el(control, "identification", initiative.registry_number, identificationType="caseNumber")
    schema = _el(control, "classificationSchema")
    text = _el(schema, "textualDescriptionOfClassificationSchema")
    _el(text, "p", f"{initiative.fund.name}: klassificeringsstruktur enligt KLASSA")
    maintenance = _el(control, "maintenanceInformation")
    _el(maintenance, "maintenanceStatus", value="new")
    agency = _el(maintenance, "maintenanceAgency")
    _el(agency, "agencyName", initiative.fund.organisation.name)
    history = _el(maintenance, "maintenanceHistory")
    event = _el(history, "maintenanceEvent")
    _el(event, "eventType", value="created")
    _el(event, "eventDateTime", now.replace(microsecond=0).isoformat())
    agent = _el(event, "agent", agentType="creator")
    _el(agent, "name", "socialfund")

    aggregations = _el(root, "aggregations")
    case = _el(aggregations, "aggregation", aggregationType="caseFile", systemIdentifier=f"case-{initiative.pk}")
    _el(case, "objectId", initiative.registry_number)
    first = handlings[0].classification if handlings else None
    if first is not None:
        _el(case, "classification", f"{first.code} {first.title}")
    _el(case, "title", initiative.title)
    case_agents = _el(case, "agents")
    initiator = _el(case_agents, "agent", agentType="initiator")
    _el(initiator, "name", initiative.initiator_name)
    dates = _el(case, "dates")
    if initiative.filed_on:
        _el(dates, "date", initiative.filed_on.isoformat(), dateType="opened")
    decision = getattr(initiative, "decision", None)
    if decision is not None:
        _el(dates, "date", decision.decided_on.isoformat(), dateType="closed")
    for handling in handlings:
        record = _el(case, "record", systemIdentifier=f"handling-{handling.pk}", recordType="document")
        _el(record, "objectId", handling.number)
        if handling.classification is not None:
            _el(record, "classification", f"{handling.classification.code} {handling.classification.title}")
        _el(record, "title", handling.title)
        if handling.is_secret:
            _el(record, "title", handling.public_title, titleType="public")
            _el(record, "restriction", handling.secrecy_paragraph, restrictionType="secrecy")
        _el(record, "direction", DIRECTION[handling.direction])
        if handling.counterpart:
            agents = _el(record, "agents")
            role = "sender" if handling.direction == "incoming" else "receiver"
            counterpart = _el(agents, "agent", agentType=role if handling.direction != "drawn_up" else "creator")
            _el(counterpart, "name", handling.counterpart)
        record_dates = _el(record, "dates")
        _el(record_dates, "date", handling.registered_on.isoformat(), dateType="registered")
        if handling.pk in files:
            extra = _el(record, "additionalInformation")
            _el(extra, "appendix", name=files[handling.pk].rsplit("/", 1)[-1], path=files[handling.pk])
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
