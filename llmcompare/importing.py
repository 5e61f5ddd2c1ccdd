"""`catalog import` and `catalog update`: a data set's offers mapped onto the
catalog and written as one layer folder in the catalog schema.

The mapping, in order, for each offer (one model on one provider):
1. the provider: the data set's provider id through a table of known ids; an
   unknown one becomes a provider of the layer's own, named as the data names it;
2. the model: the catalog model whose route on that provider has the same model
   id; else the one model whose id, name or alias is the entry's id or name (with
   a vendor prefix such as `meta-llama/` removed), provided its creator agrees
   with the prefix; else the one model any provider serves under that id; else a
   new model, added only when the data gives its context window;
3. the route: the model's route on that provider (its only one there, or the
   one with the same model id) is overridden with the data's prices; the keys
   the data does not give are kept (the merge rule); else the route is added.

Every route written carries the data set's date as `checked` (an entry's own
date where it has one) and its provider's pricing page as `source` where the
data gives one, else the data set's own page. What the layer would hold is
validated with the strict loader, with the whole stack and the layer in its
place (its tables read as planned, not written and parsed back), before
anything is written; an entry the loader refuses is skipped ("refused by the
catalog checks"), never written. Pure apart from `write_layer`.

The offers are mapped onto the whole stack (the other layers too), but the layer
stands on the bundled catalog alone: a provider, creator or model it uses that
only another layer defines is written into it as well. Any layer can then be
imported again, or its folder removed, without breaking another.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import layercopy
from .clock import today
from .crossref import PROVIDER_KEYS, clause_matches
from .domain import Catalog, Model, Plan, Price, Route
from .errors import printable
from .importers import FORMATS, Offer, ReadResult
from .loader import PUBLISHED_LAYERS, same_route
from .names import normalise
from .records import Record

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .loader import ModelReuse, Reader

# Where each data set is published, for routes whose entry names no pricing page.
DATASET_PAGES = {
    "models.dev": "https://models.dev",
    "genai-prices": "https://github.com/pydantic/genai-prices",
    "openrouter": "https://openrouter.ai/models",
    "litellm": "https://github.com/BerriAI/litellm",
}


def _reverse(position: int) -> dict[str, str]:
    found: dict[str, str] = {}
    for ours, keys in PROVIDER_KEYS.items():
        entry = keys[position]
        for key in (entry,) if isinstance(entry, str) else entry or ():
            found.setdefault(key, ours)  # the first listed wins (google before vertex)
    return found


# The data sets' provider ids -> ours. An id missing here is a provider of its own.
PROVIDERS: dict[str, dict[str, str]] = {
    "models.dev": _reverse(0),
    "genai-prices": _reverse(1) | {"aws": "bedrock", "x-ai": "xai"},
    "openrouter": {"openrouter": "openrouter"},
    "litellm": {
        "openai": "openai",
        "text-completion-openai": "openai",
        "anthropic": "anthropic",
        "azure": "azure",
        "azure_ai": "azure",
        "bedrock": "bedrock",
        "bedrock_converse": "bedrock",
        "gemini": "google",
        "vertex_ai": "vertex",
        "vertex_ai-language-models": "vertex",
        "vertex_ai-anthropic_models": "vertex",
        "vertex_ai-mistral_models": "vertex",
        "vertex_ai-llama_models": "vertex",
        "vertex_ai-deepseek_models": "vertex",
        "vertex_ai-qwen_models": "vertex",
        "vertex_ai-openai_models": "vertex",
        "vertex_ai-ai21_models": "vertex",
        "vertex_ai-minimax_models": "vertex",
        "vertex_ai-moonshot_models": "vertex",
        "vertex_ai-zai_models": "vertex",
        "fireworks_ai": "fireworks",
        "together_ai": "together",
        "deepinfra": "deepinfra",
        "groq": "groq",
        "mistral": "mistral",
        "xai": "xai",
        "deepseek": "deepseek",
        "cohere": "cohere",
        "cohere_chat": "cohere",
        "perplexity": "perplexity",
        "cerebras": "cerebras",
        "openrouter": "openrouter",
        "novita": "novita",
        "nebius": "nebius",
        "databricks": "databricks",
        "cloudflare": "cloudflare",
        "huggingface": "huggingface",
        "ovhcloud": "ovhcloud",
        "scaleway": "scaleway",
        "wandb": "wandb",
        "baseten": "baseten",
        "dashscope": "alibaba",
        "moonshot": "moonshotai",
        "zai": "zhipuai",
        "minimax": "minimax",
        "nvidia_nim": "nvidia",
        "vercel_ai_gateway": "vercel",
        "replicate": "replicate",
        "github": "github-models",
        "digitalocean": "digitalocean",
    },
}

# Vendor prefixes in model ids ("meta-llama/Llama-3.3-70B") -> our creator ids.
VENDORS = {
    "meta-llama": "meta",
    "meta": "meta",
    "mistralai": "mistral",
    "mistral": "mistral",
    "qwen": "alibaba",
    "alibaba": "alibaba",
    "deepseek-ai": "deepseek",
    "deepseek": "deepseek",
    "google": "google",
    "openai": "openai",
    "anthropic": "anthropic",
    "x-ai": "xai",
    "xai": "xai",
    "moonshotai": "moonshotai",
    "zai-org": "zhipuai",
    "z-ai": "zhipuai",
    "thudm": "zhipuai",
    "minimaxai": "minimax",
    "minimax": "minimax",
    "microsoft": "microsoft",
    "nvidia": "nvidia",
    "cohere": "cohere",
    "amazon": "amazon",
    "ibm-granite": "ibm",
    "ibm": "ibm",
    "ai21": "ai21",
    "ai21labs": "ai21",
    "baidu": "baidu",
    "tencent": "tencent",
    "bytedance": "bytedance",
    "bytedance-seed": "bytedance",
    "stepfun-ai": "stepfun",
    "stepfun": "stepfun",
    "xiaomimimo": "xiaomi",
    "xiaomi": "xiaomi",
    "liquid": "liquid",
    "liquidai": "liquid",
    "perplexity": "perplexity",
}

# Model-name stems -> creator, for new models whose id has no vendor prefix
# ("llama-3.3-70b-versatile" on Groq): the names these labs give their models.
NAME_STEMS = (
    (re.compile(r"^(gpt|o[134]\b|o[134]-|chatgpt|codex|davinci|babbage)"), "openai"),
    (re.compile(r"^claude"), "anthropic"),
    (re.compile(r"^(gemini|gemma|palm|learnlm)"), "google"),
    (re.compile(r"^(llama|meta-llama|muse)"), "meta"),
    (re.compile(r"^(mis|mix|minis|codes|devs|magis|pix|vox)tral"), "mistral"),
    (re.compile(r"^(qwen|qwq|qvq)"), "alibaba"),
    (re.compile(r"^deepseek"), "deepseek"),
    (re.compile(r"^grok"), "xai"),
    (re.compile(r"^(glm|chatglm)"), "zhipuai"),
    (re.compile(r"^kimi"), "moonshotai"),
    (re.compile(r"^(minimax|abab)"), "minimax"),
    (re.compile(r"^phi-?\d"), "microsoft"),
    (re.compile(r"^nova-"), "amazon"),
    (re.compile(r"^(command|c4ai|aya)"), "cohere"),
    (re.compile(r"^granite"), "ibm"),
    (re.compile(r"^jamba"), "ai21"),
    (re.compile(r"^(nemotron|llama-\d.*nemotron)"), "nvidia"),
    (re.compile(r"^ernie"), "baidu"),
    (re.compile(r"^hunyuan"), "tencent"),
    (re.compile(r"^(doubao|seed-)"), "bytedance"),
    (re.compile(r"^step-"), "stepfun"),
    (re.compile(r"^mimo"), "xiaomi"),
    (re.compile(r"^lfm"), "liquid"),
    (re.compile(r"^sonar"), "perplexity"),
)
ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,40}$")
# The creator of a new model that nothing above places.
UNKNOWN_CREATOR = "other"


class RouteChange(Record):
    model: str
    provider: str
    before: Price | None  # None for a route the catalog did not have
    after: Price


class ImportPlan(Record):
    """What an import would write, and how it compares with the catalog beneath."""

    files: dict[str, dict[str, Any]]  # path in the layer -> TOML table
    added_models: tuple[str, ...]
    added_routes: tuple[RouteChange, ...]
    changed_routes: tuple[RouteChange, ...]
    unchanged_routes: int
    skipped: dict[str, int]  # reason -> entries
    notes: tuple[str, ...]


def slug(text: str) -> str:
    """An id made of what the loader accepts: lowercase letters, digits, '.', '-', '_'."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", text.casefold()).strip("-._")
    return re.sub(r"-{2,}", "-", cleaned) or "x"


