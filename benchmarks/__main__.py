"""Run the benchmarks: `python -m benchmarks [--quick] [NAME ...]`: every one but those marked
`DEFAULT = False`, which run only when named. Each prints JSON lines; the last line says how long each
benchmark took.

`--quick` (what `make bench` runs, a few minutes) measures the same figures on smaller fixtures with fewer
repeats (2 000 cases instead of 10 000, 3-second load runs); `make bench-full` runs the full sizes and the
100 000-case lists. The mode is printed first, so a figure is never read without its size."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    if "--quick" in argv:
        argv = [arg for arg in argv if arg != "--quick"]
        # Before any benchmark module is imported: they and their worker processes read it (harness.QUICK).
        os.environ["BENCH_QUICK"] = "1"
    from benchmarks.harness import QUICK, emit

    print(json.dumps({"benchmark": "mode", "mode": "quick" if QUICK else "full"}), flush=True)
    folder = Path(__file__).parent
    names = sorted(
        m.name.removeprefix("bench_") for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_")
    )
    unknown = [n for n in argv if n not in names]
    if unknown:
        print(f"okänd benchmark: {', '.join(unknown)}; finns: {', '.join(names)}", file=sys.stderr)
        return 2
    modules = {name: importlib.import_module(f"benchmarks.bench_{name}") for name in argv or names}
    wanted = argv or [name for name, module in modules.items() if getattr(module, "DEFAULT", True)]
    seconds: dict[str, float] = {}
    failed = False
    for name in wanted:
        start = time.perf_counter()
        try:
            emit(modules[name].run())
        except Exception as error:  # noqa: BLE001 - one failing benchmark must not hide the others' figures
            emit([{"benchmark": name, "error": f"{type(error).__name__}: {error}"[:500]}])
            failed = True
        seconds[name] = round(time.perf_counter() - start, 1)
    print(json.dumps({"benchmark": "seconds_per_benchmark", **seconds}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
