"""The E-ARK project's validator (`eark-validator` from PyPI), run offline.

At import it reads four CSIP vocabularies from the web (earkcsip.dilcis.eu); the same files ship inside
the package, so the import is pointed at those copies. Nothing else of the validator is changed.
"""

from __future__ import annotations

import importlib
import io
import sys
import urllib.request
from pathlib import Path
from typing import Any
from unittest import mock


def _load_validator() -> Any:
    if "eark_validator.packages" in sys.modules:
        return sys.modules["eark_validator.packages"]
    vocabs = Path(importlib.util.find_spec("eark_validator").origin).parent / "ipxml" / "resources" / "vocabs"  # type: ignore[arg-type, union-attr]

    def shipped_copy(url: str, *args: Any, **kwargs: Any) -> io.BytesIO:
        name = url.rsplit("/", 1)[-1]
        if not url.startswith("https://earkcsip.dilcis.eu/schema/") or not (vocabs / name).is_file():
            raise AssertionError(f"the validator asked for {url}, which is not shipped with it")
        return io.BytesIO((vocabs / name).read_bytes())

    with mock.patch.object(urllib.request, "urlopen", shipped_copy):
        return importlib.import_module("eark_validator.packages")


# eark-validator 1.1.3's SIP rules ask an unqualified NOTETYPE="IDENTIFICATIONCODE" on the note of every
# CREATOR agent (SIP14), while CSIP asks that same agent's one note to carry csip:NOTETYPE="SOFTWARE VERSION"
# (CSIP15, CSIP16) and the METS schema refuses an unqualified NOTETYPE: no SIP satisfies all three. SIP14
# is the one rule set aside; every other error (structure, METS schema, CSIP and SIP rules) fails the test.
CONTRADICTORY_RULES = frozenset({"SIP14"})


def validate(package: Path) -> tuple[bool, list[str]]:
    """(valid, the messages of every error and warning) for a package directory or zip."""
    packages = _load_validator()
    from eark_validator.specifications.specification import SpecificationVersion

    report = packages.PackageValidator(package, SpecificationVersion.V2_1_0).validation_report
    messages = []
    for message in report.structure.messages:
        messages.append(f"structure {message.severity}: {message.rule_id} {message.message}")
    for result_set in (report.metadata.schema_results, report.metadata.schematron_results):
        for message in result_set.messages:
            messages.append(f"{message.severity}: {message.rule_id} {message.message} @ {message.location}")
    errors = [
        m
        for result_set in (report.metadata.schema_results, report.metadata.schematron_results)
        for m in result_set.messages
        if str(m.severity).endswith("ERROR") and m.rule_id not in CONTRADICTORY_RULES
    ]
    structure_ok = str(report.structure.status).endswith("WELLFORMED")
    return structure_ok and not errors, messages