def _strip_prefixes(key: str, provider_key: str) -> tuple[str | None, str]:
    """(vendor prefix, bare model id): "openrouter/meta-llama/x" -> ("meta-llama", "x")."""
    parts = _provider_id_parts(key, provider_key)
    if len(parts) > 1:
        return parts[-2].casefold(), parts[-1]
    return None, parts[0] if parts else key


def _provider_id_parts(key: str, provider_key: str) -> list[str]:
    """A data set's model key as its provider's model id, in parts: without the
    data set's own provider prefix (LiteLLM's "azure/gpt-4o" is Azure's "gpt-4o")."""
    parts = [part for part in key.split("/") if part]
    while len(parts) > 1 and parts[0] in (provider_key, "openrouter"):
        parts = parts[1:]
    return parts


def _creator_for(vendor: str | None, bare: str, provider: str) -> str:
    if vendor and vendor in VENDORS:
        return VENDORS[vendor]
    # A lab's own API serves its own models.
    if provider in {
        "openai",
        "anthropic",
        "google",
        "mistral",
        "deepseek",
        "xai",
        "cohere",
        "moonshotai",
        "zhipuai",
        "minimax",
        "perplexity",
        "stepfun",
        "xiaomi",
    }:
        return {"google": "google", "xai": "xai"}.get(provider, provider)
    name = bare.casefold()
    name = re.sub(r"^(us|eu|apac|global|jp|au)\.", "", name)  # Bedrock's regional prefixes
    name = re.sub(r"^[a-z0-9-]+\.(?=[a-z])", "", name)  # Bedrock's vendor prefix: "meta.llama..."
    for pattern, creator in NAME_STEMS:
        if pattern.search(name):
            return creator
    # An organisation's own prefix ("newlab/model") names its maker; deeper paths
    # ("accounts/fireworks/models/x") are a provider's layout, not a maker.
    if vendor and vendor not in ("models", "accounts") and ID_LIKE.match(vendor):
        return slug(vendor)
    return UNKNOWN_CREATOR


