"""Where a catalog route appears in other public data sets, and what they say of it.

The one place that matches our ids to models.dev, genai-prices and OpenRouter's
model list. Used by the cross-check tests today and by importers later. Pure:
it takes the data sets as parsed JSON (with `parse_float=Decimal`) and never
reads files itself.
"""

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from .domain import Model, Price, Route, Tier
from .records import Record

MTOK = Decimal(1_000_000)

# Our provider id -> (models.dev provider keys, genai-prices provider id).
# A provider absent here, or with None, is not in that data set.
PROVIDER_KEYS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "alibaba": (("alibaba",), None),
    "anthropic": (("anthropic",), "anthropic"),
    "azure": (("azure", "azure-cognitive-services"), "azure"),
    "baseten": (("baseten",), None),
    "bedrock": (("amazon-bedrock",), "aws"),
    "cerebras": (("cerebras",), "cerebras"),
    "chutes": (("chutes",), None),
    "cloudflare": (("cloudflare-workers-ai",), None),
    "cohere": (("cohere",), "cohere"),
    "databricks": (("databricks",), None),
    "deepinfra": (("deepinfra",), None),
    "deepseek": (("deepseek",), "deepseek"),
    "digitalocean": (("digitalocean",), None),
    "fireworks": (("fireworks-ai",), "fireworks"),
    "github-models": (("github-models",), None),
    "google": (("google",), "google"),
    "groq": (("groq",), "groq"),
    "huggingface": (("huggingface",), None),
    "meta": ((), "meta"),
    "minimax": (("minimax",), "minimax"),
    "mistral": (("mistral",), "mistral"),
    "moonshotai": (("moonshotai",), "moonshotai"),
    "nebius": (("nebius",), None),
    "novita": (("novita-ai",), "novita"),
    "nvidia": (("nvidia",), None),
    "openai": (("openai",), "openai"),
    "openrouter": (("openrouter",), "openrouter"),
    "ovhcloud": (("ovhcloud",), "ovhcloud"),
    "perplexity": (("perplexity",), "perplexity"),
    "scaleway": (("scaleway",), None),
    "stepfun": (("stepfun",), None),
    "tencent-tokenhub": (("tencent-tokenhub",), None),
    "siliconflow": (("siliconflow-cn",), None),
    "together": (("togetherai",), "together"),
    "upstage": (("upstage",), None),
    "vercel": (("vercel",), None),
    "vertex": (("google-vertex", "google-vertex-anthropic"), "google"),
    "wandb": (("wandb",), None),
    "xai": (("xai",), "x-ai"),
    "xiaomi": (("xiaomi",), None),
    "zhipuai": (("zai",), "zai"),
}

# The date each data set was taken (see ../shared/reference/README.md): the
# price in force on that date is the one to compare.
MODELS_DEV_DATE = dt.date(2026, 7, 2)
GENAI_PRICES_DATE = dt.date(2026, 8, 21)
# The late-2026 files carry no snapshot date: genai-prices 0.2.3's newest dated,
# not scheduled, entry is of 2026-11-09, and LiteLLM 1.110.2 is compared as of it too.
LATE_2026_DATE = dt.date(2026, 11, 9)
OPENROUTER_DATE = dt.date(2026, 5, 15)


class ReferenceFact(Record):
    """What one data set says of one route."""

    dataset: str
    input_usd_per_mtok: Decimal | None
    output_usd_per_mtok: Decimal | None
    context_window: int | None
    taken: dt.date  # the data set's snapshot date
    cache_read_usd_per_mtok: Decimal | None = None
    cache_write_usd_per_mtok: Decimal | None = None
    # Long-context tiers: each with the prices it names (the whole price in force
    # above its threshold, as the data sets give it).
    tiers: tuple[Tier, ...] = ()


class References(Record):
    models_dev: Mapping[str, Any] | None = None
    genai_prices: list[Any] | None = None
    openrouter: Mapping[str, Any] | None = None
    genai_prices_late: list[Any] | None = None  # genai-prices 0.2.3 (late 2026)
    litellm: Mapping[str, Any] | None = None  # LiteLLM 1.110.2's model map (late 2026)


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dict):  # a tiered price: compare its base tier
        return _decimal(value.get("base"))
    return Decimal(str(value)) if not isinstance(value, Decimal) else value


