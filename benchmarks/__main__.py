"""Run the benchmarks: `python -m benchmarks [NAME ...]`."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from benchmarks.harness import emit


def main(argv: list[str]) -> int:
    folder = Path(__file__).parent
    names = sorted(
        m.name.removeprefix("bench_") for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_")
    )
    wanted = argv or names
    unknown = [n for n in wanted if n not in names]
    if unknown:
        print(f"okänd benchmark: {', '.join(unknown)}; finns: {', '.join(names)}", file=sys.stderr)
        return 2
    for name in wanted:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        emit(module.run())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
