"""E-ARK CSIP/SIP package of a closed case, for delivery to the e-archive.

    <OBJID>/METS.xml                         the package's METS (CSIP 2.1, SIP profile)
    <OBJID>/metadata/descriptive/erms.xml    the CITS ERMS case file (records.erms)
    <OBJID>/representations/rep1/METS.xml    the representation's METS
    <OBJID>/representations/rep1/data/*.pdf  each registered document and the case log, as PDF/A-2b

Every file is listed with its size, date and SHA-256 checksum. The PDFs are rendered here with
WeasyPrint's PDF/A variant (the shared document renderer keeps its own default).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import mimetypes
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from lxml import etree  # type: ignore[import-untyped]

from socialfund.audit.models import AuditEvent
from socialfund.cases.models import Initiative
from socialfund.records.cullers import OPEN_STATUSES
from socialfund.records.erms import erms_case_file
from socialfund.records.models import Handling
from socialfund.records.services import RecordsError

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {None: METS, "csip": CSIP, "sip": SIP, "xlink": XLINK, "xsi": XSI}
SCHEMA_LOCATION = f"{METS} http://www.loc.gov/standards/mets/mets.xsd"
SOFTWARE = "socialfund"
PDF_VARIANT = "pdf/a-2b"


@dataclass(frozen=True)
class PackedFile:
    path: Path
    relative: str
    created: dt.datetime

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest().upper()

    @property
    def mimetype(self) -> str:
        return mimetypes.guess_type(self.path.name)[0] or "application/octet-stream"


# -- documents ---------------------------------------------------------------------------------------


def _document_text(handling: Handling, initiative: Initiative) -> str:
    """The document's own words as socialfund keeps them."""
    source = handling.source_type
    if source in ("cases.initiative", "cases.initiative.idea", "cases.initiative.application"):
        return initiative.summary
    if source == "cases.initiative.preparation_memo":
        return initiative.preparation_memo
    if source == "cases.decision":
        decision = initiative.decision
        return "\n\n".join(part for part in (decision.text, decision.conditions) if part)
    if source == "cases.opinion":
        opinion = initiative.opinions.filter(pk=handling.source_id).first()
        return opinion.summary if opinion else ""
    return ""


def _page(title: str, rows: list[tuple[str, str]], body: str) -> str:
    cells = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows if v)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>@page{size:A4;margin:2cm}body{font-family:sans-serif;font-size:11pt}"
        "th{text-align:left;padding-right:1em;vertical-align:top}</style></head>"
        f"<body><h1>{html.escape(title)}</h1><table>{cells}</table>{paragraphs}</body></html>"
    )


def _pdf_a(markup: str, target: Path) -> None:
    from weasyprint import HTML

    HTML(string=markup).write_pdf(target, pdf_variant=PDF_VARIANT)


def _handling_document(handling: Handling, initiative: Initiative, target: Path) -> None:
    rows = [
        ("Diarienummer", handling.number),
        ("Registrerad", handling.registered_on.isoformat()),
        ("Riktning", str(handling.get_direction_display())),
        ("Avsändare/mottagare", handling.counterpart),
        ("Handlingstyp", str(handling.get_record_type_display())),
        ("Klassificering", str(handling.classification or "")),
        ("Sekretess", handling.secrecy_paragraph),
    ]
    _pdf_a(_page(handling.title, rows, _document_text(handling, initiative)), target)


def _case_log(initiative: Initiative, target: Path) -> None:
    events = AuditEvent.objects.filter(initiative=initiative).select_related("actor")
    lines = "\n\n".join(
        f"{timezone.localtime(e.occurred_at):%Y-%m-%d %H:%M} {e.actor.get_full_name() or e.actor.username if e.actor else ''}: "
        f"{e.message or e.action}"
        for e in events
    )
    _pdf_a(_page(f"Ärendelogg: {initiative.title}", [("Diarienummer", initiative.registry_number)], lines), target)


def _about(initiative: Initiative, handlings: list[Handling], target: Path) -> None:
    """The package's documentation: what it holds and how it was made."""
    rows = [
        ("Ärende", f"{initiative.registry_number} {initiative.title}"),
        ("Arkivbildare", initiative.fund.organisation.name),
        ("Fond", initiative.fund.name),
        ("Handlingar", str(len(handlings))),
        ("Format", "PDF/A-2b; metadata i METS (E-ARK CSIP/SIP 2.1) och CITS ERMS 2.1"),
    ]
    lines = "\n\n".join(
        f"{h.number} {h.get_direction_display()} {h.registered_on.isoformat()} {h.shown_title}" for h in handlings
    )
    _pdf_a(_page(f"Om leveransen: {initiative.title}", rows, lines), target)


