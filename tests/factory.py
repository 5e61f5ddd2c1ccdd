"""Builders for small catalogs written to tmp_path (used by tests not about bundled data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w

PROVIDERS = {
    "alpha": {
        "name": "Alpha Cloud",
        "homepage": "https://alpha.example",
        "pricing_url": "https://alpha.example/pricing",
        "status": "active",
    },
    "beta": {
        "name": "Beta Hosting",
        "homepage": "https://beta.example",
        "pricing_url": "https://beta.example/pricing",
        "status": "active",
    },
    "gone": {
        "name": "Gone AI",
        "homepage": "https://gone.example",
        "pricing_url": "https://gone.example/pricing",
        "status": "deprecated",
    },
}
LICENSES = {
    "apache-2.0": {
        "name": "Apache 2.0",
        "osi_approved": True,
        "commercial_use": "allowed",
    },
    "custom": {"name": "Custom Community", "osi_approved": False, "commercial_use": "conditional"},
    "proprietary": {"name": "Proprietary", "osi_approved": False, "commercial_use": "allowed"},
}
CREATORS = {
    "acme": {"name": "Acme Labs", "homepage": "https://acme.example"},
    "zeta": {"name": "Zeta AI", "homepage": "https://zeta.example"},
}
NO_CAPABILITIES = {
    key: False
    for key in (
        "vision",
        "multimodal",
        "reasoning",
        "function_calling",
        "tool_use",
        "structured_outputs",
        "code_execution",
        "ide_integration",
        "computer_use",
        "parallel_agents",
    )
}
CHECKED = dt.date(2026, 5, 19)


def route(provider: str, inp: str | None, out: str | None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "provider": provider,
        "model_id": extra.pop("model_id", f"{provider}/model"),
        "status": extra.pop("status", "active"),
        "source": f"https://{provider}.example/pricing",
        "checked": CHECKED,
    }
    if inp is not None:
        data["input_usd_per_mtok"] = Decimal(inp)
    if out is not None:
        data["output_usd_per_mtok"] = Decimal(out)
    data.update(extra)
    return data


def model(creator: str, model_id: str, name: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": model_id,
        "name": name,
        "creator": creator,
        "family": model_id.split("-")[0],
        "released": dt.date(2024, 4, 18),
        "context_window": 8192,
        "license": "custom",
        "open_weights": True,
        "input_modalities": ["text"],
        "output_modalities": ["text"],
        "use_cases": [],
        "sources": [f"https://{creator}.example/{model_id}"],
        "capabilities": dict(NO_CAPABILITIES),
    }
    capabilities = fields.pop("capabilities", {})
    data["capabilities"].update(capabilities)
    data.update(fields)
    return data


def default_models() -> list[dict[str, Any]]:
    """Four models shaped like the seed pair plus two priced chat models."""
    return [
        model(
            "acme",
            "small-guard",
            "Small Guard 8B",
            aliases=["acme-small-guard"],
            parameters=8_000_000_000,
            architecture="decoder-only",
            knowledge_cutoff="2023-03",
            use_cases=["classification"],
            routes=[
                route("beta", "0.20", "0.20", model_id="beta/small-guard"),
                route("gone", None, None, status="deprecated", model_id="gone/small-guard"),
                route("alpha", "0.05", "0.25", model_id="acme/acme-small-guard-8b"),
            ],
        ),
        model(
            "zeta",
            "wide-vision",
            "Wide Vision 4B",
            released=dt.date(2026, 3, 2),
            context_window=262_144,
            max_output_tokens=65_536,
            parameters=4_000_000_000,
            license="apache-2.0",
            input_modalities=["text", "image"],
            use_cases=["coding", "agents", "long-context"],
            capabilities={"vision": True, "multimodal": True},
            routes=[route("beta", "0", "0", plan="free", model_id="zeta/wide-vision")],
        ),
        model(
            "acme",
            "big-chat",
            "Big Chat",
            context_window=128_000,
            max_output_tokens=16_384,
            license="proprietary",
            open_weights=False,
            use_cases=["chat"],
            capabilities={"function_calling": True, "reasoning": True},
            benchmarks=[
                {
                    "name": "MMLU",
                    "score": Decimal("80.5"),
                    "metric": "accuracy %",
                    "source": "https://acme.example/mmlu",
                    "date": CHECKED,
                }
            ],
            routes=[
                route("alpha", "1", "2", cache_read_usd_per_mtok=Decimal("0.5")),
                route("beta", "1.5", "2"),
            ],
        ),
        model(
            "zeta",
            "other-chat",
            "Other Chat",
            context_window=128_000,
            max_output_tokens=8_192,
            license="apache-2.0",
            use_cases=["chat"],
            capabilities={"function_calling": True},
            benchmarks=[
                {
                    "name": "mmlu",
                    "score": Decimal("70"),
                    "metric": "accuracy %",
                    "source": "https://zeta.example/mmlu",
                    "date": CHECKED,
                }
            ],
            routes=[route("alpha", "0.5", "1.5")],
        ),
    ]


def write_catalog(root: Path, models: list[dict[str, Any]] | None = None) -> Path:
    """Write a catalog directory; each model dict becomes models/<creator>/<id>.toml."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "providers.toml").write_text(tomli_w.dumps(PROVIDERS))
    (root / "licenses.toml").write_text(tomli_w.dumps(LICENSES))
    (root / "creators.toml").write_text(tomli_w.dumps(CREATORS))
    for data in default_models() if models is None else models:
        data = dict(data)
        stem = data.pop("_file", data.get("id"))  # "_file" lets a test misname a file
        folder = root / "models" / data.get("creator", "acme")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem}.toml").write_text(tomli_w.dumps(data))
    return root