class _Index(Record):
    """The catalog's names, to find which model an offer is."""

    by_route: dict[tuple[str, str], tuple[str, ...]]  # (provider, norm model id) -> model ids
    by_name: dict[str, tuple[str, ...]]  # norm id/name/alias -> model ids
    by_any_route: dict[str, tuple[str, ...]]  # norm model id on any provider -> model ids
    on_provider: dict[str, list[tuple[str, str]]]  # provider -> (model id, its model id there)
    models: dict[str, Model]

    @classmethod
    def build(cls, catalog: Catalog) -> _Index:
        by_route: dict[tuple[str, str], list[str]] = {}
        by_name: dict[str, list[str]] = {}
        by_any: dict[str, list[str]] = {}
        on_provider: dict[str, list[tuple[str, str]]] = {}
        for model in catalog.models:
            for name in (model.id, model.name, *model.aliases):
                _add(by_name, normalise(name), model.id)
            for moving in model.moving_aliases:  # the model holding it now
                if moving.until is None:
                    _add(by_name, normalise(moving.alias), model.id)
            for route in model.routes:
                if route.model_id:
                    key = normalise(route.model_id)
                    _add(by_route, (route.provider.id, key), model.id)
                    _add(by_any, key, model.id)
                    on_provider.setdefault(route.provider.id, []).append((model.id, route.model_id))
        return cls(
            {k: tuple(v) for k, v in by_route.items()},
            {k: tuple(v) for k, v in by_name.items()},
            {k: tuple(v) for k, v in by_any.items()},
            on_provider,
            {model.id: model for model in catalog.models},
        )


def _add(index: dict[Any, list[str]], key: Any, value: str) -> None:
    values = index.setdefault(key, [])
    if value not in values:
        values.append(value)


def _one(ids: Sequence[str] | None) -> str | None:
    return ids[0] if ids and len(ids) == 1 else None


def find_model(
    index: _Index, offer: Offer, provider: str, claimed: set[str] | None = None
) -> str | None:
    """The catalog model an offer is, or None (see the module's rules). `claimed`:
    for genai-prices, the models whose provider model ids its match rule is the
    first in the data to match (as genai-prices itself decides)."""
    vendor, bare = _strip_prefixes(offer.model_key, offer.provider_key)
    exact = _one(index.by_route.get((provider, normalise(offer.model_key))))
    exact = exact or _one(index.by_route.get((provider, normalise(bare))))
    if exact:
        return exact
    if claimed is not None and len(claimed) == 1:
        return next(iter(claimed))
    names = [bare]
    if offer.model_name:
        names.append(offer.model_name.split(": ", 1)[-1])  # OpenRouter's "Vendor: Name"
    for name in names:
        found = _one(index.by_name.get(normalise(name)))
        if found and (vendor not in VENDORS or VENDORS[vendor] == index.models[found].creator.id):
            return found
    return _one(index.by_any_route.get(normalise(bare)))


def _route_table(offer: Offer, provider: str, data_date: dt.date, origin: str) -> dict[str, Any]:
    """The route an offer describes, in the catalog schema."""
    source = offer.source or offer.provider_url or DATASET_PAGES[offer.dataset]
    table: dict[str, Any] = {
        "provider": provider,
        "model_id": offer.model_key,
        "status": "deprecated" if offer.deprecated else "active",
        **({"plan": "free"} if _free(offer) else {}),
        **_price_table(offer.price),
        "source": source,
        "checked": _own_date(offer.checked) or data_date,
    }
    if offer.retires is not None:
        table["retired"] = offer.retires  # a scheduled retirement takes effect on its day
    notes = [f"from {offer.dataset} data ({origin}) for {offer.provider_key}/{offer.model_key}"]
    notes += offer.notes
    table["note"] = "; ".join(notes)
    for key, extra in (("batch", offer.batch), ("priority", offer.priority), ("flex", offer.flex)):
        if extra is not None and any(value is not None for value in extra):
            table[key] = _price_table(extra)
    if offer.time_windows:
        table["time_windows"] = [
            {"name": name, "start": f"{start:%H:%M}", "end": f"{end:%H:%M}", **_price_table(price)}
            for name, start, end, price in offer.time_windows
        ]
    if offer.tiers:
        table["tiers"] = [
            {"above_input_tokens": tier.above_input_tokens, **_price_table(tier.price)}
            for tier in offer.tiers
        ]
    if offer.price_changes:
        table["price_changes"] = [
            {"effective": day, **_price_table(price), "source": source}
            for day, price in offer.price_changes
        ]
    return table


