"""The `socialfund` command.

Commands that need only the pure core (`calc`, `screen`, `policy`, `simulate`) run without
Django and without a database; everything else is a Django management command
(`migrate`, `demo`, `runserver`, `ledger`, `fund`…), run with the project's
settings.
"""

from __future__ import annotations

import importlib
import os
import sys

# command name -> module with `main(argv: list[str]) -> int`
CORE_COMMANDS = {
    "calc": "socialfund.commands.calc",
    "screen": "socialfund.commands.screen",
    "policy": "socialfund.commands.policy",
    "simulate": "socialfund.commands.simulate",
    "kpi": "socialfund.commands.kpi",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in CORE_COMMANDS:
        module = importlib.import_module(CORE_COMMANDS[args[0]])
        code: int = module.main(args[1:])
        return code
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialfund.settings")
    import django
    from django.core.management import execute_from_command_line

    if not args or args[0].startswith("-"):
        execute_from_command_line(["socialfund", *args])
        return 0
    django.setup()
    from socialfund.tenancy.commands import run_command

    # which organisation the command works for: one (SOCIALFUND_TENANT) or, explicitly, every one (docs/tenancy.md)
    run_command(args[0], lambda: execute_from_command_line(["socialfund", *args]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
