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
