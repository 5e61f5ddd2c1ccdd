"""Cost rows written ahead are the engine's rows, to the byte.

`cost` over every model fills in the rows the store keeps written ahead
(costrows.py) instead of pricing each model. Here those answers are checked
against costing.cost_report over models drawn by Hypothesis: routes that tie on
price or provider, dated changes and retirements, time-of-day prices,
long-context tiers, per-request fees, free and deprecated routes, on days
before, between and after the changes, for every period.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from llmcompare.costing import Period, Traffic, cost_report
from llmcompare.costrows import entries, written_report
from llmcompare.domain import (
    Creator,
    Model,
    Plan,
    Price,
    PriceChange,
    Provider,
    ProviderStatus,
    Route,
    RouteStatus,
    Tier,
    TimeWindow,
    model_as_of,
)
from llmcompare.exactjson import dumps
from llmcompare.render.jsonout import cost_document

ACME = Creator("acme", "Acme", "https://acme.example")


def _provider(key: str, status: ProviderStatus = ProviderStatus.ACTIVE) -> Provider:
    return Provider(key, key.title(), f"https://{key}.example", f"https://{key}.example/p", status)


PROVIDERS = {
    "alpha": _provider("alpha"),
    "beta": _provider("beta"),
    "gone": _provider("gone", ProviderStatus.DEPRECATED),
}
DAYS = [dt.date(2026, 1, 1), dt.date(2026, 6, 1), dt.date(2027, 1, 1)]  # changes and retirements
# Days asked: mostly those of the changes themselves, where "from that day on" matters.
ON = [None, dt.date(2025, 6, 1), *DAYS, *DAYS, dt.date(2026, 3, 1), dt.date(2027, 6, 1)]

# Few values, so that routes often tie; "0.50" and "0.5" are equal but written apart.
prices = st.sampled_from(["0", "0.5", "0.50", "1", "2.25", "3"]).map(Decimal)
maybe_prices = st.one_of(st.none(), prices)


@st.composite
def routes(draw: Any, model_id: str) -> Route:
    price = Price(draw(maybe_prices), draw(maybe_prices))
    if draw(st.integers(0, 9)) == 0:
        price = price._replace(request_usd=Decimal("0.01"))
    fees = st.sampled_from([None] * 9 + [Decimal(1)])  # a per-request fee, now and then
    changes = tuple(
        PriceChange(
            effective,
            Price(draw(maybe_prices), draw(maybe_prices), request_usd=draw(fees)),
            "https://a.example/news",
        )
        for effective in sorted(draw(st.sets(st.sampled_from(DAYS), max_size=2)))
    )
    tiers: tuple[Tier, ...] = ()
    if draw(st.integers(0, 5)) == 0:
        tiers = (Tier(200_000, Price(Decimal(6), Decimal(6))),)
    windows: tuple[TimeWindow, ...] = ()
    if draw(st.integers(0, 7)) == 0:
        windows = (TimeWindow("night", dt.time(20), dt.time(8), Price(Decimal("0.1"), None)),)
    return Route(
        # Alpha most often: a provider twice in a model, on routes that may tie.
        provider=PROVIDERS[draw(st.sampled_from(["alpha", "alpha", "beta", "gone"]))],
        model_id=draw(st.sampled_from([None, f"acme/{model_id}"])),
        status=draw(st.sampled_from([RouteStatus.ACTIVE] * 5 + [RouteStatus.DEPRECATED])),
        plan=draw(st.sampled_from([Plan.PAID] * 5 + [Plan.FREE, Plan.TRIAL])),
        price=price,
        # A "%" in the text, even one that reads as a %-format field.
        source=draw(st.sampled_from(["https://a.example/p", "https://a.example/p?q=%s%%25"])),
        checked=draw(st.sampled_from([dt.date(2025, 1, 1), *DAYS])),
        tiers=tiers,
        price_changes=changes,
        retired=draw(st.sampled_from([None, None, None, *DAYS])),
        time_windows=windows,
    )


def _model(model_id: str, routes: tuple[Route, ...]) -> Model:
    return Model(
        id=model_id,
        name=model_id.title(),
        creator=ACME,
        family=None,
        released=None,
        context_window=1_000_000,
        license=None,
        open_weights=None,
        input_modalities=("text",),
        output_modalities=("text",),
        capabilities={},
        use_cases=(),
        sources=(),
        routes=routes,
    )


@st.composite
def models(draw: Any) -> list[Model]:
    ids = sorted(draw(st.sets(st.from_regex(r"[a-z][a-z0-9]{0,4}", fullmatch=True), max_size=8)))
    return [
        _model(model_id, tuple(draw(st.lists(routes(model_id), max_size=4)))) for model_id in ids
    ]


class _Store:
    """A catalog as `written_report` reads it: its entries and the models the
    engine prices as the store keeps them (pickled, as listed), and its models as
    on its day."""

    def __init__(self, models: list[Model], day: dt.date | None) -> None:
        self.day = day
        self._models = {model.id: model for model in models}
        written = dict(zip(self._models, entries(models), strict=True))
        engine = {model_id: self._models[model_id] for model_id, e in written.items() if e == ()}
        self._parts = pickle.loads(
            pickle.dumps({"cost_rows": written, "cost_engine": engine}, protocol=5)
        )

    def stored_summary(self, part: str) -> Any:
        return self._parts[part]

    def model(self, model_id: str) -> Model:
        found = self._models[model_id]
        return found if self.day is None else model_as_of(found, self.day)


# No tokens at all (every route ties) as often as any other count.
counts = st.one_of(st.sampled_from([0, 0, 1, 1000, 10**6, 10**9]), st.integers(0, 10**15))


@settings(max_examples=300, deadline=None)
@given(
    drawn=models(),
    inp=counts,
    out=counts,
    day=st.sampled_from(ON),
    period=st.sampled_from(list(Period)),
)
def test_written_rows_are_the_engines(
    drawn: list[Model], inp: int, out: int, day: dt.date | None, period: Period
) -> None:
    traffic = Traffic(inp, out, period=period)
    on = day or dt.date(2026, 12, 5)
    written = written_report(_Store(drawn, day), traffic, on)  # type: ignore[arg-type]
    assert written is not None
    models_on_day = tuple(m if day is None else model_as_of(m, day) for m in drawn)
    engine = cost_report(models_on_day, traffic, every_route=False, prices_on=on)
    # Compact, as for a pipe: the rows written ahead, byte for byte.
    assert dumps(cost_document(written)) == dumps(cost_document(engine))
    # Indented, as at a terminal, and for tables and CSV: the engine's own rows.
    assert list(written.rows) == list(engine.rows)
    assert dumps(cost_document(written), indent=2) == dumps(cost_document(engine), indent=2)
    assert written.checked == engine.checked  # the stale-price warning's input


def _paid(provider: str, inp: str, out: str, model_id: str | None = None) -> Route:
    price = Price(Decimal(inp), Decimal(out))
    source = "https://a.example/p"
    return Route(
        PROVIDERS[provider], model_id, RouteStatus.ACTIVE, Plan.PAID, price, source, DAYS[0]
    )


def _billed(routes: list[Route], inp: int, out: int) -> dict[str, Any]:
    """The one row of a model with these routes, written ahead."""
    store = _Store([_model("tied", tuple(routes))], None)
    report = written_report(store, Traffic(inp, out), DAYS[0])  # type: ignore[arg-type]
    assert report is not None and report.rows_json is not None
    row: dict[str, Any] = json.loads(report.rows_json)[0]
    return row


def test_of_routes_that_tie_the_first_provider_then_the_first_route_bills() -> None:
    # Beta is no dearer than alpha either way, but with no output they tie, and
    # the engine then takes alpha (by provider id): neither may be left out.
    beta_then_alpha = [_paid("beta", "1", "1"), _paid("alpha", "1", "2")]
    for inp, out, provider in ((10**6, 0, "alpha"), (10**6, 10**6, "beta"), (0, 10**6, "beta")):
        assert _billed(beta_then_alpha, inp, out)["provider"] == provider
    # Two routes of one provider tie when nothing is sent: the first one bills.
    two_of_alpha = [_paid("alpha", "1", "3", "first"), _paid("alpha", "3", "1", "second")]
    assert _billed(two_of_alpha, 0, 0)["model_id"] == "first"
    assert _billed(two_of_alpha, 0, 10**6)["model_id"] == "second"


def test_only_traffic_with_nothing_but_input_and_output_is_written_ahead() -> None:
    store = _Store([], None)
    for traffic in (
        Traffic(10**6, 10**6, cached_input_tokens=10),
        Traffic(10**6, 10**6, reasoning_tokens=10),
        Traffic(10**6, 10**6, requests=5),
        Traffic(10**6, 10**6, batch=True),
    ):
        assert written_report(store, traffic, DAYS[0]) is None  # type: ignore[arg-type]