def _free(offer: Offer) -> bool:
    """Every price the offer states is 0: a free tier (or a runtime you host, such
    as Ollama), listed but never the cheapest, as the catalog's free routes are."""
    prices = [offer.price, offer.batch, offer.priority, offer.flex]
    prices += [tier.price for tier in offer.tiers]
    prices += [price for _, price in offer.price_changes]
    prices += [window[3] for window in offer.time_windows]
    values = [value for price in prices if price is not None for value in price]
    values = [value for value in values if value is not None]
    return not any(values)  # readers skip entries with no price at all


# Older than any LLM price list: an entry's "last updated" before it is a placeholder.
_EARLIEST = dt.date(2020, 1, 1)


def _own_date(day: dt.date | None) -> dt.date | None:
    """An entry's own date, when it is a plausible one (not 1970, not ahead of today)."""
    if day is None or not _EARLIEST <= day <= today():
        return None
    return day


def _price_table(price: Price) -> dict[str, Decimal]:
    return {
        field: _plain(value)
        for field, value in zip(Price._fields, price, strict=True)
        if value is not None
    }


def _plain(value: Decimal) -> Decimal:
    """The price as TOML will write it: no exponent, no trailing zeros (3 stays 3)."""
    text = format(value.normalize(), "f")
    return Decimal(text)


def _same_price(route: Route, offer: Offer) -> bool:
    """The offer states the prices the route has today (a price it leaves out
    counts as kept)."""
    pairs = zip(_price_today(route), _offer_price_today(offer), strict=True)
    return all(theirs is None or mine == theirs for mine, theirs in pairs)


def _price_today(route: Route) -> Price:
    return route.as_of(today()).price


def _offer_price_today(offer: Offer) -> Price:
    """The offer's prices in force today: its dated changes up to today applied
    (genai-prices keeps a price's history: gemma-2-27b on OpenRouter was 0.8
    until 2026-10-19, then 0.65; the report compares and shows 0.65)."""
    price = offer.price
    for day, change in offer.price_changes:
        if day <= today():
            price = price.overridden_by(change)
    return price


def _new_model(offers: list[Offer], model_id: str, creator: str, name: str) -> dict[str, Any]:
    """A model the catalog lacks, from what its offers state (the first that says wins)."""

    def first(field: str) -> Any:
        return next((getattr(o, field) for o in offers if getattr(o, field) is not None), None)

    context = first("context_window")
    table: dict[str, Any] = {"id": model_id, "name": name, "creator": creator}
    if first("family"):
        table["family"] = first("family")
    released = first("released")
    if released is not None:
        table["released"] = released
    if first("knowledge_cutoff"):
        table["knowledge_cutoff"] = first("knowledge_cutoff")
    table["context_window"] = context
    most = first("max_output_tokens")
    if most is not None and most <= context:
        table["max_output_tokens"] = most
    if first("open_weights") is not None:
        table["open_weights"] = first("open_weights")
    inputs = next((o.input_modalities for o in offers if o.input_modalities), ())
    outputs = next((o.output_modalities for o in offers if o.output_modalities), ())
    if inputs and outputs:
        table["input_modalities"] = list(dict.fromkeys(inputs))
        table["output_modalities"] = list(dict.fromkeys(outputs))
    flags: dict[str, bool] = {}
    for offer in offers:
        for key, value in offer.capabilities.items():
            flags.setdefault(key, value)
    if flags.get("vision") and "image" not in table.get("input_modalities", ()):
        del flags["vision"]  # the loader's rule: vision means image input
    if flags:
        table["capabilities"] = flags
    table["sources"] = [DATASET_PAGES[offers[0].dataset]]
    return table


def _known_model(model: Model, creator: str) -> dict[str, Any]:
    """A model another layer defines, as `_new_model` writes one: the facts an
    import layer repeats so that it stands on the bundled catalog alone."""
    table: dict[str, Any] = {"id": model.id, "name": model.name, "creator": creator}
    facts = ("family", "released", "knowledge_cutoff", "context_window", "max_output_tokens")
    for key in (*facts, "open_weights"):  # each where the model states it
        if getattr(model, key) is not None:
            table[key] = getattr(model, key)
    if model.input_modalities and model.output_modalities:
        table["input_modalities"] = list(model.input_modalities)
        table["output_modalities"] = list(model.output_modalities)
    if model.capabilities:
        table["capabilities"] = dict(model.capabilities)
    table["sources"] = list(model.sources)
    return table