# models.dev


def models_dev_fact(data: Mapping[str, Any], provider: str, model_id: str) -> ReferenceFact | None:
    keys, _ = PROVIDER_KEYS.get(provider, ((), None))
    for key in keys:
        entry = data.get(key, {}).get("models", {}).get(model_id)
        if entry is not None:
            cost = entry.get("cost") or {}
            return ReferenceFact(
                f"models.dev ({key})",
                _decimal(cost.get("input")),
                _decimal(cost.get("output")),
                (entry.get("limit") or {}).get("context"),
                MODELS_DEV_DATE,
                _decimal(cost.get("cache_read")),
                _decimal(cost.get("cache_write")),
                _models_dev_tiers(cost.get("tiers") or []),
            )
    return None


def _models_dev_tiers(tiers: list[Any]) -> tuple[Tier, ...]:
    found = []
    for tier in tiers:
        size = (tier.get("tier") or {}).get("size")
        if (tier.get("tier") or {}).get("type") != "context" or not isinstance(size, int):
            continue
        price = Price(
            input_usd_per_mtok=_decimal(tier.get("input")),
            output_usd_per_mtok=_decimal(tier.get("output")),
            cache_read_usd_per_mtok=_decimal(tier.get("cache_read")),
            cache_write_usd_per_mtok=_decimal(tier.get("cache_write")),
        )
        found.append(Tier(size, price))
    return tuple(sorted(found))


# genai-prices


def clause_matches(clause: Mapping[str, Any], model_id: str) -> bool:
    """genai-prices' model match clauses (equals, starts_with, ..., or, and)."""
    text = model_id.lower()
    # Data files spell the combinators "or"/"and"; the 0.2.x package's dump "or_"/"and_".
    for key in ("or", "or_"):
        if key in clause:
            return any(clause_matches(part, model_id) for part in clause[key])
    for key in ("and", "and_"):
        if key in clause:
            return all(clause_matches(part, model_id) for part in clause[key])
    if "equals" in clause:
        return text == str(clause["equals"]).lower()
    if "starts_with" in clause:
        return text.startswith(str(clause["starts_with"]).lower())
    if "ends_with" in clause:
        return text.endswith(str(clause["ends_with"]).lower())
    if "contains" in clause:
        return str(clause["contains"]).lower() in text
    if "regex" in clause:
        return re.search(str(clause["regex"]), model_id) is not None
    return False


def _price_in_force(prices: Any, on: dt.date) -> Mapping[str, Any]:
    """A price table, or of dated/conditional tables the one in force on `on`."""
    if isinstance(prices, dict):
        return prices
    chosen: Mapping[str, Any] = {}
    for option in prices:
        constraint = option.get("constraint") or {}
        start = constraint.get("start_date")
        if "start_time" in constraint or "end_time" in constraint:
            continue  # time-of-day discounts are not the list price
        if start is None or dt.date.fromisoformat(str(start)) <= on:
            chosen = option.get("prices", {})
    return chosen


def genai_prices_fact(
    data: list[Any],
    provider: str,
    model_id: str,
    taken: dt.date = GENAI_PRICES_DATE,
    dataset: str = "genai-prices",
) -> ReferenceFact | None:
    _, key = PROVIDER_KEYS.get(provider, ((), None))
    for entry in data:
        if entry.get("id") != key:
            continue
        for model in entry.get("models", []):  # first match wins, as in genai-prices
            if clause_matches(model.get("match", {}), model_id):
                prices = _price_in_force(model.get("prices", {}), taken)
                return ReferenceFact(
                    dataset,
                    _decimal(prices.get("input_mtok")),
                    _decimal(prices.get("output_mtok")),
                    model.get("context_window"),
                    taken,
                    _decimal(prices.get("cache_read_mtok")),
                    _decimal(prices.get("cache_write_mtok")),
                    _genai_prices_tiers(prices),
                )
    return None


_GENAI_PRICE_FIELDS = {
    "input_mtok": "input_usd_per_mtok",
    "output_mtok": "output_usd_per_mtok",
    "cache_read_mtok": "cache_read_usd_per_mtok",
    "cache_write_mtok": "cache_write_usd_per_mtok",
}


