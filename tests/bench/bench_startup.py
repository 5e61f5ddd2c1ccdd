"""Start-up benchmark: whole processes, medians and ratios against their floors.

Not collected by pytest (the file name does not start with test_). Run it in the
environment the tool is installed in:

    python tests/bench/bench_startup.py [--runs 30]

Each command is timed as a whole process, alternating with its floor so that
machine noise hits both alike. The floor of any Typer command is
`python -c "import typer"`; the floor of drawing a Rich table adds
`rich.console` and `rich.table`. Target: each ratio at most 1.25, peak memory
under 40 MiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

TARGET_RATIO = 1.25
TARGET_MIB = 40


def _script() -> list[str]:
    path = shutil.which("llmcompare") or os.path.join(os.path.dirname(sys.executable), "llmcompare")
    return [path]


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run of `argv`."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def compare(name: str, command: list[str], floor: list[str], runs: int) -> bool:
    for _ in range(3):  # warm the file cache and bytecode
        timed(command)
        timed(floor)
    times, floors, peak = [], [], 0.0
    for _ in range(runs):
        seconds, mib = timed(command)
        times.append(seconds)
        peak = max(peak, mib)
        floors.append(timed(floor)[0])
    median, floor_median = statistics.median(times), statistics.median(floors)
    ratio = median / floor_median
    ok = ratio <= TARGET_RATIO and peak < TARGET_MIB
    print(
        f"{name:<44} median {median * 1000:6.1f} ms  floor {floor_median * 1000:6.1f} ms  "
        f"ratio {ratio:4.2f}  peak {peak:5.1f} MiB  {'ok' if ok else 'OVER TARGET'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    py = sys.executable
    results = [
        compare(
            "cost --input 1B --output 200M --json",
            [*_script(), "cost", "--input", "1B", "--output", "200M", "--json"],
            [py, "-c", "import typer"],
            runs,
        ),
        compare(
            "diff llama-guard-2-8b qwen3.5-4b (table)",
            [*_script(), "diff", "llama-guard-2-8b", "qwen3.5-4b"],
            [py, "-c", "import typer, rich.console, rich.table"],
            runs,
        ),
    ]
    print(f"targets: ratio <= {TARGET_RATIO}, peak < {TARGET_MIB} MiB")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
