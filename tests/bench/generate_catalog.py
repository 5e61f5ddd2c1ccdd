"""Write a synthetic catalog layer of N models, for benchmarks at scale.

Not collected by pytest (the file name does not start with test_). Run it in the
environment the tool is installed in:

    python tests/bench/generate_catalog.py DIR [--models 20000] [--seed 1]
    llmcompare --catalog DIR catalog check         # the whole stack loads cleanly
    LLMCOMPARE_CATALOG=DIR llmcompare cost --top 5

or import it: `generate(Path("DIR"), models=200)`.

The layer goes on top of the bundled catalog: models/<creator>/<id>.toml with
about 4.5 routes each (so about 90,000 routes at 20,000 models), every route on
a bundled provider, every model under a bundled creator or one of the two
synthetic creators this layer's creators.toml adds. Ids start `synth-NNNNN-`
and names `Synth N ...`, so nothing collides with the bundled models or with
each other. Model n is drawn from a generator seeded with (seed, n) alone: the
same seed and bundled catalog give the same files, and a 200-model layer is
the first 200 models of the 20,000-model one. The files are written with plain
string formatting (a TOML library would take most of the time). A manifest,
synthetic.json, records the counts and a few example ids for bench_scale.py
("complete" is false while the files are being written); it is not a .toml
file, so the tool neither reads nor fingerprints it. Like `catalog import`, the
layer keeps a JSON copy of its parsed tables (layercopy.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import random
import shutil
import sys
import time
import tomllib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

MANIFEST = "synthetic.json"

# Creators this layer adds: a layer may define creators as well as use them.
NEW_CREATORS = {
    "synth-labs": ("Synth Labs", "https://synth-labs.example"),
    "synth-research": ("Synth Research", "https://synth-research.example"),
}

# fmt: off
WORDS = (
    "aurora", "atlas", "basalt", "cirrus", "cobalt", "delta", "dune", "echo", "ember", "fjord",
    "glyph", "harbor", "iris", "juniper", "kestrel", "lattice", "lumen", "meridian", "nimbus",
    "nova", "onyx", "orbit", "prism", "quartz", "raven", "sable", "tundra", "umbra", "vesper",
    "willow", "xenon", "yarrow", "zephyr",
)
# fmt: on
CLOSED_TAGS = ("nano", "mini", "lite", "flash", "turbo", "pro", "max", "ultra")
CHEAP_TAGS = frozenset(("nano", "mini", "lite", "flash"))
# Parameter counts in billions, as open-weights releases come.
SIZES = (0.5, 1, 1.5, 3, 4, 7, 8, 9, 12, 14, 24, 27, 32, 70, 72, 110, 235, 405, 480, 671, 1000)
VARIANTS = ("", "", "", "", "instruct", "chat", "coder", "vision")
CONTEXTS = (8192, 16384, 32768, 65536, 128_000, 131_072, 200_000, 262_144, 400_000, 1_048_576)
CONTEXT_WEIGHTS = (3, 3, 8, 6, 20, 18, 12, 14, 6, 10)
CONTEXT_POOL = tuple(c for c, w in zip(CONTEXTS, CONTEXT_WEIGHTS, strict=True) for _ in range(w))
# A provider's own, lower, limit: one of the three standard sizes below the model's.
SMALLER = {c: tuple(x for x in CONTEXTS if x < c)[-3:] for c in CONTEXTS}
MAX_OUTPUTS = (4096, 8192, 16384, 32768, 65536, 128_000)
DENSE = ("decoder-only", "hybrid")
# fmt: off
USE_CASES = (
    "classification", "coding", "agents", "long-context", "chat", "reasoning", "multimodal",
    "summarization", "extraction", "translation", "math", "creative-writing", "rag", "on-device",
    "low-latency", "high-volume", "research",
)
# fmt: on
BENCHMARKS = (
    ("MMLU", "accuracy %"),
    ("MMLU-Pro", "accuracy %"),
    ("GPQA Diamond", "accuracy %"),
    ("HumanEval", "pass@1 %"),
    ("LiveCodeBench", "pass@1 % (v6)"),
    ("AIME 2025", "accuracy %"),
    ("IFEval", "accuracy %"),
    ("SWE-bench Verified", "resolved %"),
)
ROUTE_NOTES = (
    "Synthetic route for the scale benchmark.",
    "Synthetic: the provider's own context limit is lower than the model's.",
    "Synthetic: price read from a dated snapshot of the provider's page.",
)
# Dates of evidence: mostly the snapshots the bundled catalog uses, some days between.
SNAPSHOTS = ("2026-05-15", "2026-05-19", "2026-07-02", "2026-08-21", "2026-11-09")


def _days(first: str, last: str) -> list[str]:
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(start + dt.timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


CHECKED_DAYS = _days("2026-05-01", "2026-11-09")  # never ahead of the bundled data's newest
RELEASE_DAYS = _days("2023-01-01", "2026-10-31")
PAST_CHANGE_DAYS = _days("2026-06-01", "2026-11-30")
SCHEDULED_DAYS = _days("2027-01-01", "2027-06-30")  # price changes and retirements ahead
RETIRED_PAST_DAYS = _days("2026-06-01", "2026-11-30")


@functools.cache  # list prices repeat: each is formatted once
def _money(units: int) -> str:
    """A price in 1/10,000 USD as a TOML float: exact, at most 4 decimals."""
    whole, frac = divmod(units, 10_000)
    return f"{whole}.0" if frac == 0 else f"{whole}.{frac:04d}".rstrip("0")


def _nice(units: float) -> int:
    """Rounded to two significant digits, as list prices are, and at least 0.0001."""
    return _two_digits(max(1, round(units)))


@functools.cache
def _two_digits(value: int) -> int:
    if value >= 100:
        step = 10 ** (len(str(value)) - 2)
        value = (value + step // 2) // step * step
    return value


def _bundled() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Providers, creators and licenses of the bundled catalog, so every reference
    resolves in the stack whatever the bundled files hold today."""
    root = resources.files("llmcompare.catalog_data")
    found = []
    for name in ("providers.toml", "creators.toml", "licenses.toml"):
        with (root / name).open("rb") as handle:
            found.append(tomllib.load(handle))
    return found[0], found[1], found[2]