def _genai_prices_tiers(prices: Mapping[str, Any]) -> tuple[Tier, ...]:
    """genai-prices tiers each price apart ({base, tiers: [{start, price}]}): gathered
    by threshold into one Tier each."""
    by_start: dict[int, dict[str, Decimal | None]] = {}
    for key, field in _GENAI_PRICE_FIELDS.items():
        value = prices.get(key)
        if isinstance(value, dict):
            for tier in value.get("tiers") or []:
                by_start.setdefault(int(tier["start"]), {})[field] = _decimal(tier.get("price"))
    return tuple(Tier(start, Price(**fields)) for start, fields in sorted(by_start.items()))


# OpenRouter's model list


def _per_mtok(pricing: Mapping[str, Any], key: str) -> Decimal | None:
    """OpenRouter's USD-per-token string as USD per 1M tokens ("-1" means dynamic)."""
    raw = pricing.get(key)
    if raw is None or str(raw).startswith("-"):
        return None
    return Decimal(str(raw)) * MTOK


def openrouter_fact(data: Mapping[str, Any], model_id: str) -> ReferenceFact | None:
    for entry in data.get("data", []):
        if entry.get("id") == model_id:
            pricing = entry.get("pricing") or {}
            return ReferenceFact(
                "OpenRouter model list",
                _per_mtok(pricing, "prompt"),
                _per_mtok(pricing, "completion"),
                entry.get("context_length"),
                OPENROUTER_DATE,
                _per_mtok(pricing, "input_cache_read"),
                _per_mtok(pricing, "input_cache_write"),
            )
    return None


def reference_facts(refs: References, route: Route) -> Iterator[ReferenceFact]:
    """Every data set's view of this route (provider and the provider's model id)."""
    if not route.model_id:
        return
    provider = route.provider.id
    if refs.models_dev is not None and (
        fact := models_dev_fact(refs.models_dev, provider, route.model_id)
    ):
        yield fact
    if refs.genai_prices is not None and (
        fact := genai_prices_fact(refs.genai_prices, provider, route.model_id)
    ):
        yield fact
    if (
        refs.openrouter is not None
        and provider == "openrouter"
        and (fact := openrouter_fact(refs.openrouter, route.model_id))
    ):
        yield fact
    if refs.genai_prices_late is not None and (
        fact := genai_prices_fact(
            refs.genai_prices_late, provider, route.model_id, LATE_2026_DATE, "genai-prices 0.2.3"
        )
    ):
        yield fact
    if refs.litellm is not None and (fact := litellm_fact(refs.litellm, provider, route.model_id)):
        yield fact


# LiteLLM's model map: keys are model ids, some with a routing prefix
# ("bedrock/...", "vertex_ai/..."), prices USD per token.

LITELLM_PROVIDERS = {
    "openai": ("openai",),
    "anthropic": ("anthropic",),
    "google": ("gemini",),
    "vertex": ("vertex_ai-language-models", "vertex_ai-anthropic_models", "vertex_ai"),
    "xai": ("xai",),
    "mistral": ("mistral",),
    "deepseek": ("deepseek",),
    "moonshotai": ("moonshot",),
    "zhipuai": ("zai",),
    "minimax": ("minimax",),
    "meta": ("meta",),
    "alibaba": ("dashscope",),
    "cohere": ("cohere_chat", "cohere"),
    "perplexity": ("perplexity",),
    "groq": ("groq",),
    "cerebras": ("cerebras",),
}


def _litellm_price(entry: Mapping[str, Any], key: str) -> Decimal | None:
    value = entry.get(key)
    if value is None or isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return (Decimal(value) * MTOK).normalize()


