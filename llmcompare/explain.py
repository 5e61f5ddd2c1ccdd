"""The Deep dive and the FAQ of a comparison: sentences from documented rules.

Every sentence states a fact of the catalog or a figure worked out from it;
nothing is said of a model that its data does not say. A saving is written as
"67% less" or "3x the price", never "150% cheaper"; a blended price always
says its blend (3:1 input:output unless --blend says otherwise).

Deep dive, a paragraph each, in this order:

1. Capabilities: the flags that some models record and others do not, each with
   the models that have it; or that they record the same ones.
2. Price: each model's cheapest blended list price over its billable routes
   (with the provider), and the cheapest against the dearest ("X costs 67% less
   than Y; Y is 3x the price"); a model without a complete price is named.
3. Availability: tracked routes per model, how many are active, and which
   providers serve more than one of the models.
4. Context: the largest window against the smallest, when they differ by 10%
   or more, else that they are alike.
5. Openness: per model, whether its weights are published and under which
   license, and what that license says of commercial use.
6. Choosing: each model's "best for" from the scorecard, then a reminder to
   test the exact route before committing.

FAQ, a question each, asked only when the data can answer it:

- Which has a larger context window?
- Is X or Y open source? (openness and license, per model)
- Which is better for vision / for multimodal input? (asked when at least one
  model records the capability; answered by who records it)
- Where can I run X and Y? (active providers; deprecated ones named apart; a
  model with no route but published weights can be self-hosted)
- Which is cheaper at this traffic? (the monthly cost table in a sentence)
- When should I pick X over Y? (the verdict, then each model's best use)
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from . import units
from .costing import Blend, Traffic, cheapest_blended, traffic_words
from .domain import CAPABILITIES, COMMERCIAL_USE, Model, Openness
from .records import Record

if TYPE_CHECKING:
    from .compare import MonthlyCost


class Question(Record):
    question: str
    answer: str


class BlendedPrice(Record):
    """A model's cheapest blended list price per 1M tokens, and where."""

    usd_per_mtok: Decimal
    provider: str  # display name


def blended_prices(models: Sequence[Model], blend: Blend) -> tuple[BlendedPrice | None, ...]:
    prices = []
    for model in models:
        found = cheapest_blended(model, blend)
        prices.append(BlendedPrice(found[0], found[1].provider.name) if found else None)
    return tuple(prices)


def _names(models: Sequence[Model]) -> str:
    return units.join_words([model.name for model in models])


def _either(models: Sequence[Model]) -> str:
    names = [model.name for model in models]
    return " or ".join(names) if len(names) == 2 else ", ".join(names[:-1]) + ", or " + names[-1]


def _openness(model: Model) -> str:
    """'publishes its weights under Apache 2.0 (open source; commercial use allowed)'."""
    license = model.license
    terms = ""
    if license is not None:
        terms = f" under {license.name}"
    use = f"; {COMMERCIAL_USE[license.commercial_use].lower()}" if license else ""
    if model.openness is Openness.OPEN_SOURCE:
        return f"is open source: its weights are published{terms} (OSI-approved{use})"
    if model.openness is Openness.OPEN_WEIGHTS:
        return f"publishes its weights{terms}" + (f" ({use[2:]})" if use else "")
    if model.openness is Openness.CLOSED:
        return "is closed: its weights are not published" + (
            f"; its terms are {license.name}" if license else ""
        )
    return "does not say in the catalog whether its weights are published"


def _price_comparison(models: Sequence[Model], blended: Sequence[BlendedPrice | None]) -> str:
    """'X costs 67% less than Y (Y is 3x the price)', cheapest against dearest."""
    priced = [(p.usd_per_mtok, m) for m, p in zip(models, blended, strict=True) if p is not None]
    if len(priced) < 2:
        return ""
    low, cheap = min(priced, key=lambda pair: pair[0])
    high, dear = max(priced, key=lambda pair: pair[0])
    if low == high:
        return "They cost the same at this blend."
    if low == 0:
        return f"{cheap.name} costs nothing on its cheapest route."
    return (
        f"{cheap.name} costs {units.less(low, high)} than {dear.name} "
        f"({dear.name} is {units.ratio(high / low)} the price)."
    )