# -- METS ----------------------------------------------------------------------------------------------


def _m(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{METS}}}{name}", attrs)


def _file_attrs(f: PackedFile, checksums: bool = True) -> dict[str, str]:
    return {
        "MIMETYPE": f.mimetype,
        "SIZE": str(f.size),
        "CREATED": f.created.isoformat(),
        "CHECKSUM": f.sha256,
        "CHECKSUMTYPE": "SHA-256",
    }


SCHEMAS_DIR = Path(__file__).parent / "schemas"
SCHEMA_FILES = ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", "DILCISExtensionSIPMETS.xsd")
# The validator reads CSIP63 as asking every file group to name its content information type; "OTHER"
# with the specification's name is the form it takes for all of them.
GROUP_TYPE = {f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "OTHER", f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE": "citserms_v2_1"}


def _group(parent: etree._Element, group_id: str, use: str) -> etree._Element:
    return _m(parent, "fileGrp", ID=group_id, USE=use, **GROUP_TYPE)


def _flocat(parent: etree._Element, href: str) -> None:
    _m(parent, "FLocat", LOCTYPE="URL", **{f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": href})


def _mets_root(objid: str, label: str, now: dt.datetime, organisation: str) -> etree._Element:
    root = etree.Element(
        f"{{{METS}}}mets",
        {
            "OBJID": objid,
            "LABEL": label,
            "TYPE": "Mixed",
            "PROFILE": "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml",
            f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "citserms_v2_1",
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
        },
        nsmap=NSMAP,
    )
    header = _m(
        root,
        "metsHdr",
        CREATEDATE=now.isoformat(),
        RECORDSTATUS="NEW",
        **{f"{{{CSIP}}}OAISPACKAGETYPE": "SIP"},
    )
    creator = _m(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    etree.SubElement(creator, f"{{{METS}}}name").text = SOFTWARE
    note = etree.SubElement(creator, f"{{{METS}}}note", {f"{{{CSIP}}}NOTETYPE": "SOFTWARE VERSION"})
    from importlib.metadata import version

    note.text = version("socialfund")
    submitter = _m(header, "agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
    etree.SubElement(submitter, f"{{{METS}}}name").text = organisation
    return root


def _write(root: etree._Element, target: Path) -> None:
    target.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _representation_mets(
    objid: str, label: str, files: list[PackedFile], now: dt.datetime, organisation: str
) -> etree._Element:
    root = _mets_root(f"{objid}-rep1", label, now, organisation)
    file_sec = _m(root, "fileSec", ID="filesec-rep1")
    group = _group(file_sec, "filegrp-data", "Data")
    ids = []
    for n, f in enumerate(files, start=1):
        file_id = f"file-{n}"
        ids.append(file_id)
        element = _m(group, "file", ID=file_id, **_file_attrs(f))
        _flocat(element, f.relative)
    struct = _m(root, "structMap", ID="structmap-rep1", TYPE="PHYSICAL", LABEL="CSIP")
    top = _m(struct, "div", ID="div-rep1", LABEL=f"{objid}-rep1")
    data = _m(top, "div", ID="div-rep1-data", LABEL="Data")
    for file_id in ids:
        _m(data, "fptr", FILEID=file_id)
    return root


def _package_mets(
    objid: str,
    label: str,
    erms: PackedFile,
    rep_mets: PackedFile,
    documentation: list[PackedFile],
    schemas: list[PackedFile],
    now: dt.datetime,
    organisation: str,
) -> etree._Element:
    root = _mets_root(objid, label, now, organisation)
    dmd = _m(root, "dmdSec", ID="dmd-erms", CREATED=now.isoformat(), STATUS="CURRENT")
    _m(
        dmd,
        "mdRef",
        LOCTYPE="URL",
        MDTYPE="OTHER",
        OTHERMDTYPE="ERMS",
        **{f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": erms.relative},
        **_file_attrs(erms),
    )
    file_sec = _m(root, "fileSec", ID="filesec")
    listed: dict[str, list[str]] = {}
    for use, group_files in (("Documentation", documentation), ("Schemas", schemas)):
        group = _group(file_sec, f"filegrp-{use.lower()}", use)
        for n, f in enumerate(group_files, start=1):
            file_id = f"file-{use.lower()}-{n}"
            listed.setdefault(use, []).append(file_id)
            _flocat(_m(group, "file", ID=file_id, **_file_attrs(f)), f.relative)
    group = _group(file_sec, "filegrp-rep1", "Representations/rep1")
    element = _m(group, "file", ID="file-rep1-mets", **_file_attrs(rep_mets))
    _flocat(element, rep_mets.relative)
    struct = _m(root, "structMap", ID="structmap", TYPE="PHYSICAL", LABEL="CSIP")
    top = _m(struct, "div", ID="div-package", LABEL=objid)
    _m(top, "div", ID="div-metadata", LABEL="Metadata", DMDID="dmd-erms")
    # CSIP 2.1's structural map points at file groups, one fptr per group.
    for use in listed:
        division = _m(top, "div", ID=f"div-{use.lower()}", LABEL=use)
        _m(division, "fptr", FILEID=f"filegrp-{use.lower()}")
    representations = _m(top, "div", ID="div-representations", LABEL="Representations")
    _m(representations, "fptr", FILEID="filegrp-rep1")
    rep = _m(representations, "div", ID="div-rep1", LABEL="Representations/rep1")
    _m(
        rep,
        "mptr",
        LOCTYPE="URL",
        **{f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": rep_mets.relative, f"{{{XLINK}}}title": "rep1"},
    )
    return root


# -- the package -------------------------------------------------------------------------------------


def package_build(initiative: Initiative, directory: Path, *, now: dt.datetime | None = None) -> Path:
    """Write the case's package under `directory`; returns the package's folder. Only a closed case is packed."""
    if initiative.status in OPEN_STATUSES:
        raise RecordsError("Ärendet är inte avslutat; bara avslutade ärenden levereras till e-arkivet.")
    now = (now or timezone.now()).replace(microsecond=0)
    objid = f"uuid-{uuid.uuid5(uuid.NAMESPACE_URL, f'socialfund:{initiative.fund.slug}:{initiative.pk}')}"
    base = directory / objid
    if base.exists():
        shutil.rmtree(base)
    data = base / "representations" / "rep1" / "data"
    data.mkdir(parents=True)
    (base / "metadata" / "descriptive").mkdir(parents=True)
    organisation = initiative.fund.organisation.name

    handlings = list(
        Handling.objects.filter(initiative=initiative, culled_on__isnull=True).select_related("classification")
    )
    files: list[PackedFile] = []
    paths: dict[int, str] = {}
    for handling in handlings:
        name = f"{handling.serial:03d}-{handling.record_type}.pdf"
        _handling_document(handling, initiative, data / name)
        files.append(PackedFile(data / name, f"data/{name}", now))
        paths[handling.pk] = f"representations/rep1/data/{name}"
    _case_log(initiative, data / "arendelogg.pdf")
    files.append(PackedFile(data / "arendelogg.pdf", "data/arendelogg.pdf", now))

    erms_path = base / "metadata" / "descriptive" / "erms.xml"
    erms_path.write_bytes(erms_case_file(initiative, handlings, paths, now=now))
    erms = PackedFile(erms_path, "metadata/descriptive/erms.xml", now)

    label = f"{initiative.registry_number} {initiative.title}"
    rep_path = base / "representations" / "rep1" / "METS.xml"
    _write(_representation_mets(objid, label, files, now, organisation), rep_path)
    rep_mets = PackedFile(rep_path, "representations/rep1/METS.xml", now)

    (base / "documentation").mkdir()
    about = base / "documentation" / "om-leveransen.pdf"
    _about(initiative, handlings, about)
    documentation = [PackedFile(about, "documentation/om-leveransen.pdf", now)]
    (base / "schemas").mkdir()
    schemas = []
    for name in SCHEMA_FILES:
        shutil.copyfile(SCHEMAS_DIR / name, base / "schemas" / name)
        schemas.append(PackedFile(base / "schemas" / name, f"schemas/{name}", now))
    _write(_package_mets(objid, label, erms, rep_mets, documentation, schemas, now, organisation), base / "METS.xml")
    return base


def package_zip(folder: Path) -> Path:
    target = folder.with_suffix(".zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(folder.parent))
    return target
