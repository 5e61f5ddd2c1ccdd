"""Domain objects: what the catalog says, as frozen dataclasses.

Units are in the names (`input_usd_per_mtok`, `context_window` in tokens).
Money is always `Decimal`. Nothing here reads files or prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

# The ten capability flags of the seed page, in display order.
CAPABILITIES: dict[str, str] = {
    "vision": "Vision",
    "multimodal": "Multimodal",
    "reasoning": "Reasoning",
    "function_calling": "Function calling",
    "tool_use": "Tool use",
    "structured_outputs": "Structured outputs",
    "code_execution": "Code execution",
    "ide_integration": "IDE integration",
    "computer_use": "Computer use",
    "parallel_agents": "Parallel agents",
}

# Use-case tags ("Decision fit" on the seed page) and how they read.
USE_CASES: dict[str, str] = {
    "classification": "Classification",
    "coding": "Coding",
    "agents": "Agents",
    "long-context": "Long context",
    "chat": "Chat",
    "reasoning": "Reasoning",
    "multimodal": "Multimodal",
    "summarization": "Summarization",
    "extraction": "Extraction",
    "translation": "Translation",
    "math": "Math",
    "creative-writing": "Creative writing",
    "rag": "RAG",
    "on-device": "On-device",
    "low-latency": "Low latency",
    "high-volume": "High volume",
    "research": "Research",
}

ARCHITECTURES: dict[str, str] = {
    "decoder-only": "decoder only",
    "mixture-of-experts": "mixture of experts",
    "hybrid": "hybrid",
    "encoder-decoder": "encoder-decoder",
}

MODALITIES = ("text", "image", "audio", "video", "pdf")


class ProviderStatus(StrEnum):
    ACTIVE = "active"
    DEPRECATED = "deprecated"


class RouteStatus(StrEnum):
    ACTIVE = "active"
    DEPRECATED = "deprecated"


class Plan(StrEnum):
    """How a route is paid for: only `paid` routes can be the cheapest."""

    PAID = "paid"
    FREE = "free"
    TRIAL = "trial"


class CommercialUse(StrEnum):
    ALLOWED = "allowed"
    CONDITIONAL = "conditional"
    NONE = "none"


class Openness(StrEnum):
    OPEN_SOURCE = "open-source"
    OPEN_WEIGHTS = "open-weights"
    CLOSED = "closed"


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    homepage: str
    pricing_url: str
    status: ProviderStatus


@dataclass(frozen=True)
class License:
    id: str
    name: str
    osi_approved: bool
    commercial_use: CommercialUse
    url: str | None = None


@dataclass(frozen=True)
class Creator:
    id: str
    name: str
    homepage: str


@dataclass(frozen=True)
class Price:
    """List prices of one route, USD per 1M tokens; None where not published."""

    input_usd_per_mtok: Decimal | None = None
    output_usd_per_mtok: Decimal | None = None
    cache_read_usd_per_mtok: Decimal | None = None
    cache_write_usd_per_mtok: Decimal | None = None

    @property
    def is_complete(self) -> bool:
        """Both input and output are priced, so a token volume can be costed."""
        return self.input_usd_per_mtok is not None and self.output_usd_per_mtok is not None


@dataclass(frozen=True)
class Route:
    """One provider's offer of one model."""

    provider: Provider
    model_id: str | None
    status: RouteStatus
    plan: Plan
    price: Price
    source: str
    checked: dt.date
    note: str | None = None

    @property
    def is_active(self) -> bool:
        return self.status is RouteStatus.ACTIVE and self.provider.status is ProviderStatus.ACTIVE

    @property
    def is_billable(self) -> bool:
        """Can stand as the cheapest route: active, paid, and fully priced."""
        return self.is_active and self.plan is Plan.PAID and self.price.is_complete


@dataclass(frozen=True)
class Benchmark:
    name: str
    score: Decimal
    metric: str
    source: str
    date: dt.date


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    creator: Creator
    family: str
    released: dt.date
    context_window: int
    license: License
    open_weights: bool
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    capabilities: dict[str, bool]
    use_cases: tuple[str, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    knowledge_cutoff: str | None = None
    max_output_tokens: int | None = None
    parameters: int | None = None
    active_parameters: int | None = None
    architecture: str | None = None
    benchmarks: tuple[Benchmark, ...] = ()
    routes: tuple[Route, ...] = ()
    note: str | None = None
    source_file: str = field(default="", compare=False)

    @property
    def openness(self) -> Openness:
        if not self.open_weights:
            return Openness.CLOSED
        return Openness.OPEN_SOURCE if self.license.osi_approved else Openness.OPEN_WEIGHTS

    @property
    def capability_names(self) -> tuple[str, ...]:
        """The capability keys this model has, in display order."""
        return tuple(key for key in CAPABILITIES if self.capabilities.get(key))

    @property
    def active_routes(self) -> tuple[Route, ...]:
        return tuple(route for route in self.routes if route.is_active)


@dataclass(frozen=True)
class Catalog:
    models: tuple[Model, ...]
    providers: dict[str, Provider]
    licenses: dict[str, License]
    creators: dict[str, Creator]

    def model(self, model_id: str) -> Model:
        for model in self.models:
            if model.id == model_id:
                return model
        raise KeyError(model_id)