def deep_dive(
    models: Sequence[Model],
    blend: Blend,
    blended: Sequence[BlendedPrice | None],
    best_for: Sequence[str],
) -> tuple[str, ...]:
    paragraphs = []

    # 1. Capabilities.
    differing = []
    for key, label in CAPABILITIES.items():
        having = [model for model in models if model.capabilities.get(key)]
        if having and len(having) < len(models):
            differing.append(f"{label.lower()} (only {_names(having)})")
    if differing:
        paragraphs.append(f"The capabilities differ on {units.join_words(differing)}.")
    else:
        shared = [CAPABILITIES[k].lower() for k in models[0].capability_names]
        paragraphs.append(
            f"They record the same capabilities: {units.join_words(shared)}."
            if shared
            else "Neither records any capability beyond text in the catalog."
        )

    # 2. Price at a blend.
    parts = []
    for model, price in zip(models, blended, strict=True):
        if price is None:
            parts.append(f"{model.name} has no complete token price on an active paid route")
        else:
            parts.append(
                f"{model.name} costs {units.usd_per_mtok(price.usd_per_mtok)}/1M tokens "
                f"on {price.provider}"
            )
    sentence = f"At a {blend} blend of list prices, {units.join_words(parts)}."
    comparison = _price_comparison(models, blended)
    paragraphs.append(sentence + (" " + comparison if comparison else ""))

    # 3. Availability.
    counts = []
    for model in models:
        active = len(model.active_routes)
        total = len(model.routes)
        counts.append(
            f"{model.name} has {total} tracked route{'s' if total != 1 else ''}"
            + (f" ({active} active)" if active != total else "")
        )
    shared_providers = set.intersection(
        *({route.provider.name for route in model.active_routes} for model in models)
    )
    availability = f"{units.join_words(counts)}."
    if shared_providers:
        availability += (
            f" {units.join_words(sorted(shared_providers))} serve"
            f"{'s' if len(shared_providers) == 1 else ''} all of them."
        )
    else:
        availability += " No provider serves all of them: a switch means a new endpoint."
    paragraphs.append(availability)

    # 4. Context: alike within the comparison's margin for an advantage.
    from .compare import ADVANTAGE_MARGIN  # (compare imports this module)

    big = max(models, key=lambda m: m.context_window)
    small = min(models, key=lambda m: m.context_window)
    if small.context_window and big.context_window >= small.context_window * ADVANTAGE_MARGIN:
        ratio = units.ratio(Decimal(big.context_window) / small.context_window)
        paragraphs.append(
            f"{big.name}'s context window holds {units.tokens(big.context_window)} tokens, "
            f"{ratio} {small.name}'s {units.tokens(small.context_window)}: long documents, "
            f"large codebases and retrieval packs fit whole on {big.name}."
        )
    else:
        windows = ", ".join(units.tokens(m.context_window) for m in models)
        paragraphs.append(f"Their context windows are alike ({windows} tokens).")

    # 5. Openness.
    paragraphs.append(" ".join(f"{model.name} {_openness(model)}." for model in models))

    # 6. Choosing.
    choices = [f"{model.name} for {use}" for model, use in zip(models, best_for, strict=True)]
    paragraphs.append(
        f"Choose {units.join_words(choices)}. Before committing, run your own prompts "
        "through the exact provider route, region and tool stack you will ship."
    )
    return tuple(paragraphs)


def faq(
    models: Sequence[Model],
    traffic: Traffic,
    monthly: "Sequence[MonthlyCost]",
    verdict: str,
    best_for: Sequence[str],
) -> tuple[Question, ...]:
    questions = []
    either = _either(models)

    # Context.
    big = max(models, key=lambda m: m.context_window)
    small = min(models, key=lambda m: m.context_window)
    if big.context_window == small.context_window:
        answer = f"They have the same context window: {units.tokens(big.context_window)} tokens."
    else:
        rest = [m for m in models if m is not big]
        answer = (
            f"{big.name}: {units.tokens(big.context_window)} tokens, against "
            + units.join_words([f"{m.name}'s {units.tokens(m.context_window)}" for m in rest])
            + "."
        )
    questions.append(Question(f"Which has a larger context window, {either}?", answer))

    # Openness.
    questions.append(
        Question(
            f"Is {either} open source?",
            " ".join(f"{model.name} {_openness(model)}." for model in models),
        )
    )

    # Vision and multimodal input, where anyone records them.
    for key, what in (("vision", "vision"), ("multimodal", "multimodal input")):
        having = [model for model in models if model.capabilities.get(key)]
        if not having:
            continue
        unknown = [m for m in models if m.capabilities.get(key) is None]
        if len(having) == len(models):
            answer = f"All of them record {what} support."
        else:
            answer = f"Only {_names(having)} record{'s' if len(having) == 1 else ''} {what} support"
            answer += (
                f"; the catalog does not say for {_names(unknown)}."
                if unknown
                else " in the catalog."
            )
        questions.append(Question(f"Which is better for {what}, {either}?", answer))

    # Where to run.
    places = []
    for model in models:
        active = sorted(
            {
                route.provider.name
                + ("" if route.plan.value == "paid" else f" ({route.plan.value})")
                for route in model.active_routes
            }
        )
        gone = sorted(
            {r.provider.name for r in model.routes} - {r.provider.name for r in model.active_routes}
        )
        if active:
            place = f"{model.name} runs on {units.join_words(active)}"
        elif model.open_weights:
            place = (
                f"{model.name} has no active tracked route; its weights are published, "
                "so it can be self-hosted"
            )
        else:
            place = f"{model.name} has no active tracked route in the catalog"
        if gone:
            place += f" ({units.join_words(gone)}: deprecated or retired)"
        places.append(place + ".")
    questions.append(
        Question(f"Where can I run {units.join_words([m.name for m in models])}?", " ".join(places))
    )

    # Cost at the traffic.
    priced = [(entry.cost.total_usd, entry) for entry in monthly if entry.cost is not None]
    parts = []
    for entry in monthly:
        if entry.cost is None:
            parts.append(f"{entry.model.name}: unavailable ({entry.reason})")
        else:
            parts.append(
                f"{entry.model.name}: {units.usd(entry.cost.total_usd)} a "
                f"{traffic.period.value} on {entry.cost.route.provider.name}"
            )
    answer = "; ".join(parts) + "."
    if len(priced) >= 2:
        low, cheap = min(priced, key=lambda pair: pair[0])
        high, dear = max(priced, key=lambda pair: pair[0])
        if high > low:
            answer += f" {cheap.model.name} costs {units.less(low, high)} than {dear.model.name}."
    questions.append(Question(f"Which is cheaper at {traffic_words(traffic)}?", answer))

    # Which to pick.
    picks = [f"pick {model.name} for {use}" for model, use in zip(models, best_for, strict=True)]
    questions.append(
        Question(
            f"When should I pick {models[0].name} over "
            f"{units.join_words([m.name for m in models[1:]])}?",
            f"{verdict} Otherwise, {units.join_words(picks)}.",
        )
    )
    return tuple(questions)