def _provider_model_id(provider: str, creator: str, mid: str) -> str:
    """The provider's own id for the model, in the shapes providers use."""
    if provider == creator:
        return mid
    if provider == "bedrock":
        return f"{creator}.{mid}-v1:0"
    if provider == "fireworks":
        return f"accounts/fireworks/models/{mid}"
    if provider == "cloudflare":
        return f"@cf/{creator}/{mid}"
    if provider in ("vertex", "azure", "groq", "cerebras", "github-models"):
        return mid
    return f"{creator}/{mid}"


def _open_price_range(params_b: float) -> tuple[float, float]:
    """Input prices (USD per 1M) an open model of this size is served at: a 1B
    model does not cost what a 400B one does."""
    if params_b <= 4:
        return 0.01, 0.1
    if params_b <= 14:
        return 0.03, 0.4
    return (0.1, 1.2) if params_b <= 110 else (0.4, 4.0)


class _Random(random.Random):
    """random.Random with draws made from random() alone: choice() and randint()
    go through _randbelow, three times slower, and 20,000 models take about
    two million draws."""

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def between_floats(self, low: float, high: float) -> float:
        return low + (high - low) * self.random()


class _Writer:
    """Draws models from a seeded generator: model n from (seed, n) alone, so a
    smaller layer is the first models of a larger one."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = _Random(seed)
        providers, creators, licenses = _bundled()
        self.providers = providers
        self.provider_ids = sorted(providers)
        self.creators = sorted(creators) + sorted(NEW_CREATORS)
        self.open_licenses = sorted(key for key in licenses if key != "proprietary")
        self.closed_license = "proprietary" if "proprietary" in licenses else None
        self.routes = 0
        self.examples: list[dict[str, Any]] = []

    def model(self, n: int) -> tuple[str, str, str]:
        """(creator, id, file text) of model number n."""
        rng = self.rng
        rng.seed(self.seed * 1_000_000 + n)
        creator = rng.pick(self.creators)
        word = rng.pick(WORDS)
        open_weights = rng.random() < 0.55
        params_b: float | None = None
        if open_weights:
            params_b = rng.pick(SIZES)
            tag = f"{params_b:g}b"
            low, high = _open_price_range(params_b)
        else:
            tag = rng.pick(CLOSED_TAGS)
            low, high = (0.03, 0.6) if tag in CHEAP_TAGS else (0.5, 15.0)
        variant = rng.pick(VARIANTS)
        mid = f"synth-{n:05d}-{word}-{tag}" + (f"-{variant}" if variant else "")
        name = f"Synth {n} {word.title()} {tag.upper() if open_weights else tag.title()}"
        name += f" {variant.title()}" if variant else ""
        # About one model in eight is shaped like an import: it leaves out what
        # an overlay may leave out (the loader is lenient above the bundled layer).
        lenient = rng.random() < 0.12

        def omit(chance: float) -> bool:
            return lenient and rng.random() < chance

        lines = [f'id = "{mid}"', f'name = "{name}"', f'creator = "{creator}"']
        if not omit(0.5):
            lines.append(f'family = "synth-{word}"')
        roll = rng.random()
        if roll < 0.5:
            aliases = [f"{creator}-synth-{n}-{word}"]
            if roll < 0.15:
                aliases.append(f"synth{n:05d}-{word}-latest")
            lines.append("aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]")
        released = None if omit(0.6) else rng.pick(RELEASE_DAYS)
        if released:
            lines.append(f"released = {released}")
            if rng.random() < 0.4:
                lines.append(
                    f'knowledge_cutoff = "{int(released[:4]) - 1}-{rng.between(1, 12):02d}"'
                )
        context = rng.pick(CONTEXT_POOL)
        lines.append(f"context_window = {context}")
        if rng.random() < 0.7:
            lines.append(f"max_output_tokens = {min(rng.pick(MAX_OUTPUTS), context)}")
        if params_b is not None and rng.random() < 0.85:
            params = int(params_b * 1_000_000_000)
            lines.append(f"parameters = {params}")
            if params_b >= 30 and rng.random() < 0.5:
                lines.append(f"active_parameters = {params // rng.pick((8, 10, 16, 20))}")
                lines.append('architecture = "mixture-of-experts"')
            elif rng.random() < 0.6:
                lines.append(f'architecture = "{rng.pick(DENSE)}"')
        if not omit(0.5):
            license_id = rng.pick(self.open_licenses) if open_weights else self.closed_license
            if license_id:
                lines.append(f'license = "{license_id}"')
            lines.append(f"open_weights = {'true' if open_weights else 'false'}")
        inputs = ["text"]
        if variant == "vision" or rng.random() < 0.35:
            inputs.append("image")
        for extra, chance in (("audio", 0.05), ("video", 0.06), ("pdf", 0.05)):
            if rng.random() < chance:
                inputs.append(extra)
        with_modalities = not omit(0.4)
        if with_modalities:
            outputs = '["text", "image"]' if rng.random() < 0.03 else '["text"]'
            lines.append("input_modalities = [" + ", ".join(f'"{m}"' for m in inputs) + "]")
            lines.append(f"output_modalities = {outputs}")
        if not omit(0.5):
            cases = rng.sample(USE_CASES, rng.between(0, 3))
            lines.append("use_cases = [" + ", ".join(f'"{c}"' for c in cases) + "]")
        home = "https://huggingface.co" if open_weights else f"https://{creator}.example"
        lines.append(f'sources = ["{home}/{creator}/{mid}"]')
        if rng.random() < 0.05:
            lines.append('note = "Synthetic model for the scale benchmark."')

        if not omit(0.4):
            lines += self._capabilities(inputs, with_modalities, lenient)
        if rng.random() < 0.25:
            lines += self._benchmarks(released or "2026-01-15")
        base = low * (high / low) ** rng.random() * 10_000  # the model's input price, in units
        ratio = rng.pick((1, 2, 2.5, 3, 4, 4, 5, 8))
        lines += self._routes(creator, mid, context, base, ratio)
        return creator, mid, "\n".join(lines) + "\n"

    def _capabilities(self, inputs: list[str], with_modalities: bool, lenient: bool) -> list[str]:
        rng = self.rng
        # vision must agree with input_modalities, so it is left out with them.
        flags = {
            "vision": "image" in inputs if with_modalities else None,
            "multimodal": len(inputs) > 1,
            "reasoning": rng.random() < 0.35,
            "function_calling": rng.random() < 0.6,
            "tool_use": rng.random() < 0.4,
            "structured_outputs": rng.random() < 0.45,
            "code_execution": rng.random() < 0.08,
            "ide_integration": rng.random() < 0.05,
            "computer_use": rng.random() < 0.03,
            "parallel_agents": rng.random() < 0.1,
        }
        lines = ["", "[capabilities]"]
        for key, value in flags.items():
            if value is None or (lenient and rng.random() < 0.3):
                continue  # not known: an import's data set did not say
            lines.append(f"{key} = {'true' if value else 'false'}")
        return lines

    def _benchmarks(self, released: str) -> list[str]:
        rng = self.rng
        lines = []
        for bench, metric in rng.sample(BENCHMARKS, rng.between(1, 4)):
            lines += [
                "",
                "[[benchmarks]]",
                f'name = "{bench}"',
                f"score = {rng.between(150, 950) / 10}",
                f'metric = "{metric}"',
                'source = "https://synth-labs.example/evals"',
                f"date = {released}",
            ]
        return lines

    def _routes(self, creator: str, mid: str, context: int, base: float, ratio: float) -> list[str]:
        rng = self.rng
        count = rng.between(1, 8)  # uniform 1-8: 4.5 routes a model on average
        chosen: list[str] = []
        if creator in self.providers and rng.random() < 0.6:
            chosen.append(creator)  # first-party API
        if "openrouter" not in chosen and rng.random() < 0.35:
            chosen.append("openrouter")
        others = [p for p in self.provider_ids if p not in chosen]
        chosen += rng.sample(others, max(0, count - len(chosen)))
        lines: list[str] = []
        billable = 0
        for provider in chosen[:count]:
            route, paid = self._route(provider, creator, mid, context, base, ratio)
            lines += route
            billable += paid
            self.routes += 1
        if "openrouter" in chosen[:count] and rng.random() < 0.15:
            # OpenRouter's ":free" listing of the same model: a second route there.
            lines += self._free_route("openrouter", f"{creator}/{mid}:free")
            self.routes += 1
        if count >= 4 and billable >= 2 and len(self.examples) < 8:
            self.examples.append({"id": mid, "creator": creator, "routes": count})
        return lines

    def _route(
        self, provider: str, creator: str, mid: str, context: int, base: float, ratio: float
    ) -> tuple[list[str], int]:
        """The lines of one route, and 1 if it can stand as the cheapest."""
        # The hot path (90,000 routes): draws straight from random(), no helpers.
        r = self.rng.random
        model_id = _provider_model_id(provider, creator, mid)
        info = self.providers[provider]
        if provider in ("nvidia", "github-models") and r() < 0.8:
            plan = "trial" if r() < 0.2 else "free"
            return self._free_route(provider, model_id, plan), 0
        days = SNAPSHOTS if r() < 0.7 else CHECKED_DAYS
        checked = days[int(r() * len(days))]
        page = info["pricing_url"] if r() < 0.8 else f"{info['homepage'].rstrip('/')}/{mid}"
        deprecated = info.get("status") == "deprecated" or r() < 0.04
        status = "deprecated" if deprecated else "active"
        lines = [
            f'\n[[routes]]\nprovider = "{provider}"\nmodel_id = "{model_id}"\nstatus = "{status}"'
        ]
        priced = not (deprecated and r() < 0.4) and r() < 0.99
        inp = _nice(base * (0.7 + 0.7 * r()))
        out = _nice(inp * ratio * (0.9 + 0.2 * r()))
        if priced:
            lines.append(f"input_usd_per_mtok = {_money(inp)}\noutput_usd_per_mtok = {_money(out)}")
            if r() < 0.3:
                read = max(1, inp * (10, 25, 50)[int(r() * 3)] // 100)  # never above input
                lines.append(f"cache_read_usd_per_mtok = {_money(read)}")
            if r() < 0.08:
                lines.append(f"cache_write_usd_per_mtok = {_money(_nice(inp * 1.25))}")
            if r() < 0.01:
                lines.append("request_usd = 0.005")
        elif r() < 0.5:
            lines.append(f"output_usd_per_mtok = {_money(out)}")  # a partial price
        lines.append(f'source = "{page}"\nchecked = {checked}')
        if r() < 0.08:
            lines.append(f'note = "{ROUTE_NOTES[int(r() * len(ROUTE_NOTES))]}"')
        smaller = SMALLER[context]
        limit = context
        if smaller and r() < 0.12:
            limit = smaller[int(r() * len(smaller))]
            lines.append(f"context_window = {limit}")
        if r() < 0.08:
            most = min(MAX_OUTPUTS[int(r() * len(MAX_OUTPUTS))], limit)
            lines.append(f"max_output_tokens = {most}")
        if r() < 0.03:
            days = RETIRED_PAST_DAYS if r() < 0.5 else SCHEDULED_DAYS
            lines.append(f"retired = {days[int(r() * len(days))]}")
            if r() < 0.5:
                # Announced in May 2026: before any retirement drawn above.
                lines.append(f"deprecation_announced = {CHECKED_DAYS[int(r() * 31)]}")
        if priced:
            lines += self._price_tables(provider, context, inp, out, info["pricing_url"])
        return lines, int(priced and not deprecated)

    def _free_route(self, provider: str, model_id: str, plan: str = "free") -> list[str]:
        url = self.providers[provider]["pricing_url"]
        return [
            f'\n[[routes]]\nprovider = "{provider}"\nmodel_id = "{model_id}"\nstatus = "active"\n'
            f'plan = "{plan}"\ninput_usd_per_mtok = 0.0\noutput_usd_per_mtok = 0.0\n'
            f'source = "{url}"\nchecked = {self.rng.pick(SNAPSHOTS)}'
        ]

    def _price_tables(self, provider: str, context: int, inp: int, out: int, url: str) -> list[str]:
        """Batch, service-tier, long-context, peak-hour and dated prices, where they
        fit: every table a route may carry turns up somewhere."""
        rng = self.rng
        lines: list[str] = []
        if rng.random() < 0.12:
            lines += ["", "[routes.batch]"]
            lines += [f"input_usd_per_mtok = {_money(_nice(inp / 2))}"]
            lines += [f"output_usd_per_mtok = {_money(_nice(out / 2))}"]
        if provider == "openai" and rng.random() < 0.5:
            for tier, factor in (("priority", 2), ("flex", 0.5)):
                lines += ["", f"[routes.{tier}]"]
                lines += [f"input_usd_per_mtok = {_money(_nice(inp * factor))}"]
                lines += [f"output_usd_per_mtok = {_money(_nice(out * factor))}"]
        if context >= 400_000 and rng.random() < 0.4:
            thresholds = (200_000, 500_000) if context >= 1_000_000 else (200_000,)
            for step, above in enumerate(thresholds, start=1):
                lines += ["", "[[routes.tiers]]", f"above_input_tokens = {above}"]
                lines += [f"input_usd_per_mtok = {_money(_nice(inp * (1 + step)))}"]
                lines += [f"output_usd_per_mtok = {_money(_nice(out * (1 + step / 2)))}"]
        if provider == "deepseek" and rng.random() < 0.5:
            lines += ["", "[[routes.time_windows]]", 'name = "peak"', 'start = "01:00"']
            lines += ['end = "04:00"', "weekdays_only = true"]
            lines += [f"input_usd_per_mtok = {_money(_nice(inp * 2))}"]
            lines += [f"output_usd_per_mtok = {_money(_nice(out * 2))}"]
        if rng.random() < 0.06:
            # One or two dated changes, oldest first; some in force, some scheduled.
            days = [rng.pick(PAST_CHANGE_DAYS)]
            if rng.random() < 0.3:
                days.append(rng.pick(SCHEDULED_DAYS))
            for day in days:
                factor = rng.between_floats(0.5, 1.2)
                lines += ["", "[[routes.price_changes]]", f"effective = {day}"]
                lines += [f"input_usd_per_mtok = {_money(_nice(inp * factor))}"]
                if rng.random() < 0.5:
                    lines += [f"output_usd_per_mtok = {_money(_nice(out * factor))}"]
                lines += [f'source = "{url}"']
        return lines


def _write_models(root: Path, seed: int, count: int) -> _Writer:
    """Write models 1..count; the writer, which counted their routes."""
    writer = _Writer(seed)
    models_dir = root / "models"
    for creator in writer.creators:
        (models_dir / creator).mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    for n in range(1, count + 1):
        creator, mid, text = writer.model(n)
        # os.open and os.write: half the time of open() for 20,000 small files.
        fd = os.open(f"{models_dir}/{creator}/{mid}.toml", flags, 0o644)
        try:
            os.write(fd, text.encode())
        finally:
            os.close(fd)
    return writer


def _write_parsed_copy(root: Path) -> None:
    """The layer's tables as JSON beside its TOML files, as `catalog import` keeps
    them (layercopy.write): parsed once here, at generation."""
    import tomllib
    from decimal import Decimal

    from llmcompare import layercopy

    files = {}
    for path in sorted(root.rglob("*.toml")):
        with path.open("rb") as handle:
            files[path.relative_to(root).as_posix()] = tomllib.load(handle, parse_float=Decimal)
    layercopy.write(root, files)


def generate(root: Path, models: int = 20_000, seed: int = 1) -> Path:
    """Write a layer of `models` synthetic models into `root` and return it.

    `root` must be absent, empty, or a layer this function wrote before (it has
    the manifest), which is then replaced whole.
    """
    if not 0 < models <= 99_999:  # ids carry five digits
        raise ValueError(f"models must be 1 to 99,999, not {models}")
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        if not (root / MANIFEST).is_file():
            raise FileExistsError(f"{root} is not empty and not a synthetic layer: not touched")
        shutil.rmtree(root / "models", ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    # Marks the folder as ours before the first file, and as unfinished until the last.
    (root / MANIFEST).write_text('{"complete": false}\n', encoding="utf-8")
    lines = [
        f'[{key}]\nname = "{name}"\nhomepage = "{home}"\n'
        for key, (name, home) in NEW_CREATORS.items()
    ]
    (root / "creators.toml").write_text("\n".join(lines), encoding="utf-8")
    writer = _write_models(root, seed, models)
    _write_parsed_copy(root)
    manifest = {
        "complete": True,
        "models": models,
        "routes": writer.routes,
        "seed": seed,
        "creators": len(writer.creators),
        "providers": len(writer.provider_ids),
        # Models with at least four routes, two of them billable: good subjects
        # for `show`, `diff` and a one-file edit.
        "examples": writer.examples,
    }
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="the folder to write the layer into")
    parser.add_argument("--models", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    root = generate(args.dir, args.models, args.seed)
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    print(
        f"wrote {manifest['models']:,} models, {manifest['routes']:,} routes to {root} "
        f"in {time.perf_counter() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
