"""Scale benchmark: whole processes over a 20,000-model catalog layer.

Not collected by pytest (the file name does not start with test_). Run it in the
environment the tool is installed in:

    python tests/bench/bench_scale.py [--models 20000] [--runs 10] [--dir PATH]

It writes a synthetic layer (generate_catalog.py, beside this file) into a
temporary folder, or uses the one in --dir (generating it there first if the
folder is empty; it is kept), and puts it in the stack as an import layer (how
thousands of models arrive: `catalog import`, `catalog update`), or with
`--layer-as folder` as a team folder (LLMCOMPARE_CATALOG), whose files are
stamped one by one. The compiled-catalog cache, data and config folders are
private temporary folders too, so nothing of the user's is read or touched.

The first run builds the cache ("cold build"). Then each command is timed as a
whole process, alternating with its floor so that machine noise hits both
alike, as in bench_startup.py: `python -c "import typer"` for JSON, plus
`rich.console` and `rich.table` for a table. Then `cost --json` over every row,
against a process that writes the same bytes; one run after a one-file edit of
the layer (what an edit costs); and one run with the cache deleted ("cold
run"). Each line says its target and whether it was met. The exit status is
always 0: this prints figures, it is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

from generate_catalog import MANIFEST, generate

TABLE_FLOOR = "import typer, rich.console, rich.table"
TYPER_FLOOR = "import typer"
WARMUP = 2  # runs of each command and its floor before timing: file cache, bytecode
LIST_FILTERS = ("--capability", "vision", "--min-context", "128k", "--max-input-price", "1")
COLD_RUN_TARGET_S = 5.0
WRITER_RATIO_TARGET = 2.0


class RunFailed(Exception):
    """A timed command exited with an error: its argv and the end of its stderr."""


class Bench(NamedTuple):
    """What every timed process shares: the tool, the interpreter and the environment."""

    tool: list[str]
    python: str
    env: dict[str, str]

    def llmcompare(self, *args: str) -> list[str]:
        return [*self.tool, *args]

    def floor(self, code: str) -> list[str]:
        return [self.python, "-c", code]


def _tool() -> list[str]:
    """The llmcompare script of this interpreter's environment, else the one on PATH."""
    beside = os.path.join(os.path.dirname(sys.executable), "llmcompare")
    return [beside if os.path.isfile(beside) else shutil.which("llmcompare") or beside]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run of `argv`."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if proc.returncode != 0:
        # Run again to say why: the timed run keeps stderr out of the measurement.
        again = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        reason = (again.stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        raise RunFailed(f"{' '.join(argv[1:])}: {reason}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def _medians(bench: Bench, argvs: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """(median seconds, peak MiB) of each command, run in turn `runs` times after a warm-up."""
    for _ in range(WARMUP):
        for argv in argvs:
            timed(argv, bench.env)
    times: list[list[float]] = [[] for _ in argvs]
    peaks = [0.0 for _ in argvs]
    for _ in range(runs):
        for i, argv in enumerate(argvs):
            seconds, mib = timed(argv, bench.env)
            times[i].append(seconds)
            peaks[i] = max(peaks[i], mib)
    return [(statistics.median(t), peak) for t, peak in zip(times, peaks, strict=True)]


def _row(
    name: str, median: str, floor: str, ratio: str, peak: str, target: str, verdict: str = ""
) -> str:
    return f"{name:<28}{median:>10}{floor:>10}{ratio:>7}{peak:>10}  {target:<18}{verdict}".rstrip()


def compare(
    bench: Bench,
    name: str,
    args: list[str],
    floor: str,
    runs: int,
    ratio_target: float,
    mib_target: float | None,
) -> None:
    """One line: the command's median against its floor's, and its peak memory."""
    try:
        (median, peak), (floor_median, _) = _medians(
            bench, [bench.llmcompare(*args), bench.floor(floor)], runs
        )
    except RunFailed as exc:
        print(_row(name, "-", "-", "-", "-", "-", f"FAILED: {exc}"), flush=True)
        return
    ratio = median / floor_median
    ok = ratio <= ratio_target and (mib_target is None or peak < mib_target)
    target = f"<={ratio_target:g}" + (f", <{mib_target:g} MiB" if mib_target else "")
    print(
        _row(
            name,
            f"{median * 1000:.1f}",
            f"{floor_median * 1000:.1f}",
            f"{ratio:.2f}",
            f"{peak:.1f}",
            target,
            "ok" if ok else "OVER",
        ),
        flush=True,
    )


def every_row(bench: Bench, scratch: Path, runs: int) -> None:
    """`cost --json` over every model: its size, its cost per 1,000 rows over the
    typer floor, and its median against a process that only writes the same bytes."""
    saved = scratch / "cost-all.json"
    argv = bench.llmcompare("cost", "--json")
    try:
        with open(saved, "wb") as out:
            subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL, env=bench.env, check=True)
        rows = len(json.loads(saved.read_bytes())["rows"])  # parsed once, outside the timing
        writer = bench.floor(
            f"import sys; sys.stdout.buffer.write(open({str(saved)!r},'rb').read())"
        )
        (median, peak), (writer_median, _), (floor_median, _) = _medians(
            bench, [argv, writer, bench.floor(TYPER_FLOOR)], runs
        )
    except (RunFailed, subprocess.CalledProcessError, ValueError, KeyError) as exc:
        print(f"cost --json (every row): FAILED: {exc}", flush=True)
        return
    size_mb = saved.stat().st_size / 1_000_000
    per_thousand = (median - floor_median) / rows * 1000 * 1000 if rows else float("nan")
    ratio = median / writer_median
    verdict = "ok" if ratio <= WRITER_RATIO_TARGET else "OVER"
    print(
        f"cost --json (every row): median {median * 1000:.1f} ms, {rows:,} rows, "
        f"{size_mb:.1f} MB, peak {peak:.1f} MiB\n"
        f"  {per_thousand:.2f} ms per 1,000 rows over the typer floor "
        f"({floor_median * 1000:.1f} ms)\n"
        f"  a process writing the same bytes: median {writer_median * 1000:.1f} ms; "
        f"ratio {ratio:.2f} (target <= {WRITER_RATIO_TARGET:g})  {verdict}",
        flush=True,
    )


def one_file_rebuild(bench: Bench, path: Path, model_id: str, cold_build: float) -> None:
    """Time the run after one model file of the layer changes a price, then restore
    it. Beside the cold build: how much of a whole build one edit costs."""
    original = path.read_bytes()
    argv = bench.llmcompare("show", model_id, "--json")
    before = subprocess.run(argv, capture_output=True, env=bench.env, check=False).stdout
    # The first price in the file, set to one no generated route has (under the cap).
    changed, count = re.subn(
        rb"(?m)^input_usd_per_mtok = .*$", b"input_usd_per_mtok = 999.0", original, count=1
    )
    if not count:
        print(f"one-file rebuild: {path.name} has no input price to change", flush=True)
        return
    try:
        path.write_bytes(changed)
        seconds, peak = timed(argv, bench.env)
        after = subprocess.run(argv, capture_output=True, env=bench.env, check=False).stdout
        seen = "the new price is shown" if after != before else "NOT SEEN: output unchanged"
        print(
            f"one-file rebuild: {seconds:.2f} s, peak {peak:.1f} MiB, "
            f"{seconds / cold_build:.0%} of the cold build "
            f"(show {model_id} --json after editing {path.name}; {seen})",
            flush=True,
        )
    except RunFailed as exc:
        print(f"one-file rebuild: FAILED: {exc}", flush=True)
    finally:
        path.write_bytes(original)


def own_price_rebuild(bench: Bench, path: Path, model_id: str, cold_build: float) -> None:
    """Time the run after `catalog set-price` changes one price (one file of the
    user's own layer), then take it back: what a change in one folder costs."""
    match = re.search(rb'(?m)^provider = "([^"]+)"', path.read_bytes())
    if match is None:
        print(f"own-price rebuild: {path.name} has no route", flush=True)
        return
    provider = match.group(1).decode()
    argv = bench.llmcompare("show", model_id, "--json")
    try:
        setting, _ = timed(
            bench.llmcompare("catalog", "set-price", model_id, provider, "--input", "999"),
            bench.env,
        )
        seconds, peak = timed(argv, bench.env)
        print(
            f"own-price rebuild: {seconds:.2f} s, peak {peak:.1f} MiB, "
            f"{seconds / cold_build:.0%} of the cold build "
            f"(show {model_id} --json after catalog set-price {model_id} {provider}, "
            f"which itself took {setting:.2f} s, checking the stack with the new price)",
            flush=True,
        )
    except (RunFailed, subprocess.CalledProcessError) as exc:
        print(f"own-price rebuild: FAILED: {exc}", flush=True)
    finally:
        subprocess.run(
            bench.llmcompare("catalog", "unset", model_id), capture_output=True, env=bench.env
        )


def cold_run(bench: Bench, cache: Path, model_id: str) -> None:
    """One run with no compiled catalog at all: every TOML file parsed."""
    shutil.rmtree(cache, ignore_errors=True)
    try:
        seconds, peak = timed(bench.llmcompare("show", model_id, "--json"), bench.env)
    except RunFailed as exc:
        print(f"cold run: FAILED: {exc}", flush=True)
        return
    verdict = "ok" if seconds < COLD_RUN_TARGET_S else "OVER"
    print(
        f"cold run: {seconds:.2f} s, peak {peak:.1f} MiB (cache deleted; show {model_id} --json; "
        f"target < {COLD_RUN_TARGET_S:g} s)  {verdict}",
        flush=True,
    )


def _layer(scratch: Path, given: Path | None, models: int) -> tuple[Path, dict[str, Any]]:
    """The layer to use and its manifest: --dir's if it has one, else a new one
    (generate() refuses a folder that holds anything else)."""
    root = given if given is not None else scratch / "layer"
    path = root / MANIFEST
    manifest: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    if not manifest.get("complete"):  # none yet, or a generation that was cut short
        start = time.perf_counter()
        generate(root, models)
        print(f"generated {root} in {time.perf_counter() - start:.1f} s", flush=True)
        manifest = json.loads(path.read_text(encoding="utf-8"))
    return root, manifest


def run(args: argparse.Namespace, scratch: Path) -> None:
    try:
        layer, manifest = _layer(scratch, args.dir, args.models)
    except (OSError, ValueError) as exc:
        print(f"no layer: {exc}", flush=True)
        return
    examples = manifest.get("examples", [])
    if len(examples) < 3:
        print(f"{layer}: too few example models in {MANIFEST}; generate more models", flush=True)
        return
    cache = scratch / "cache"
    # Only what this benchmark sets: the user's layers, overrides and settings stay out.
    env = {key: value for key, value in os.environ.items() if not key.startswith("LLMCOMPARE_")}
    env |= {
        "LLMCOMPARE_CACHE_DIR": str(cache),
        "LLMCOMPARE_DATA_DIR": str(scratch / "data"),
        "LLMCOMPARE_CONFIG_DIR": str(scratch / "config"),
    }
    if args.layer_as == "folder":
        env["LLMCOMPARE_CATALOG"] = str(layer)
    else:  # an import layer: the data folder's imports/NAME
        imports = scratch / "data" / "imports"
        imports.mkdir(parents=True, exist_ok=True)
        (imports / "synth").symlink_to(layer.resolve(), target_is_directory=True)
    bench = Bench(_tool(), sys.executable, env)
    shown, other, edited = (example["id"] for example in examples[:3])
    edited_file = layer / "models" / examples[2]["creator"] / f"{edited}.toml"

    print(
        f"layer: {manifest['models']:,} models, {manifest['routes']:,} routes "
        f"(seed {manifest.get('seed')}) in {layer}",
        flush=True,
    )
    try:
        cold_build, _ = timed(bench.llmcompare("show", shown, "--json"), env)
        stats = json.loads(
            subprocess.run(
                bench.llmcompare("catalog", "stats", "--json"),
                capture_output=True,
                env=env,
                check=True,
            ).stdout
        )
    except (RunFailed, subprocess.CalledProcessError, ValueError) as exc:
        print(f"the tool does not run over this layer: {exc}", flush=True)
        return
    floors = _medians(bench, [bench.floor(TYPER_FLOOR), bench.floor(TABLE_FLOOR)], args.runs)
    print(
        f"stack: {stats.get('models', 0):,} models, {stats.get('routes', 0):,} routes "
        f"(bundled + layer)\n"
        f"floors (median of {args.runs}): {TYPER_FLOOR!r} {floors[0][0] * 1000:.1f} ms, "
        f"{TABLE_FLOOR!r} {floors[1][0] * 1000:.1f} ms\n"
        f"cold build: {cold_build:.2f} s (first run, empty cache)\n"
        f"A = {shown}, B = {other}; [filters] = {' '.join(LIST_FILTERS)}\n",
        flush=True,
    )
    print(_row("case", "median ms", "floor ms", "ratio", "peak MiB", "target"), flush=True)
    # (label, arguments, floor, ratio target, memory target)
    cases: list[tuple[str, list[str], str, float, float | None]] = [
        ("diff A B (table)", ["diff", shown, other], TABLE_FLOOR, 1.25, 40),
        ("show A (table)", ["show", shown], TABLE_FLOOR, 1.25, 40),
        ("show A --json", ["show", shown, "--json"], TYPER_FLOOR, 1.25, None),
        ("cost --top 20 --json", ["cost", "--top", "20", "--json"], TYPER_FLOOR, 1.5, 40),
        (
            "list [filters] --json",
            ["list", *LIST_FILTERS, "--json"],
            TYPER_FLOOR,
            1.5,
            None,
        ),
    ]
    for name, case_args, floor, ratio_target, mib_target in cases:
        compare(bench, name, case_args, floor, args.runs, ratio_target, mib_target)
    print()
    every_row(bench, scratch, args.runs)
    if args.layer_as == "folder":
        one_file_rebuild(bench, edited_file, edited, cold_build)
    else:
        own_price_rebuild(bench, edited_file, edited, cold_build)
    cold_run(bench, cache, shown)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=20_000, help="models in a new layer")
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each command")
    parser.add_argument("--dir", type=Path, help="use (or first generate into) this layer")
    parser.add_argument(
        "--layer-as",
        choices=("import", "folder"),
        default="import",
        help="put the layer in the stack as an import (default) or a team folder",
    )
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="llmcompare-bench-"))
    try:
        run(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0  # figures, not a verdict: see each line's target


if __name__ == "__main__":
    sys.exit(main())
