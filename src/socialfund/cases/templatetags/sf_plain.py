"""{{ finding.message|without_file_keys }}: a screening message as a page shows it, without the file's key names.

The screening's messages serve the CLI too, where "(method.description)" tells the author of
an initiative file which key to fill in. On a page people see the step's Swedish labels, so
the key in brackets is left out there.
"""

from __future__ import annotations

import re

from django import template

register = template.Library()

_FILE_KEY = re.compile(r"\s*\((?:[a-z_]+(?:\[\d+\])?)(?:\.[a-z_]+(?:\[\d+\])?)*\)")


@register.filter
def without_file_keys(message: str) -> str:
    return _FILE_KEY.sub("", str(message))
