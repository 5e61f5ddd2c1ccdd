"""The comparison behind `diff`: every derived sentence, from documented rules.

Input: two or more models and a traffic volume. Output: a `Comparison`, a plain
result object that the renderers lay out. Nothing here prints or formats
tables; the sentences are built here so that every renderer says the same.

The rules (also in the README):

Verdict
    The largest ratio between the models, over: context window, monthly cost at
    the traffic, tracked provider routes, and max output tokens (ties in that
    order). Ratios below 1.5x are not a verdict; then the models are "close".

Advantages below need a clear lead: a count (provider routes) strictly more,
a size or a monthly cost at least 10% ahead of every other model (so 1,048,576
against 1,047,576 tokens is no advantage), and never against an unknown value.

Best for (scorecard)
    The first of these that sets a model apart from all the others: vision or
    multimodal input the others lack -> "multimodal apps"; computer use ->
    "computer-use agents"; reasoning -> "reasoning-heavy work"; the most tracked
    provider routes -> "provider-routed production"; the lowest monthly cost ->
    "cost-sensitive volume"; the largest context window -> "long-context work";
    open weights where the others are closed -> "self-hosting"; else its first
    use-case tag, else "general use".

Tradeoffs ("Choose X when")
    One bullet per advantage X holds over every other model, in this order:
    provider coverage, context window, monthly cost, max output, capabilities
    only X has, higher scores on shared benchmarks, published weights, a
    license with fewer commercial conditions; then X's use-case tags.

Switch friction (A -> B)
    Shared active providers (none -> plan for SDK, billing or endpoint changes),
    capabilities B adds, capabilities A has and B lacks, and a smaller context
    window or max output on B.

Shared benchmarks
    A benchmark every model has a score for, by name (case and punctuation
    aside). Where a model has several scores for it, the row takes like with
    like: scores from the same source with the same metric, else from the same
    source, else each model's first.

Deep dive and FAQ: explain.py. Continue comparing: related.py. Cost curve:
each model's cheapest bill at the traffic scaled from 1/1000 to 1000 times
(costing.cost_curve), for the HTML report's chart.
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from . import units
from .costing import (
    Blend,
    CurvePoint,
    Period,
    RouteCost,
    Traffic,
    cheapest_list_price,
    cheapest_route,
    cost_curve,
    per_period,
    unavailable_reason,
)
from .domain import CAPABILITIES, USE_CASES, Benchmark, CommercialUse, Model
from .explain import BlendedPrice, Question, blended_prices, deep_dive, faq
from .names import normalise
from .records import Record
from .related import Neighbours, RelatedPair, related_pairs

# A difference smaller than this is not worth a verdict.
VERDICT_MIN_RATIO = Decimal("1.5")
# A size or cost must lead by this factor to count as an advantage (10%).
ADVANTAGE_MARGIN = Decimal("1.1")

_COMMERCIAL_RANK = {CommercialUse.ALLOWED: 2, CommercialUse.CONDITIONAL: 1, CommercialUse.NONE: 0}


class MonthlyCost(Record):
    model: Model
    cost: RouteCost | None
    reason: str | None  # why there is no cost
    total_usd_per_month: Decimal | None = None  # the total as a month's and a year's
    total_usd_per_year: Decimal | None = None


class SwitchFriction(Record):
    source: Model
    target: Model
    shared_providers: tuple[str, ...]  # provider display names
    capabilities_gained: tuple[str, ...]  # capability keys
    capabilities_lost: tuple[str, ...]
    notes: tuple[str, ...]


class BenchmarkRow(Record):
    name: str
    scores: tuple[Benchmark, ...]  # one per model, in model order


class Comparison(Record):
    models: tuple[Model, ...]
    traffic: Traffic
    intro: str  # who made each model, and when; their context windows
    verdict: str
    best_for: tuple[str, ...]  # per model, in model order
    cheapest_input: tuple[Decimal | None, ...]
    cheapest_output: tuple[Decimal | None, ...]
    tradeoffs: tuple[tuple[str, ...], ...]  # per model
    monthly: tuple[MonthlyCost, ...]
    cost_summary: str
    cost_delta_usd: Decimal | None  # dearest minus cheapest, when all are priced
    switch_friction: tuple[SwitchFriction, ...]
    shared_benchmarks: tuple[BenchmarkRow, ...]
    cost_notes: tuple[str, ...]  # "Model: note" for each assumption behind a monthly cost
    checked_oldest: dt.date | None  # the oldest and newest price checks of the routes shown
    checked_newest: dt.date | None
    blend: Blend
    blended: tuple[BlendedPrice | None, ...]  # per model: cheapest blended list price
    deep_dive: tuple[str, ...]  # paragraphs
    faq: tuple[Question, ...]
    related: tuple[RelatedPair, ...]  # Continue comparing
    curves: tuple[tuple[CurvePoint, ...], ...]  # per model: cost against volume

    @property
    def prices_checked(self) -> list[dt.date]:
        """When the prices of the monthly costs were checked, each route once
        (the stale-price warning's input)."""
        used = {id(m.cost.route): m.cost.route for m in self.monthly if m.cost}
        return [route.checked for route in used.values()]


def compare(
    models: list[Model],
    traffic: Traffic,
    *,
    blend: Blend | None = None,
    neighbours: Neighbours | None = None,
) -> Comparison:
    """Compare two or more models at a traffic volume; `neighbours` (the catalog's,
    related.py) gives the pairs to continue with; `blend` weighs blended prices
    (default 3:1 input:output)."""
    blend = blend or Blend()
    if len(models) < 2:
        raise ValueError("a comparison needs at least two models")
    monthly = tuple(
        MonthlyCost(model, None, unavailable_reason(model))
        if cost is None
        else MonthlyCost(
            model,
            cost,
            None,
            per_period(cost.total_usd, traffic.period, Period.MONTH),
            per_period(cost.total_usd, traffic.period, Period.YEAR),
        )
        for model in models
        for cost in [cheapest_route(model, traffic)]
    )
    shared = _shared_benchmarks(models)
    delta, summary = _cost_summary(monthly)
    verdict = _verdict(models, monthly)
    best_for = tuple(_best_for(model, models, monthly) for model in models)
    blended = blended_prices(models, blend)
    checked = [route.checked for model in models for route in model.routes]
    return Comparison(
        models=tuple(models),
        traffic=traffic,
        intro=_intro(models),
        verdict=verdict,
        best_for=best_for,
        cheapest_input=tuple(cheapest_list_price(m, "input") for m in models),
        cheapest_output=tuple(cheapest_list_price(m, "output") for m in models),
        tradeoffs=tuple(_tradeoffs(model, models, monthly, shared) for model in models),
        monthly=monthly,
        cost_summary=summary,
        cost_delta_usd=delta,
        switch_friction=tuple(_switch_friction(a, b) for a, b in _switch_pairs(models)),
        shared_benchmarks=shared,
        cost_notes=tuple(
            dict.fromkeys(
                f"{entry.model.name}: {note}"
                for entry in monthly
                if entry.cost
                for note in entry.cost.notes
            )
        ),
        checked_oldest=min(checked, default=None),
        checked_newest=max(checked, default=None),
        blend=blend,
        blended=blended,
        deep_dive=deep_dive(models, blend, blended, best_for),
        faq=faq(models, traffic, monthly, verdict, best_for),
        related=related_pairs([m.id for m in models], neighbours) if neighbours else (),
        curves=tuple(cost_curve(model, traffic) for model in models),
    )


def _intro(models: list[Model]) -> str:
    """'A (Meta, 2024) and B (Alibaba, 2026). Context windows: 8k and 262k tokens.'"""
    made = [
        f"{m.name} ({m.creator.name}{f', {m.released.year}' if m.released else ''})" for m in models
    ]
    windows = ", ".join(units.tokens(m.context_window) for m in models)
    return f"{units.join_words(made)}. Context windows: {windows} tokens."


# Helpers over "this model against all the others".


def _others(model: Model, models: list[Model]) -> list[Model]:
    return [other for other in models if other is not model]


def _strictly_most(model: Model, models: list[Model], value: Callable[[Model], int | None]) -> bool:
    """True when `model`'s count is above every other model's; an unknown value on
    either side means no comparison, hence False."""
    mine = value(model)
    if mine is None:
        return False
    return all(
        (theirs := value(other)) is not None and mine > theirs for other in _others(model, models)
    )


def _clearly_most(
    model: Model, models: list[Model], value: Callable[[Model], int | Decimal | None]
) -> bool:
    """Like _strictly_most, for sizes and money: ahead of every other model by at
    least ADVANTAGE_MARGIN, so 1,048,576 against 1,047,576 tokens is no advantage."""
    mine = value(model)
    if mine is None:
        return False
    return all(
        (theirs := value(other)) is not None and mine >= theirs * ADVANTAGE_MARGIN and mine > theirs
        for other in _others(model, models)
    )


def _total(monthly: tuple[MonthlyCost, ...], model: Model) -> Decimal | None:
    for entry in monthly:
        if entry.model is model:
            return entry.cost.total_usd if entry.cost else None
    return None


def _cheapest_total(model: Model, models: list[Model], monthly: tuple[MonthlyCost, ...]) -> bool:
    """Clearly the cheapest (by ADVANTAGE_MARGIN), and only when every model is priced."""
    mine = _total(monthly, model)
    if mine is None:
        return False
    return all(
        (theirs := _total(monthly, other)) is not None
        and theirs >= mine * ADVANTAGE_MARGIN
        and theirs > mine
        for other in _others(model, models)
    )


def _unique_capabilities(model: Model, models: list[Model]) -> list[str]:
    others = _others(model, models)
    return [
        key
        for key in model.capability_names
        if not any(other.capabilities.get(key) for other in others)
    ]


def _capability_words(keys: list[str] | tuple[str, ...]) -> str:
    return units.join_words([CAPABILITIES[key] for key in keys])


def _tag_words(model: Model) -> str:
    return units.join_words([USE_CASES[tag] for tag in model.use_cases])


# The sections.


def _verdict(models: list[Model], monthly: tuple[MonthlyCost, ...]) -> str:
    def extremes(value: Callable[[Model], int | Decimal | None]) -> tuple[Model, Model, Decimal]:
        """The models with the highest and lowest value, and the ratio of the two
        (0 when a value is unknown or the lowest is zero: then no comparison)."""
        known = [(found, m) for m in models if (found := value(m)) is not None]
        if len(known) < len(models):
            return models[0], models[0], Decimal(0)
        high_value, high = max(known, key=lambda pair: pair[0])
        low_value, low = min(known, key=lambda pair: pair[0])
        if not low_value:
            return high, low, Decimal(0)
        return high, low, Decimal(high_value) / Decimal(low_value)

    big, small, context = extremes(lambda m: m.context_window)
    dear, cheap, cost = extremes(lambda m: _total(monthly, m))
    wide, narrow, routes = extremes(lambda m: len(m.routes))
    long, short, output = extremes(lambda m: m.max_output_tokens)
    # In order of precedence: max() keeps the first of equal ratios.
    candidates = [
        (
            context,
            f"{big.name} fits {units.ratio(context)} more tokens; pick it for long-context "
            f"work and {small.name} for tighter calls.",
        ),
        (
            cost,
            f"{cheap.name} costs {units.ratio(cost)} less at this traffic; pick it for "
            f"cost-sensitive volume and {dear.name} when its strengths are worth the price.",
        ),
        (
            routes,
            f"{wide.name} has {units.ratio(routes)} more provider routes; pick it for "
            f"fallback and procurement choice, and {narrow.name} when one provider will do.",
        ),
        (
            output,
            f"{long.name} can write {units.ratio(output)} longer replies; pick it for long "
            f"generations and {short.name} for shorter answers.",
        ),
    ]
    ratio, sentence = max(candidates, key=lambda candidate: candidate[0])
    if ratio < VERDICT_MIN_RATIO:
        names = units.join_words([m.name for m in models])
        return (
            f"{names} are close on context, price and provider coverage; "
            "decide on your own evaluation."
        )
    return sentence


def _best_for(model: Model, models: list[Model], monthly: tuple[MonthlyCost, ...]) -> str:
    unique = set(_unique_capabilities(model, models))
    if unique & {"vision", "multimodal"}:
        return "multimodal apps"
    if "computer_use" in unique:
        return "computer-use agents"
    if "reasoning" in unique:
        return "reasoning-heavy work"
    if _strictly_most(model, models, lambda m: len(m.routes)):
        return "provider-routed production"
    if _cheapest_total(model, models, monthly):
        return "cost-sensitive volume"
    if _clearly_most(model, models, lambda m: m.context_window):
        return "long-context work"
    if model.open_weights and not any(other.open_weights for other in _others(model, models)):
        return "self-hosting"
    if model.use_cases:
        return USE_CASES[model.use_cases[0]].lower()
    return "general use"


def _benchmark_wins(
    model: Model, models: list[Model], shared: tuple[BenchmarkRow, ...]
) -> list[str]:
    index = models.index(model)
    wins = []
    for row in shared:
        mine = row.scores[index].score
        if all(mine > other.score for i, other in enumerate(row.scores) if i != index):
            wins.append(row.name)
    return wins


def _tradeoffs(
    model: Model,
    models: list[Model],
    monthly: tuple[MonthlyCost, ...],
    shared: tuple[BenchmarkRow, ...],
) -> tuple[str, ...]:
    name = model.name
    bullets: list[str] = []
    larger = "larger" if len(models) == 2 else "largest"
    if _strictly_most(model, models, lambda m: len(m.routes)):
        bullets.append(
            f"{name} has broader tracked provider coverage for fallback and procurement "
            "flexibility."
        )
    if _clearly_most(model, models, lambda m: m.context_window):
        bullets.append(
            f"{name} has the {larger} context window for long prompts, retrieval packs, or "
            "transcript analysis."
        )
    if _cheapest_total(model, models, monthly):
        total = _total(monthly, model) or Decimal(0)
        bullets.append(f"{name} is the cheapest at this traffic ({units.usd(total)} a month).")
    if _clearly_most(model, models, lambda m: m.max_output_tokens):
        bullets.append(f"{name} has the {larger} output limit for long generations.")
    unique = _unique_capabilities(model, models)
    if unique:
        bullets.append(f"{name} uniquely exposes {_capability_words(unique)} in local model data.")
    wins = _benchmark_wins(model, models, shared)
    if wins:
        bullets.append(f"{name} scores higher on {units.join_words(wins)}.")
    others = _others(model, models)
    if model.open_weights and not any(other.open_weights for other in others):
        bullets.append(f"{name} publishes its weights, so it can be self-hosted or fine-tuned.")
    # Only where every license is known: an unknown one is no weaker, nor stronger.
    if model.license is not None and all(other.license is not None for other in others):
        mine = _COMMERCIAL_RANK[model.license.commercial_use]
        if all(mine > _COMMERCIAL_RANK[o.license.commercial_use] for o in others if o.license):
            bullets.append(
                f"{name}'s license ({model.license.name}) allows commercial use with fewer "
                "conditions."
            )
    if model.use_cases:
        bullets.append(f"Local decision data tags {name} for {_tag_words(model)}.")
    return tuple(bullets)


def _cost_summary(monthly: tuple[MonthlyCost, ...]) -> tuple[Decimal | None, str]:
    missing = [entry.model.name for entry in monthly if entry.cost is None]
    if missing:
        if len(monthly) == 2:
            return None, (
                "Cost delta unavailable until both models have sourced input and output "
                "token prices."
            )
        return None, (
            f"Cost delta unavailable: {units.join_words(missing)} "
            f"{'has' if len(missing) == 1 else 'have'} no sourced input and output token prices."
        )
    priced = sorted(
        (entry for entry in monthly if entry.cost),
        key=lambda e: e.cost.total_usd,  # type: ignore[union-attr]
    )
    cheap, dear = priced[0], priced[-1]
    assert cheap.cost is not None and dear.cost is not None
    delta = dear.cost.total_usd - cheap.cost.total_usd
    if delta == 0:
        return delta, "Both cost the same at this traffic."
    return delta, (
        f"{cheap.model.name} saves {units.usd(delta)} a month against {dear.model.name} "
        f"at this traffic."
    )


def _switch_pairs(models: list[Model]) -> list[tuple[Model, Model]]:
    """Both directions between the first model (the incumbent) and each other model."""
    first = models[0]
    pairs = []
    for other in models[1:]:
        pairs.append((first, other))
        pairs.append((other, first))
    return pairs


def _switch_friction(source: Model, target: Model) -> SwitchFriction:
    source_providers = {route.provider.id for route in source.active_routes}
    shared = sorted(
        {
            route.provider.name
            for route in target.active_routes
            if route.provider.id in source_providers
        }
    )
    gained = tuple(key for key in target.capability_names if not source.capabilities.get(key))
    lost = tuple(key for key in source.capability_names if not target.capabilities.get(key))
    notes: list[str] = []
    if shared:
        notes.append(
            f"{units.join_words(shared)} serve{'s' if len(shared) == 1 else ''} both "
            f"{source.name} and {target.name}; switching there is a model-id change."
        )
    else:
        notes.append(
            f"No overlapping tracked provider route is sourced for {source.name} and "
            f"{target.name}; plan for SDK, billing, or endpoint changes."
        )
    if gained:
        notes.append(f"{target.name} adds {_capability_words(gained)} in local capability data.")
    if lost:
        notes.append(
            f"Check replacement coverage for {_capability_words(lost)} before moving "
            "production traffic."
        )
    if source.context_window >= target.context_window * ADVANTAGE_MARGIN:
        notes.append(
            f"{target.name}'s context window is smaller ({units.tokens(target.context_window)} "
            f"vs {units.tokens(source.context_window)}): longer prompts will not fit."
        )
    if (
        source.max_output_tokens
        and target.max_output_tokens
        and source.max_output_tokens >= target.max_output_tokens * ADVANTAGE_MARGIN
    ):
        notes.append(
            f"{target.name} writes at most {units.tokens(target.max_output_tokens)} tokens per "
            f"reply (vs {units.tokens(source.max_output_tokens)})."
        )
    return SwitchFriction(source, target, tuple(shared), gained, lost, tuple(notes))


def _shared_benchmarks(models: list[Model]) -> tuple[BenchmarkRow, ...]:
    """Benchmarks (by normalised name) that every model has a score for, a row each.

    A model may have several scores for one benchmark (harnesses, leaderboards,
    the lab's own run): a row takes scores published alike, so that it compares
    like with like: the same source and metric for every model where there are
    such, else the same source, else each model's first score.
    """

    def by_name(model: Model) -> dict[str, list[Benchmark]]:
        rows: dict[str, list[Benchmark]] = {}
        for benchmark in model.benchmarks:
            rows.setdefault(normalise(benchmark.name), []).append(benchmark)
        return rows

    tables = [by_name(model) for model in models]
    return tuple(
        BenchmarkRow(tables[0][key][0].name, _like_for_like([table[key] for table in tables]))
        for key in tables[0]
        if all(key in table for table in tables[1:])
    )


def _like_for_like(candidates: list[list[Benchmark]]) -> tuple[Benchmark, ...]:
    """One score per model, from the candidates, published as alike as they can be."""
    kinds: tuple[Callable[[Benchmark], object], ...] = (
        lambda b: (b.source, b.metric),
        lambda b: b.source,
    )
    for kind in kinds:
        common = set.intersection(*({kind(b) for b in scores} for scores in candidates))
        if common:
            chosen = next(kind(b) for b in candidates[0] if kind(b) in common)
            return tuple(next(b for b in scores if kind(b) == chosen) for scores in candidates)
    return tuple(scores[0] for scores in candidates)