class _Planner:
    """Builds one import's layer: offers grouped by catalog model, new models named.

    The layer stands on the bundled catalog (`base`) alone: a provider, creator
    or model it uses that only another layer defines is written into it too. So
    any layer can be imported again, or its folder removed, without breaking
    another that was mapped onto it."""

    def __init__(self, catalog: Catalog, origin: str, data_date: dt.date, base: Catalog) -> None:
        self.catalog = catalog
        self.origin = origin
        self.data_date = data_date
        self.base_providers = base.providers
        self.base_creators = base.creators
        self.base_models = {model.id for model in base.models}
        self.index = _Index.build(catalog)
        self.providers: dict[str, dict[str, Any]] = {}
        self.creators: dict[str, dict[str, Any]] = {}
        self.routes: dict[str, list[tuple[Offer, dict[str, Any]]]] = {}  # model id -> routes
        self.new: dict[str, tuple[str, list[Offer]]] = {}  # new model id -> (creator, offers)
        self.new_by_key: dict[str, str] = {}  # norm bare id -> new model id
        self.taken = set(self.index.by_name)  # normalised names in use
        self.skipped: dict[str, int] = {}

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def provider(self, offer: Offer) -> str:
        known = PROVIDERS[offer.dataset].get(offer.provider_key)
        if known == "google" and offer.dataset == "genai-prices":
            # genai-prices' "google" holds Vertex AI's partner models too (Claude,
            # Llama, ...) and its Model-as-a-Service ids ("gemma-4-26b-a4b-it-maas"):
            # only Google's own models, by their own ids, are on the Gemini API.
            _, bare = _strip_prefixes(offer.model_key, offer.provider_key)
            if _creator_for(None, bare, "") != "google" or bare.endswith("-maas"):
                known = "vertex"
        if (
            known is None
            and offer.dataset == "litellm"
            and offer.provider_key.startswith("vertex_ai")
        ):
            known = "vertex"
        if known is not None and known in self.catalog.providers:
            return self._kept_provider(known)
        provider = slug(offer.provider_key)
        if provider in self.catalog.providers:
            return self._kept_provider(provider)
        if provider not in self.providers:
            page = offer.provider_url or DATASET_PAGES[offer.dataset]
            self.providers[provider] = {
                "name": offer.provider_name or offer.provider_key,
                "homepage": page,
                "pricing_url": page,
                "status": "active",
            }
        return provider

    def _kept_provider(self, provider: str) -> str:
        """A catalog provider; written into the layer too unless the bundled catalog has it."""
        if provider not in self.base_providers and provider not in self.providers:
            known = self.catalog.providers[provider]
            self.providers[provider] = {
                "name": known.name,
                "homepage": known.homepage,
                "pricing_url": known.pricing_url,
                "status": known.status.value,
            }
        return provider

    def _kept_creator(self, creator: str) -> None:
        """A catalog creator, written into the layer unless the bundled catalog has it."""
        if creator not in self.base_creators and creator not in self.creators:
            known = self.catalog.creators[creator]
            self.creators[creator] = {"name": known.name, "homepage": known.homepage}

    def add(self, offer: Offer, claimed: set[str] | None = None) -> None:
        provider = self.provider(offer)
        model_id = find_model(self.index, offer, provider, claimed)
        if model_id is None:
            model_id = self._new_model_id(offer, provider)
            if model_id is None:
                return
        table = _route_table(offer, provider, self.data_date, self.origin)
        self.routes.setdefault(model_id, []).append((offer, table))

    def _new_model_id(self, offer: Offer, provider: str) -> str | None:
        vendor, bare = _strip_prefixes(offer.model_key, offer.provider_key)
        key = normalise(bare)
        if key in self.new_by_key:
            model_id = self.new_by_key[key]
            self.new[model_id][1].append(offer)
            return model_id
        if offer.context_window is None:
            self.skip("new model without a context window")
            return None
        creator = _creator_for(vendor, bare, provider)
        model_id = slug(bare)
        if normalise(model_id) in self.taken or model_id in self.new:
            model_id = slug(f"{bare}-{provider}")
            if normalise(model_id) in self.taken or model_id in self.new:
                self.skip("new model whose id is taken")
                return None
        self.taken.add(normalise(model_id))
        self.new_by_key[key] = model_id
        self.new[model_id] = (creator, [offer])
        if creator in self.catalog.creators:
            self._kept_creator(creator)
        elif creator not in self.creators:
            name = "Other (not stated)" if creator == UNKNOWN_CREATOR else vendor or creator
            self.creators[creator] = {"name": name, "homepage": DATASET_PAGES[offer.dataset]}
        return model_id

    def _display_name(self, model_id: str, offers: list[Offer]) -> str:
        for offer in offers:
            if offer.model_name:
                name = offer.model_name.split(": ", 1)[-1].strip()
                own = normalise(name) == normalise(model_id)
                if name and (own or normalise(name) not in self.taken) and printable(name):
                    self.taken.add(normalise(name))
                    return name
        return model_id

    def _claims(self, offers: list[Offer]) -> dict[int, set[str]]:
        """genai-prices decides which of its entries prices a model id by taking the
        first whose match rule fits, in the data's order: each entry claims the
        catalog's provider model ids that no earlier entry of its provider did."""
        taken: set[tuple[str, str]] = set()
        claims: dict[int, set[str]] = {}
        for position, offer in enumerate(offers):
            if offer.match is None:
                continue
            provider = self.provider(offer)
            for model_id, route_model_id in self.index.on_provider.get(provider, ()):
                key = (provider, route_model_id)
                if key not in taken and clause_matches(offer.match, route_model_id):
                    taken.add(key)
                    claims.setdefault(position, set()).add(model_id)
        return claims

    def plan(self, result: ReadResult) -> ImportPlan:
        for skip in result.skipped:
            self.skip(skip.reason)
        claims = self._claims(result.offers)
        for position, offer in enumerate(result.offers):
            self.add(offer, claims.get(position))
        files: dict[str, dict[str, Any]] = {}
        added: list[RouteChange] = []
        changed: list[RouteChange] = []
        unchanged = 0
        new_ids = set(self.new)
        for model_id, entries in sorted(self.routes.items()):
            routes = _one_route_per_provider(entries, self.index.models.get(model_id))
            if model_id in new_ids:
                creator, offers = self.new[model_id]
                table = _new_model(offers, model_id, creator, self._display_name(model_id, offers))
                table["routes"] = [route for _, route in routes]
                added += [
                    RouteChange(model_id, r["provider"], None, _offer_price_today(o))
                    for o, r in routes
                ]
            else:
                model = self.index.models[model_id]
                creator = model.source_file.split("/")[-2]  # the folder its file is in
                table = {"routes": []}
                if model_id not in self.base_models:  # another layer's: its facts repeated
                    table = {**_known_model(model, creator), "routes": []}
                    self._kept_creator(creator)
                for offer, route in routes:
                    existing = _existing_route(model, route)
                    if existing is not None and existing.plan is not Plan.PAID:
                        # A free or trial route: its own word where the data has it
                        # free too (written out: the layer stands alone), else paid.
                        free = route.get("plan") == "free"
                        route["plan"] = existing.plan.value if free else "paid"
                    if existing is None:
                        added.append(
                            RouteChange(
                                model_id, route["provider"], None, _offer_price_today(offer)
                            )
                        )
                    else:
                        if existing.model_id != route["model_id"]:
                            # Keep the catalog's id for the provider's model, so the
                            # override lands on the same route; the data's is in the note.
                            if existing.model_id is None:
                                del route["model_id"]
                            else:
                                route["model_id"] = existing.model_id
                        if _same_price(existing, offer):
                            unchanged += 1
                        elif _older_than(route, existing):
                            # Written all the same: it stands if that evidence goes.
                            self.skip(OLDER_THAN_THE_CATALOG)
                        else:
                            before, after = _price_today(existing), _offer_price_today(offer)
                            changed.append(RouteChange(model_id, route["provider"], before, after))
                    table["routes"].append(route)
            files[f"models/{creator}/{model_id}.toml"] = table
        if self.providers:
            files["providers.toml"] = self.providers
        if self.creators:
            files["creators.toml"] = self.creators
        skipped = dict(sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        return ImportPlan(
            files,
            tuple(sorted(new_ids & set(self.routes))),
            tuple(added),
            tuple(changed),
            unchanged,
            skipped,
            tuple(result.notes),
        )


def _one_route_per_provider(
    entries: list[tuple[Offer, dict[str, Any]]], model: Model | None = None
) -> list[tuple[Offer, dict[str, Any]]]:
    """A data set may list one model several times on a provider (an alias, a
    dated id, a region: "azure/eu/gpt-4o-2024-08-06" beside "azure/gpt-4o"): one
    entry stands. One whose id is the catalog route's own (without the data set's
    provider prefix, case and punctuation aside) wins, so a regional price never
    replaces the global one; else the first, as the data set orders them."""
    ids = {(r.provider.id, r.model_id) for r in model.routes if r.model_id} if model else set()
    own = {(provider, normalise(model_id)) for provider, model_id in ids}

    def rank(offer: Offer, route: dict[str, Any]) -> int:
        """0: the route's own id; 1: the same, case and punctuation aside; 2: the
        same once the data set's provider prefix is gone (LiteLLM's "azure/gpt-4o"
        is Azure's "gpt-4o"); 3: another id."""
        provider, key = route["provider"], offer.model_key
        if (provider, key) in ids:
            return 0
        if (provider, normalise(key)) in own:
            return 1
        bare = "/".join(_provider_id_parts(key, offer.provider_key))
        return 2 if (provider, normalise(bare)) in own else 3

    chosen: dict[str, tuple[Offer, dict[str, Any]]] = {}  # in the data's order of providers
    for offer, route in entries:
        earlier = chosen.get(route["provider"])
        if earlier is None or rank(offer, route) < rank(*earlier):
            chosen[route["provider"]] = (offer, route)
    return list(chosen.values())


# Counted with the skips: a price the loader leaves aside for the route's newer
# evidence (loader._older_evidence), until that evidence goes.
OLDER_THAN_THE_CATALOG = "price older than the catalog's (not in force)"


def _older_than(route: dict[str, Any], existing: Route) -> bool:
    """Whether the loader will keep `existing` over `route` for its newer evidence."""
    return existing.origin.startswith(PUBLISHED_LAYERS) and route["checked"] < existing.checked


def _existing_route(model: Model, route: dict[str, Any]) -> Route | None:
    """The model's route an offer's route is: the one the loader will merge it
    into (loader.same_route: the same provider and model id, else the provider's
    only route, as data sets write ids their own way, unless one of the two is a
    free variant), or None for a route of its own."""
    tables = [{"provider": r.provider.id, "model_id": r.model_id} for r in model.routes]
    index = same_route(tables, route)
    return None if index is None else model.routes[index]


def plan_import(
    catalog: Catalog, result: ReadResult, *, origin: str, data_date: dt.date, base: Catalog
) -> ImportPlan:
    """What importing `result` over `catalog` (the other layers) would write, standing
    on `base` (the bundled catalog) alone."""
    return _Planner(catalog, origin, data_date, base).plan(result)


def validated(
    plan: ImportPlan, origin: str, folder: Path, reuse: ModelReuse | None
) -> tuple[ImportPlan, Catalog]:
    """The plan with every file the strict loader refuses (with the whole stack,
    this layer in its place as `folder`) dropped and counted, so writing it never
    breaks the catalog; and the catalog the stack then is. The loader reads the
    plan's tables as they are, not written out and parsed back (a few seconds for
    a thousand files, a minute for twenty thousand): TOML writes and reads back
    each value as it is, and a build reads the layer's JSON copy of these very
    tables. `reuse`: the models checked before (catalog.checked_before)."""
    from .catalog import catalog_folders, loader_layers, reader_for, stack_with
    from .errors import CatalogError
    from .loader import Layer, load_layers

    files = dict(plan.files)
    refused = 0
    others = [found for found in catalog_folders() if found.origin != origin]
    read = _plan_reader(reader_for(others))
    stack = stack_with(origin, folder)
    place = next(i for i, found in enumerate(stack) if found.origin == origin)
    layers = loader_layers(stack[:place] + stack[place + 1 :])  # the base first, as ever
    beneath, above = layers[:place], layers[place:]
    for _ in range(10):  # each round drops what the loader named; a few rounds settle it
        planned = cast("Traversable", PlannedFolder(files))  # as the loader reads it
        layer = Layer(origin, planned, f"{folder}{os.sep}")
        try:
            checked = load_layers([*beneath, layer, *above], read, reuse)
            break
        except CatalogError as exc:
            problems = exc.problems
        named = {problem.file for problem in problems}
        # A merged model's problem names the topmost file of it, which may be another
        # layer's: this layer's file for the same model is what is dropped.
        dropped = {
            path
            for path in files
            if path.startswith("models/") and any(name.endswith("/" + path) for name in named)
        }
        if not dropped:
            raise CatalogError(problems)  # a problem with the layer's own tables
        for path in dropped:
            del files[path]
        refused += len(dropped)
    else:
        raise CatalogError(problems)
    if not refused:
        return plan, checked
    kept = {path.rsplit("/", 1)[-1].removesuffix(".toml") for path in files}
    skipped = dict(plan.skipped)
    skipped["refused by the catalog checks"] = refused
    kept_plan = plan._replace(
        files=files,
        added_models=tuple(m for m in plan.added_models if m in kept),
        added_routes=tuple(c for c in plan.added_routes if c.model in kept),
        changed_routes=tuple(c for c in plan.changed_routes if c.model in kept),
        skipped=skipped,
    )
    return kept_plan, checked


class PlannedFolder:
    """A layer's files as a plan holds them, for the loader to read in place of a
    folder on disk: the calls of a Traversable that the loader makes to list a
    layer. A file's table is read through `_plan_reader`, never opened."""

    def __init__(self, files: dict[str, dict[str, Any]], path: str = "") -> None:
        self.files = files
        self.path = path  # "" for the layer's own folder
        self.name = path.rsplit("/", 1)[-1]
        self._children: dict[str, set[str]] | None = None

    def __truediv__(self, child: str) -> PlannedFolder:
        found = PlannedFolder(self.files, f"{self.path}/{child}" if self.path else child)
        found._children = self.children()
        return found

    def children(self) -> dict[str, set[str]]:
        """Each folder's entries, by its path: worked out once for the layer."""
        if self._children is None:
            self._children = {}
            for path in self.files:
                parts = path.split("/")
                for depth in range(len(parts)):
                    folder = "/".join(parts[:depth])
                    self._children.setdefault(folder, set()).add(parts[depth])
        return self._children

    def is_dir(self) -> bool:
        return self.path in self.children()

    def is_file(self) -> bool:
        return self.path in self.files

    def iterdir(self) -> Iterator[PlannedFolder]:
        return (self / name for name in sorted(self.children().get(self.path, ())))

    def table(self) -> dict[str, Any]:
        """The file's table, a copy: the loader marks the tables it is given."""
        table: dict[str, Any] = _copied(self.files[self.path])
        return table


def _copied(value: Any) -> Any:
    """A table copied as deep as the loader changes it (copy.deepcopy also copies
    every Decimal and date, several times slower over thousands of tables)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value  # text, numbers, dates: never changed in place


def _plan_reader(read: Reader) -> Reader:
    """`read`, except for a planned file: its table as the plan holds it."""

    def reader(entry: Any, name: str, problems: list[Any]) -> dict[str, Any] | None:
        if isinstance(entry, PlannedFolder):
            return entry.table()
        return read(entry, name, problems)

    return reader


def _write_files(folder: Path, files: dict[str, dict[str, Any]]) -> None:
    import tomli_w

    for path, table in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(tomli_w.dumps(table), encoding="utf-8")


def write_layer(folder: Path, plan: ImportPlan, header: dict[str, Any]) -> None:
    """Write the layer into `folder`, replacing what was there as one step: built
    beside it, then swapped in; on any failure the old folder stays as it was."""
    import tomli_w

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        _write_files(staging, plan.files)
        (staging / "IMPORT.toml").write_text(tomli_w.dumps(header), encoding="utf-8")
        with contextlib.suppress(TypeError, ValueError, OSError):  # a speed-up only
            layercopy.write(staging, plan.files)
        old = folder.parent / f".{folder.name}.old-{os.getpid()}"
        if folder.exists():
            os.replace(folder, old)
        try:
            os.replace(staging, folder)
        except OSError:
            if old.exists():
                os.replace(old, folder)
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def read_data_file(path: Path, fmt: str) -> ReadResult:
    """A data file read with the format's reader; ValueError says what is wrong."""
    import json

    from .importers import reader

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    try:
        data = json.loads(path.read_bytes(), parse_float=Decimal)
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not valid JSON: {exc}") from None
    except RecursionError:
        raise ValueError(f"{path}: not valid JSON: nested too deeply") from None
    try:
        result: ReadResult = reader(fmt)(data)
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: not {fmt} data ({type(exc).__name__}: {exc})") from None
    return result


class ImportReport(Record):
    """What `catalog import` or `catalog update` did (or, with --dry-run, would do)."""

    origin: str  # import:NAME or update:SOURCE
    format: str
    data_file: str
    folder: str  # the layer folder written
    data_date: dt.date  # the `checked` date of routes whose entries have no date of their own
    date_basis: str  # where that date came from, in words
    plan: ImportPlan
    written: bool


class DataError(Exception):
    """A data file or download that cannot be imported; one line for the user."""


NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _skips(plan: ImportPlan) -> str:
    return ", ".join(f"{count} {why}" for why, count in plan.skipped.items()) or "no entries"


def file_date(path: Path) -> dt.date:
    """The day a file was last modified: the best evidence of its data's date that
    a downloaded file carries (use --date when you know better)."""
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()
    return min(modified, today())  # a clock ahead of ours is not the future


def catalogs_for_import(origin: str) -> tuple[Catalog, Catalog]:
    """(the catalog the offers are mapped onto, the bundled catalog). The first is
    the stack without the layer `origin` (the one about to be replaced), read once
    and not stored; or, where that does not load (a layer written before layers
    stood alone may lean on the one replaced), the stack as it is."""
    from .catalog import catalog_folders, load_folders, load_unstored
    from .errors import CatalogError

    folders = catalog_folders()
    base = load_folders(folders[:1])
    try:
        return load_unstored([folder for folder in folders if folder.origin != origin]), base
    except CatalogError:
        return load_folders(folders), base


def import_layer(
    fmt: str,
    result: ReadResult,
    *,
    origin: str,
    folder: Path,
    data_file: str,
    data_date: dt.date,
    date_basis: str,
    dry_run: bool,
    compile_after: bool = False,
) -> ImportReport:
    """Map `result` onto the catalog without `origin`, validate it, and (unless a
    dry run) write it as the layer `folder`; with `compile_after`, compile the
    catalog so checked for the next run (`catalog import`: one layer; `catalog
    update`, which may replace several in turn, builds once at the end)."""
    from .catalog import checked_before, other_layer_stamps, store_checked

    others = other_layer_stamps(origin)
    beneath, base = catalogs_for_import(origin)
    plan = plan_import(beneath, result, origin=origin, data_date=data_date, base=base)
    reuse = checked_before()  # shared with the store compiled after: what it reused, it copies
    plan, checked = validated(plan, origin, folder, reuse)
    if not dry_run and not any(path.startswith("models/") for path in plan.files):
        # Writing it would only hide the layer it replaces.
        raise DataError(f"nothing in the data could be imported ({_skips(plan)})")
    if not dry_run:
        header = {
            "origin": origin,
            "format": fmt,
            "data_file": data_file,
            "data_date": data_date,
            "date_basis": date_basis,
            "imported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        }
        write_layer(folder, plan, header)
        if compile_after:
            # The stack was just checked with these very tables: compiled now, the
            # next run answers at once instead of checking every model again.
            store_checked(checked, origin, others, reuse)
    return ImportReport(
        origin, fmt, data_file, str(folder), data_date, date_basis, plan, not dry_run
    )


def run_import(
    fmt: str, path: Path, name: str, data_date: dt.date | None, dry_run: bool
) -> ImportReport:
    """`catalog import FORMAT FILE`: read, map, validate, write import:NAME."""
    from . import userdirs

    if not NAME_PATTERN.match(name):
        raise DataError(f"{name!r} is not a layer name (lowercase letters, digits, '.-_')")
    if data_date is not None and data_date > today():
        raise DataError(f"--date {data_date} is in the future: give the date of the data")
    try:
        result = read_data_file(path, fmt)
        basis = "--date" if data_date else "the file's modification date"
        day = data_date or file_date(path)
    except (ValueError, OSError) as exc:
        raise DataError(str(exc)) from None
    return import_layer(
        fmt,
        result,
        origin=f"import:{name}",
        folder=userdirs.imports_dir() / name,
        data_file=str(path),
        data_date=day,
        date_basis=basis,
        dry_run=dry_run,
        compile_after=True,
    )