def litellm_fact(data: Mapping[str, Any], provider: str, model_id: str) -> ReferenceFact | None:
    for litellm_provider in LITELLM_PROVIDERS.get(provider, ()):
        prefix = litellm_provider.split("-")[0]
        for key in (model_id, f"{prefix}/{model_id}"):
            entry = data.get(key)
            if not isinstance(entry, dict) or entry.get("litellm_provider") != litellm_provider:
                continue
            tiers = []
            above = _litellm_price(entry, "input_cost_per_token_above_200k_tokens")
            if above is not None:
                output = _litellm_price(entry, "output_cost_per_token_above_200k_tokens")
                tiers.append(
                    Tier(200_000, Price(input_usd_per_mtok=above, output_usd_per_mtok=output))
                )
            return ReferenceFact(
                "LiteLLM 1.110.2",
                _litellm_price(entry, "input_cost_per_token"),
                _litellm_price(entry, "output_cost_per_token"),
                None,  # its max_input_tokens is the input limit, not the whole window
                LATE_2026_DATE,
                _litellm_price(entry, "cache_read_input_token_cost"),
                _litellm_price(entry, "cache_creation_input_token_cost"),
                tuple(tiers),
            )
    return None


def _same_price(mine: Decimal, theirs: Decimal) -> bool:
    """Equal, or equal once the data set's rounding is allowed for: a third of a
    cent is 0.0833333 in one set, 0.08333333333333334 (a float's digits) in another."""
    if mine == theirs:
        return True
    places = min(-mine.as_tuple().exponent, -theirs.as_tuple().exponent)  # type: ignore[operator]
    return places >= 5 and abs(mine - theirs) < Decimal(1).scaleb(-places)


def differences(model: Model, route: Route, fact: ReferenceFact) -> list[str]:
    """Where a data set disagrees with the catalog on a route's prices (as in force on
    the data set's date) or context, or has a cache price the route lacks.

    A cache price of 0 where the catalog has none is not counted: data sets write
    0 for "not offered" as well as for "free" (models.dev's Z.ai cache writes,
    OpenAI's gpt-3.5-turbo cache reads), and a route then says nothing rather
    than guess.
    """
    found = []
    dated = route.as_of(fact.taken)
    ours = dated.price
    for label, mine, theirs in (
        ("input price", ours.input_usd_per_mtok, fact.input_usd_per_mtok),
        ("output price", ours.output_usd_per_mtok, fact.output_usd_per_mtok),
        ("cache-read price", ours.cache_read_usd_per_mtok, fact.cache_read_usd_per_mtok),
        ("cache-write price", ours.cache_write_usd_per_mtok, fact.cache_write_usd_per_mtok),
    ):
        if theirs is None or (mine is None and not theirs):
            continue
        if mine is None:
            if label.startswith("cache"):  # a price the provider charges and we lack
                found.append(f"no {label} (it is {theirs} in {fact.dataset})")
        elif not _same_price(mine, theirs):
            found.append(f"{label} {mine} vs {theirs} in {fact.dataset}")
    found += _tier_differences(dated, fact)
    context = route.context_window or model.context_window
    if fact.context_window and context != fact.context_window:
        found.append(f"context window {context} vs {fact.context_window} in {fact.dataset}")
    return found


def _tier_differences(route: Route, fact: ReferenceFact) -> list[str]:
    """A data set's long-context tier the route lacks, or prices its own differ from."""
    ours = {tier.above_input_tokens: route.price.overridden_by(tier.price) for tier in route.tiers}
    found = []
    for tier in fact.tiers:
        mine = ours.get(tier.above_input_tokens)
        if mine is None:
            if tier.price.input_usd_per_mtok is not None:
                found.append(
                    f"no long-context tier above {tier.above_input_tokens:,} tokens "
                    f"(input {tier.price.input_usd_per_mtok} in {fact.dataset})"
                )
            continue
        for field, theirs in zip(Price._fields, tier.price, strict=True):
            value = getattr(mine, field)
            if theirs is not None and value is not None and not _same_price(value, theirs):
                label = field.removesuffix("_usd_per_mtok").replace("_", "-")
                found.append(
                    f"{label} price above {tier.above_input_tokens:,} tokens {value} "
                    f"vs {theirs} in {fact.dataset}"
                )
    return found


# A note explains a difference when it cites where the catalog's figure comes
# from: a data set by name, a URL, or the lab's or provider's own card, docs or page.
_CITATION = re.compile(
    r"genai-prices|models\.dev|openrouter|https?://|\bcard\b|\bdocs?\b|\bpage\b", re.I
)


def explains_difference(route: Route) -> bool:
    """Whether the route's note cites a source, as a difference from a data set needs."""
    return bool(route.note and _CITATION.search(route.note))