OPENAI = "https://platform.openai.com/docs/pricing"
ANTHROPIC = "https://www.anthropic.com/pricing#api"
ANTHROPIC_BATCH = "https://docs.anthropic.com/en/docs/build-with-claude/batch-processing"
GOOGLE = "https://ai.google.dev/gemini-api/docs/pricing"
PERPLEXITY = "https://docs.perplexity.ai/getting-started/pricing"
REPLICATE = "https://replicate.com/meta/meta-llama-guard-2-8b"


def published_price_models() -> list[dict[str, Any]]:
    """Models whose routes copy providers' published prices (pages cited beside them)."""
    return [
        # OpenAI gpt-4o-mini: $0.15 in, $0.60 out, $0.075 cached input; Batch API half price.
        model(
            "acme",
            "gpt-4o-mini",
            "GPT-4o mini",
            context_window=128_000,
            routes=[
                route(
                    "alpha",
                    "0.15",
                    "0.60",
                    source=OPENAI,
                    cache_read_usd_per_mtok=Decimal("0.075"),
                    batch={
                        "input_usd_per_mtok": Decimal("0.075"),
                        "output_usd_per_mtok": Decimal("0.30"),
                    },
                )
            ],
        ),
        # Anthropic Claude Sonnet 4.5: $3 / $15, cache read $0.30, 5-minute write $3.75,
        # 1-hour write $6; prompts over 200K: $6 / $22.50, read $0.60, write $7.50.
        # Batch (ANTHROPIC_BATCH): $1.50 / $7.50.
        model(
            "acme",
            "claude-sonnet-4-5",
            "Claude Sonnet 4.5",
            context_window=1_000_000,
            routes=[
                route(
                    "alpha",
                    "3",
                    "15",
                    source=ANTHROPIC,
                    model_id="claude-sonnet-4-5",
                    cache_read_usd_per_mtok=Decimal("0.30"),
                    cache_write_usd_per_mtok=Decimal("3.75"),
                    cache_write_1h_usd_per_mtok=Decimal("6"),
                    batch={
                        "input_usd_per_mtok": Decimal("1.50"),
                        "output_usd_per_mtok": Decimal("7.50"),
                    },
                    tiers=[
                        {
                            "above_input_tokens": 200_000,
                            "input_usd_per_mtok": Decimal("6"),
                            "output_usd_per_mtok": Decimal("22.50"),
                            "cache_read_usd_per_mtok": Decimal("0.60"),
                            "cache_write_usd_per_mtok": Decimal("7.50"),
                        }
                    ],
                )
            ],
        ),
        # Google Gemini 2.5 Pro: $1.25 / $10 up to 200K-token prompts, $2.50 / $15 above.
        model(
            "zeta",
            "gemini-2.5-pro",
            "Gemini 2.5 Pro",
            context_window=1_048_576,
            routes=[
                route(
                    "beta",
                    "1.25",
                    "10",
                    source=GOOGLE,
                    model_id="gemini-2.5-pro",
                    tiers=[
                        {
                            "above_input_tokens": 200_000,
                            "input_usd_per_mtok": Decimal("2.50"),
                            "output_usd_per_mtok": Decimal("15"),
                        }
                    ],
                )
            ],
        ),
        # Perplexity Sonar: $1 / $1 per 1M tokens plus $12 per 1,000 requests (high
        # search context). Sonar Deep Research: $2 in, $8 out, $3 per 1M reasoning tokens.
        model(
            "zeta",
            "sonar",
            "Sonar",
            context_window=127_072,
            routes=[
                route(
                    "beta",
                    "1",
                    "1",
                    source=PERPLEXITY,
                    model_id="sonar",
                    request_usd=Decimal("0.012"),
                )
            ],
        ),
        model(
            "zeta",
            "sonar-deep-research",
            "Sonar Deep Research",
            context_window=128_000,
            routes=[
                route(
                    "beta",
                    "2",
                    "8",
                    source=PERPLEXITY,
                    model_id="sonar-deep-research",
                    reasoning_usd_per_mtok=Decimal("3"),
                )
            ],
        ),
        # OpenAI o3: $10 / $40 at launch, $2 / $8 from 2025-06-10. o4-mini: $1.10 / $4.40.
        model(
            "acme",
            "o3",
            "o3",
            context_window=200_000,
            routes=[
                route(
                    "alpha",
                    "10",
                    "40",
                    source=OPENAI,
                    model_id="o3",
                    price_changes=[
                        {
                            "effective": dt.date(2025, 6, 10),
                            "input_usd_per_mtok": Decimal("2"),
                            "output_usd_per_mtok": Decimal("8"),
                            "source": OPENAI,
                        }
                    ],
                )
            ],
        ),
        model(
            "acme",
            "o4-mini",
            "o4-mini",
            context_window=200_000,
            routes=[route("alpha", "1.10", "4.40", source=OPENAI, model_id="o4-mini")],
        ),
        # Claude Sonnet 5 (genai-prices 2026-08-21): $2 / $10, then $3 / $15 from 2026-09-01.
        model(
            "acme",
            "claude-sonnet-5",
            "Claude Sonnet 5",
            context_window=1_000_000,
            routes=[
                route(
                    "alpha",
                    "2",
                    "10",
                    source=ANTHROPIC,
                    model_id="claude-sonnet-5",
                    cache_write_usd_per_mtok=Decimal("2.5"),
                    price_changes=[
                        {
                            "effective": dt.date(2026, 9, 1),
                            "input_usd_per_mtok": Decimal("3"),
                            "output_usd_per_mtok": Decimal("15"),
                            "source": ANTHROPIC,
                        }
                    ],
                )
            ],
        ),
        # Replicate Llama Guard 2 8B: $0.05 / $0.25, no cache prices at all.
        model(
            "acme",
            "llama-guard-2-8b",
            "Llama Guard 2 8B",
            routes=[route("beta", "0.05", "0.25", source=REPLICATE, model_id="meta/lg2")],
        ),
    ]
