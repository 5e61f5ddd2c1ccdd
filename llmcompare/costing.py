"""The cost engine: what traffic costs through a route, billed the way providers bill.

All in Decimal; nothing is rounded here (rounding is for display only). The rules:

- Input is split into uncached input (input price), cache reads (cache-read
  price), cache writes (cache-write price) and longer-lived cache writes (their
  own price). Output is split into plain output (output price) and reasoning
  (the reasoning price where a route has one, else the output price): the parts
  follow the providers' usage objects, so cached and cache-write tokens are part
  of the input, reasoning tokens part of the output.
- A route lacking a price the traffic needs falls back to the plain price and
  says so in a note on that row.
- Long-context tiers apply per request: with a request count, every request is
  taken at the average size, and the tier whose threshold that input exceeds
  prices all of it. Without a request count, base prices are used and a note
  says requests were assumed to stay below the threshold. The period's total is
  never treated as one request.
- Per-request fees need a request count; batch prices apply only when asked.
- Scaling every volume (requests included) by k scales the bill by k; zero
  traffic costs zero.
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from math import gcd
from typing import Literal

from . import units
from .domain import Catalog, Model, Plan, Price, Route, Tier
from .quantity import MAX_TOKEN_COUNT, Percent
from .records import Record

MTOK = Decimal(1_000_000)
ZERO = Decimal(0)


class ServiceTier(StrEnum):
    """How fast a provider processes requests, at what price (OpenAI's processing
    tiers): standard is the list price; priority and flex are priced apart."""

    STANDARD = "standard"
    PRIORITY = "priority"
    FLEX = "flex"


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


# Period lengths in twelfths of a day, so that every length is a whole number:
# a month is a twelfth of a 365-day year.
PERIOD_TWELFTHS: dict[Period, int] = {
    Period.DAY: 12,
    Period.WEEK: 7 * 12,
    Period.MONTH: 365,
    Period.YEAR: 365 * 12,
}


# (period, target) -> the ratio of their lengths, in lowest terms.
_PERIOD_RATIOS: dict[tuple[Period, Period], tuple[int, int]] = {
    (period, target): (
        PERIOD_TWELFTHS[target] // gcd(PERIOD_TWELFTHS[target], PERIOD_TWELFTHS[period]),
        PERIOD_TWELFTHS[period] // gcd(PERIOD_TWELFTHS[target], PERIOD_TWELFTHS[period]),
    )
    for period in Period
    for target in Period
}


class Blend(Record):
    """How input and output prices are blended into one price per 1M tokens: a
    weighted mean, `input` parts input to `output` parts output (3:1 by default,
    the usual mix of prompts to replies). Any blended figure says its ratio."""

    input: int = 3
    output: int = 1

    def __str__(self) -> str:
        return f"{self.input}:{self.output} input:output"

    def of(self, price: Price) -> Decimal | None:
        """The blended price per 1M tokens, or None without both list prices."""
        inp, out = price.input_usd_per_mtok, price.output_usd_per_mtok
        if inp is None or out is None:
            return None
        return (inp * self.input + out * self.output) / (self.input + self.output)


def cheapest_blended(model: Model, blend: Blend) -> "tuple[Decimal, Route] | None":
    """The lowest blended list price over the model's billable routes, and its route."""
    priced = [
        (value, route.provider.id, route)
        for route in model.routes
        if route.is_billable and (value := blend.of(route.price)) is not None
    ]
    if not priced:
        return None
    value, _, route = min(priced, key=lambda item: item[:2])
    return value, route


class TrafficError(ValueError):
    """Traffic whose parts do not fit their wholes."""


class Traffic(Record):
    """What is sent and received in one period.

    `cached_input_tokens`, `cache_write_tokens` and `cache_write_1h_tokens` are
    parts of `input_tokens`; `reasoning_tokens` is part of `output_tokens`.
    Counts derived from a percentage may be fractional (exact Decimals).
    """

    input_tokens: int | Decimal
    output_tokens: int | Decimal
    cached_input_tokens: int | Decimal = 0
    cache_write_tokens: int | Decimal = 0
    cache_write_1h_tokens: int | Decimal = 0
    reasoning_tokens: int | Decimal = 0
    requests: int | Decimal | None = None
    batch: bool = False
    period: Period = Period.MONTH
    service_tier: ServiceTier = ServiceTier.STANDARD
    # The share of the traffic sent in a named time window ("off-peak": 0.4); a
    # window not named here gets its share of the day (traffic spread evenly).
    window_shares: tuple[tuple[str, Decimal], ...] = ()

    def checked(self) -> "Traffic":
        """This traffic, or TrafficError naming the part larger than its whole."""
        cache = self.cached_input_tokens + self.cache_write_tokens + self.cache_write_1h_tokens
        if cache > self.input_tokens:
            raise TrafficError(
                f"cached input and cache writes ({cache:,}) exceed the input "
                f"({self.input_tokens:,})"
            )
        if self.reasoning_tokens > self.output_tokens:
            raise TrafficError(
                f"reasoning ({self.reasoning_tokens:,}) exceeds the output ({self.output_tokens:,})"
            )
        if self.requests == 0 and (self.input_tokens or self.output_tokens):
            raise TrafficError("tokens need at least one request")
        if sum(share for _, share in self.window_shares) > 1:
            raise TrafficError("the time windows' shares add up to more than 100%")
        return self

    def scaled(self, factor: Decimal) -> "Traffic":
        """Every volume, requests included, times `factor`."""
        requests = None if self.requests is None else self.requests * factor
        return self._replace(
            input_tokens=self.input_tokens * factor,
            output_tokens=self.output_tokens * factor,
            cached_input_tokens=self.cached_input_tokens * factor,
            cache_write_tokens=self.cache_write_tokens * factor,
            cache_write_1h_tokens=self.cache_write_1h_tokens * factor,
            reasoning_tokens=self.reasoning_tokens * factor,
            requests=requests,
        )

    @property
    def is_plain(self) -> bool:
        """Only input and output: no cache, reasoning, requests or batch to price."""
        return not (
            self.cached_input_tokens
            or self.cache_write_tokens
            or self.cache_write_1h_tokens
            or self.reasoning_tokens
            or self.requests is not None
            or self.batch
            or self.service_tier is not ServiceTier.STANDARD
        )

    @property
    def average_request_input(self) -> Decimal | None:
        if not self.requests:
            return None
        return Decimal(self.input_tokens) / Decimal(self.requests)


DEFAULT_TRAFFIC = Traffic(input_tokens=1_000_000_000, output_tokens=200_000_000)  # as the CLI


class RouteCost(Record):
    """The bill for some traffic through one route, part by part, with its notes.

    The sums are fields, worked out once by `bill()`: ranking reads them often.
    """

    model: Model
    route: Route
    uncached_input_usd: Decimal
    cached_input_usd: Decimal
    cache_write_usd: Decimal
    output_usd: Decimal  # output other than reasoning
    reasoning_usd: Decimal
    request_fees_usd: Decimal
    input_cost_usd: Decimal  # uncached + cached + cache writes
    output_cost_usd: Decimal  # output + reasoning
    total_usd: Decimal
    tier: Tier | None = None  # the long-context tier applied, if any
    notes: tuple[str, ...] = ()  # fallbacks and assumptions for this row
    windows: tuple["WindowShare", ...] = ()  # how time-windowed traffic was split


class WindowShare(Record):
    """Part of a bill sent in one time window (or "other hours")."""

    name: str
    span: str  # "16:30-00:30 UTC", or "" for the other hours
    share: Decimal  # of the traffic, 0 to 1
    total_usd: Decimal


def bill(
    model: Model,
    route: Route,
    parts: tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal],
    tier: Tier | None = None,
    notes: tuple[str, ...] = (),
) -> RouteCost:
    """A RouteCost from its six parts: uncached input, cached input, cache writes,
    output, reasoning and request fees."""
    uncached, cached, writes, output, reasoning, fees = parts
    # Sums of one part are that part itself (the same object, which JSON writes once).
    input_cost = uncached + cached + writes if cached or writes else uncached
    output_cost = output + reasoning if reasoning else output
    total = input_cost + output_cost + fees if fees else input_cost + output_cost
    return RouteCost(
        model, route, uncached, cached, writes, output, reasoning, fees,
        input_cost, output_cost, total, tier, notes,
    )  # fmt: skip


class CostRow(Record):
    """One line of a cost table: a priced route, or a model/route that cannot be priced."""

    model: Model
    route: Route | None
    cost: RouteCost | None
    reason: str | None = None  # why there is no cost, or why it cannot be the cheapest
    counts_as_cheapest: bool = False  # may stand as the model's cheapest route
    # Worked out for the rows a report shows (cost_report, _finished), so that every
    # format states the same figures: the total over the report's cheapest (the
    # 1x base, six places), the total as a month's and a year's, and what the
    # report's budget buys at this row's price.
    ratio_to_cheapest: Decimal | None = None
    total_usd_per_month: Decimal | None = None
    total_usd_per_year: Decimal | None = None
    budget: "Affordable | None" = None

    @property
    def total_usd(self) -> Decimal | None:
        return self.cost.total_usd if self.cost else None


def _tier_for(route: Route, traffic: Traffic) -> tuple[Tier | None, str | None]:
    """The long-context tier that applies, and a note on how it was decided."""
    if not route.tiers:
        return None, None
    average = traffic.average_request_input
    lowest = route.tiers[0].above_input_tokens
    if average is None:
        return None, (
            f"assumed each request's input is at most {lowest:,} tokens, below the "
            "long-context tier (give --requests to price per request)"
        )
    applicable = [tier for tier in route.tiers if average > tier.above_input_tokens]
    if not applicable:
        return None, None
    tier = applicable[-1]
    return tier, (
        f"long-context price: the average request's input ({average:,.0f} tokens) "
        f"exceeds {tier.above_input_tokens:,}"
    )


def _effective_price(route: Route, traffic: Traffic) -> tuple[Price, Tier | None, list[str]]:
    standard = traffic.service_tier is ServiceTier.STANDARD
    if not route.tiers and not traffic.batch and standard:  # the common case, in rankings
        return route.price, None, []
    notes: list[str] = []
    price = route.price
    tier, tier_note = _tier_for(route, traffic)
    if tier is not None:
        price = price.overridden_by(tier.price)
    if tier_note:
        notes.append(tier_note)
    if traffic.batch:
        if route.batch is not None:
            price = price.overridden_by(route.batch)
        else:
            notes.append("no batch price: list price used")
    if not standard:
        # Only the tier asked for: a route without it is billed at its standard
        # price, and says so, so "cheapest" never picks a tier nobody asked for.
        tier_price = getattr(route, traffic.service_tier)
        if tier_price is not None:
            price = price.overridden_by(tier_price)
        else:
            notes.append(f"no {traffic.service_tier} price: standard price used")
    return price, tier, notes


def _part(
    tokens: int | Decimal,
    price: Decimal | None,
    fallback: Decimal,
    what: str,
    notes: list[str],
) -> Decimal:
    """Cost of one part of the traffic, falling back (with a note) to a plain price."""
    if not tokens:
        return ZERO
    if price is None:
        notes.append(what)
        price = fallback
    return tokens * price / MTOK


def route_cost(model: Model, route: Route, traffic: Traffic) -> RouteCost | None:
    """The bill for `traffic` through `route`, or None if it has no input and output price."""
    if route.time_windows:
        return _windowed_cost(model, route, traffic)
    return _route_cost(model, route, traffic)


# The six parts of a bill, as RouteCost names them.
BILL_PARTS = (
    "uncached_input_usd",
    "cached_input_usd",
    "cache_write_usd",
    "output_usd",
    "reasoning_usd",
    "request_fees_usd",
)


def _windowed_cost(model: Model, route: Route, traffic: Traffic) -> RouteCost | None:
    """A route with peak/off-peak hours: the traffic split by window (as given, or
    spread evenly over the day), each part billed at its window's prices, summed."""
    given = dict(traffic.window_shares)
    shares = [(window, given.get(window.name, window.week_share)) for window in route.time_windows]
    total_share = sum((share for _, share in shares), ZERO)
    if total_share > 1:  # defaults for windows not named push past the day: scale down
        shares = [(window, share / total_share) for window, share in shares]
        total_share = Decimal(1)
    plain = route._replace(time_windows=())
    parts: list[tuple[str, str, Decimal, Route]] = [
        (w.name, w.span, share, plain._replace(price=route.price.overridden_by(w.price)))
        for w, share in shares
    ]
    parts.append(("other hours", "", 1 - total_share, plain))
    costs = []
    for name, span, share, priced in parts:
        if not share:
            continue
        cost = _route_cost(model, priced, traffic.scaled(share))
        if cost is None:
            return None
        costs.append((name, span, share, cost))
    words = ", ".join(
        f"{units.percent(units.rounded(share * 100, 1))} in {name}" + (f" ({span})" if span else "")
        for name, span, share, _ in costs
    )
    weekly = any(window.weekdays_only for window in route.time_windows)
    basis = "as given" if given else f"traffic spread evenly over the {'week' if weekly else 'day'}"
    notes = [f"time-of-day prices: {words} ({basis})"]
    for *_, cost in costs:
        notes += [note for note in cost.notes if note not in notes]
    summed = [sum((getattr(c, f) for *_, c in costs), ZERO) for f in BILL_PARTS]
    total = bill(model, route, tuple(summed), costs[0][3].tier, tuple(notes))  # type: ignore[arg-type]
    split = tuple(WindowShare(n, s, share, c.total_usd) for n, s, share, c in costs)
    return total._replace(windows=split)


def _route_cost(model: Model, route: Route, traffic: Traffic) -> RouteCost | None:
    price, tier, notes = _effective_price(route, traffic)
    if price.input_usd_per_mtok is None or price.output_usd_per_mtok is None:
        return None
    input_price, output_price = price.input_usd_per_mtok, price.output_usd_per_mtok
    uncached = (
        traffic.input_tokens
        - traffic.cached_input_tokens
        - traffic.cache_write_tokens
        - traffic.cache_write_1h_tokens
    )
    write_price = price.cache_write_usd_per_mtok
    long_write_price = price.cache_write_1h_usd_per_mtok
    long_write_note = "no 1-hour cache-write price: those writes at the input price"
    if long_write_price is None and write_price is not None:
        long_write_price = write_price
        if traffic.cache_write_1h_tokens:
            notes.append("no 1-hour cache-write price: those writes at the cache-write price")
    cache_write = _part(
        traffic.cache_write_tokens,
        write_price,
        input_price,
        "no cache-write price: cache writes at the input price",
        notes,
    ) + _part(traffic.cache_write_1h_tokens, long_write_price, input_price, long_write_note, notes)
    reasoning_price = price.reasoning_usd_per_mtok
    if reasoning_price is None:  # billed as output, as most providers do: no note
        reasoning_price = output_price
    fees = ZERO
    if price.request_usd:
        if traffic.requests is None:
            notes.append("per-request fee not included (give --requests)")
        else:
            fees = traffic.requests * price.request_usd
    cached = _part(
        traffic.cached_input_tokens,
        price.cache_read_usd_per_mtok,
        input_price,
        "no cache-read price: cached input at the input price",
        notes,
    )
    output = (traffic.output_tokens - traffic.reasoning_tokens) * output_price / MTOK
    reasoning = (
        traffic.reasoning_tokens * reasoning_price / MTOK if traffic.reasoning_tokens else ZERO
    )
    parts = (uncached * input_price / MTOK, cached, cache_write, output, reasoning, fees)
    notes += _misfit_notes(model, route, traffic)
    return bill(model, route, parts, tier, tuple(notes))


def _misfit_notes(model: Model, route: Route, traffic: Traffic) -> list[str]:
    """Requests this route cannot serve as described: priced all the same (the
    user may mean to split them), but said."""
    if not traffic.requests:
        return []
    notes = []
    size = (traffic.input_tokens + traffic.output_tokens) / Decimal(traffic.requests)
    window = route.context_window or model.context_window
    if size > window:
        notes.append(
            f"the average request ({size:,.0f} tokens) does not fit the "
            f"{window:,}-token context window"
        )
    output = Decimal(traffic.output_tokens) / traffic.requests
    longest = route.max_output_tokens or model.max_output_tokens
    if longest and output > longest:
        notes.append(
            f"the average request's output ({output:,.0f} tokens) is more than the "
            f"{longest:,} tokens a response may have"
        )
    return notes


def cheapest_route(model: Model, traffic: Traffic) -> RouteCost | None:
    """The cheapest active, paid, fully priced route; ties go to the provider id first."""
    if traffic.is_plain:
        # Plain input and output on routes without tiers: compare the undivided
        # totals (the same order) and bill only the winner. Ranking runs this for
        # every route of every model.
        inp, out = Decimal(traffic.input_tokens), Decimal(traffic.output_tokens)
        best: Route | None = None
        best_key: tuple[Decimal, str] | None = None
        tiered = False
        for route in model.routes:
            price_in, price_out = route.price.input_usd_per_mtok, route.price.output_usd_per_mtok
            if not route.is_billable or price_in is None or price_out is None:
                continue
            if route.tiers or route.time_windows:
                tiered = True  # billed in full below
                continue
            key = (inp * price_in + out * price_out, route.provider.id)
            if best_key is None or key < best_key:
                best, best_key = route, key
        if not tiered:
            return None if best is None else route_cost(model, best, traffic)
    costs = [
        cost
        for route in model.routes
        if route.is_billable and (cost := route_cost(model, route, traffic)) is not None
    ]
    return min(costs, key=lambda c: (c.total_usd, c.route.provider.id), default=None)


def cheapest_list_price(model: Model, kind: Literal["input", "output"]) -> Decimal | None:
    """Lowest list price of one kind over the active, paid routes that publish it."""
    prices = [
        price
        for route in model.routes
        if route.is_active and route.plan is Plan.PAID
        if (price := getattr(route.price, f"{kind}_usd_per_mtok")) is not None
    ]
    return min(prices, default=None)


def unavailable_reason(model: Model) -> str:
    """Why a model has no cheapest route, in words a user can act on."""
    if not model.routes:
        return "no provider route in the catalog"
    if not any(route.price.is_complete for route in model.routes):
        return "no complete token price in the catalog"
    if not any(route.is_active for route in model.routes if route.price.is_complete):
        return "only deprecated routes are priced"
    return "only free or trial routes are priced"


def why_route_not_cheapest(route: Route) -> str | None:
    """Why a priced route is excluded from 'cheapest', or None if it is not."""
    if route.retired is not None and not route.is_active:
        return f"retired {route.retired.isoformat()}"
    if not route.is_active:
        return "deprecated"
    if route.plan is not Plan.PAID:
        return f"{route.plan.value} tier"
    if not route.price.is_complete:
        return "no price"
    return None


def rank_models(models: tuple[Model, ...], traffic: Traffic) -> list[CostRow]:
    """Each model at its cheapest route, cheapest first; unpriced models last, by id."""
    rows: list[CostRow] = []
    for model in models:
        cost = cheapest_route(model, traffic)
        if cost is None:
            rows.append(CostRow(model, None, None, unavailable_reason(model)))
        else:
            rows.append(CostRow(model, cost.route, cost, counts_as_cheapest=True))
    return sort_rows(rows)


def rank_routes(models: list[Model], traffic: Traffic) -> list[CostRow]:
    """Every route of each model, cheapest first; routes without a price last."""
    rows: list[CostRow] = []
    for model in models:
        if not model.routes:
            rows.append(CostRow(model, None, None, unavailable_reason(model)))
        for route in model.routes:
            cost = route_cost(model, route, traffic)
            if cost is None:
                # Every reason that holds, short enough for a table's last column: a
                # deprecated route without a full price is "deprecated; no price".
                reasons = [why_route_not_cheapest(route), "no price"]
                reason = "; ".join(dict.fromkeys(r for r in reasons if r))
                rows.append(CostRow(model, route, None, reason))
            else:
                excluded = why_route_not_cheapest(route)
                rows.append(CostRow(model, route, cost, excluded, excluded is None))
    return sort_rows(rows)


def sort_rows(rows: list[CostRow]) -> list[CostRow]:
    """Priced rows by total then model and provider; unpriced rows after them."""

    def key(row: CostRow) -> tuple[bool, Decimal, str, str]:
        total = row.total_usd
        provider = row.route.provider.id if row.route else ""
        return (total is None, total if total is not None else ZERO, row.model.id, provider)

    return sorted(rows, key=key)


def cheapest_total(rows: list[CostRow]) -> Decimal | None:
    """The smallest positive total among rows that may stand as cheapest (the 1x base)."""
    totals = [
        row.total_usd
        for row in rows
        if row.counts_as_cheapest and row.total_usd is not None and row.total_usd > 0
    ]
    return min(totals) if totals else None


# Periods and budgets.


def per_period(total: Decimal, period: Period, target: Period) -> Decimal:
    """A total for `period` expressed for `target` (e.g. a day's spend as a month's).

    Exact where the ratio allows (month to year is x12); a day or a week as a month
    divides by 12 and keeps Decimal's 28 significant digits.
    """
    if period is target:
        return total
    numerator, denominator = _PERIOD_RATIOS[period, target]
    scaled = total * numerator
    return scaled if denominator == 1 else scaled / denominator


class Affordable(Record):
    """What a budget buys through one row's route, at the traffic's mix."""

    scale: Decimal  # budget / cost of the traffic
    input_tokens: int
    output_tokens: int
    requests: int | None


def affordable(budget_usd: Decimal, cost: RouteCost, traffic: Traffic) -> Affordable | None:
    """How much of this traffic's mix a budget buys; None when the traffic costs nothing."""
    total = cost.total_usd
    if total <= 0:
        return None
    scale = budget_usd / total
    requests = None if traffic.requests is None else int(traffic.requests * scale)
    return Affordable(
        scale=scale,
        input_tokens=int(traffic.input_tokens * scale),
        output_tokens=int(traffic.output_tokens * scale),
        requests=requests,
    )


def build_traffic(
    *,
    input_tokens: int | None,
    output_tokens: int | None,
    cached_input: int | Percent | None = None,
    cache_write: int | Percent | None = None,
    cache_write_1h: int | Percent | None = None,
    reasoning: int | Percent | None = None,
    requests: int | None = None,
    request_input: int | None = None,
    request_output: int | None = None,
    batch: bool = False,
    period: Period = Period.MONTH,
    service_tier: ServiceTier = ServiceTier.STANDARD,
    window_shares: tuple[tuple[str, Decimal], ...] = (),
) -> Traffic:
    """Traffic from what a user can say about it (the cost options), checked.

    Totals come from --input/--output, or from --requests with per-request
    sizes; parts may be counts or percentages of their whole.
    """
    if batch and service_tier is not ServiceTier.STANDARD:
        raise TrafficError(f"batch and {service_tier} processing are priced apart: choose one")
    if request_input is not None or request_output is not None:
        if requests is None:
            raise TrafficError("--request-input and --request-output need --requests")
        if input_tokens is not None or output_tokens is not None:
            raise TrafficError(
                "give totals (--input/--output) or per-request sizes "
                "(--request-input/--request-output), not both"
            )
        input_tokens = requests * (request_input or 0)
        output_tokens = requests * (request_output or 0)
        # Each figure was under the cap; their product must be too.
        for each, name in ((request_input, "input"), (request_output, "output")):
            if requests * (each or 0) > MAX_TOKEN_COUNT:
                raise TrafficError(
                    f"{requests:,} requests x {each:,} {name} tokens is out of range "
                    f"(at most {MAX_TOKEN_COUNT:,} tokens in all)"
                )
    total_in = DEFAULT_TRAFFIC.input_tokens if input_tokens is None else input_tokens
    total_out = DEFAULT_TRAFFIC.output_tokens if output_tokens is None else output_tokens

    def part(value: int | Percent | None, whole: int | Decimal) -> int | Decimal:
        if value is None:
            return 0
        return value.of(whole) if isinstance(value, Percent) else value

    return Traffic(
        input_tokens=total_in,
        output_tokens=total_out,
        cached_input_tokens=part(cached_input, total_in),
        cache_write_tokens=part(cache_write, total_in),
        cache_write_1h_tokens=part(cache_write_1h, total_in),
        reasoning_tokens=part(reasoning, total_out),
        requests=requests,
        batch=batch,
        period=period,
        service_tier=service_tier,
        window_shares=window_shares,
    ).checked()


def traffic_words(traffic: Traffic) -> str:
    """The traffic in a phrase: "1B input (60% cached) + 200M output tokens a month"."""
    tokens = units.tokens
    inside = []
    if traffic.cached_input_tokens:
        inside.append(f"{tokens(traffic.cached_input_tokens)} cached")
    writes = traffic.cache_write_tokens + traffic.cache_write_1h_tokens
    if writes:
        inside.append(f"{tokens(writes)} cache writes")
    phrase = f"{tokens(traffic.input_tokens)} input"
    if inside:
        phrase += f" ({', '.join(inside)})"
    phrase += f" + {tokens(traffic.output_tokens)} output"
    if traffic.reasoning_tokens:
        phrase += f" ({tokens(traffic.reasoning_tokens)} reasoning)"
    phrase += " tokens"
    if traffic.requests is not None:
        phrase += f" in {tokens(traffic.requests)} requests"
    phrase += f" a {traffic.period.value}"
    if traffic.batch:
        phrase += ", batch"
    if traffic.service_tier != "standard":
        phrase += f", {traffic.service_tier} tier"
    return phrase


class CurvePoint(Record):
    volume_tokens: int | Decimal  # input + output in the period
    total_usd: Decimal


# The volumes a cost curve is drawn at: the traffic scaled from a thousandth to a
# thousand times, at 1-3-10 steps (even steps on a log scale).
CURVE_FACTORS = tuple(
    Decimal(mantissa).scaleb(exponent) for exponent in range(-3, 4) for mantissa in (1, 3)
)[:-1]


def cost_curve(
    model: Model, traffic: Traffic, route: Route | None = None
) -> tuple[CurvePoint, ...]:
    """The bill at each of CURVE_FACTORS times the traffic (within the token cap):
    through the model's cheapest route at each volume, or through `route`; empty
    when there is no price."""
    points = []
    for factor in CURVE_FACTORS:
        scaled = traffic.scaled(factor)
        volume = scaled.input_tokens + scaled.output_tokens
        if volume > MAX_TOKEN_COUNT or volume <= 0:
            continue
        cost = cheapest_route(model, scaled) if route is None else route_cost(model, route, scaled)
        if cost is None:
            return ()
        points.append(CurvePoint(volume, cost.total_usd))
    return tuple(points)


class CostReport(Record):
    """Everything `cost` shows: ranked rows, the cheapest total, and the assumptions."""

    traffic: Traffic
    ranking: Literal["model", "route"]
    rows: Sequence[CostRow]
    cheapest_total_usd: Decimal | None
    budget_usd: Decimal | None
    prices_on: dt.date
    notes: tuple[str, ...]
    omitted: int = 0  # rows ranked but not shown (--top, or a table's default length)
    # When the date each price used was checked (the stale-price warning's input).
    checked: tuple[dt.date, ...] = ()
    # The rows' `cost --json` array when written ahead (costrows.py), else None.
    rows_json: str | None = None


# Ratios are not money: six places are plenty and keep repeating decimals short.
RATIO_PLACES = 6


def row_figures(
    total: Decimal, counts_as_cheapest: bool, base: Decimal | None, period: Period
) -> tuple[Decimal | None, Decimal, Decimal]:
    """A row's total over the report's cheapest `base` (None for a row that may
    not stand as cheapest, or no base), and as a month's and a year's."""
    ratio = None
    if counts_as_cheapest and base:
        ratio = units.rounded(total / base, RATIO_PLACES)
    return ratio, per_period(total, period, Period.MONTH), per_period(total, period, Period.YEAR)


def finished_row(row: CostRow, report: CostReport) -> CostRow:
    """A row with the figures every format shows worked out (see CostRow)."""
    cost = row.cost
    if cost is None:
        return row
    ratio, per_month, per_year = row_figures(
        cost.total_usd, row.counts_as_cheapest, report.cheapest_total_usd, report.traffic.period
    )
    bought = None
    if report.budget_usd is not None:
        bought = affordable(report.budget_usd, cost, report.traffic)
    return row._replace(
        ratio_to_cheapest=ratio,
        total_usd_per_month=per_month,
        total_usd_per_year=per_year,
        budget=bought,
    )


def traffic_notes(traffic: Traffic) -> tuple[str, ...]:
    """The assumptions a report states about its traffic."""
    notes = []
    if traffic.reasoning_tokens:
        notes.append("reasoning tokens are billed at the output price unless a route prices them")
    if traffic.requests is not None:
        notes.append(
            f"each of the {traffic.requests:,} requests is taken at the average size "
            f"({traffic.average_request_input or 0:,.0f} input tokens)"
        )
    return tuple(notes)


def cost_report(
    models: tuple[Model, ...] | list[Model],
    traffic: Traffic,
    *,
    every_route: bool,
    prices_on: dt.date,
    budget_usd: Decimal | None = None,
    limit: int | None = None,
    ranked: int | None = None,
) -> CostReport:
    """Rank `models` (each at its cheapest route, or every route) for `traffic`,
    keeping the first `limit` rows (None: all) and counting the rest as omitted
    (of `ranked` rows in all, when the models given are a preselection)."""
    rows = (
        rank_routes(list(models), traffic) if every_route else rank_models(tuple(models), traffic)
    )
    total = len(rows) if ranked is None else ranked
    report = CostReport(
        traffic=traffic,
        ranking="route" if every_route else "model",
        rows=rows,
        cheapest_total_usd=cheapest_total(rows),
        budget_usd=budget_usd,
        prices_on=prices_on,
        notes=traffic_notes(traffic),
    )
    shown = rows if limit is None or total <= limit else rows[:limit]
    return report._replace(
        rows=[finished_row(row, report) for row in shown],
        omitted=total - len(shown),
        checked=tuple(row.route.checked for row in shown if row.cost and row.route),
    )


def catalog_cost_report(
    catalog: Catalog,
    named: list[Model] | None,
    traffic: Traffic,
    *,
    prices_on: dt.date,
    budget_usd: Decimal | None = None,
    rows: int | None = None,
) -> CostReport:
    """What `cost` answers: the named models on every route, or else every model
    at its cheapest, at most `rows` rows (None: all), the rest counted as omitted.
    Over every model with few rows shown, the compiled store's ranking picks the
    models worth pricing (summary.py); with every row shown, its rows written
    ahead are filled in (costrows.py). The answer is the same."""
    if named is None and rows is None and budget_usd is None:
        from .costrows import written_report

        written = written_report(catalog, traffic, prices_on)
        if written is not None:
            return written
    ranked = None
    if named is None and rows is not None:
        from .summary import cheapest_models

        ranked = cheapest_models(catalog, traffic, rows)
    models = named if named is not None else ranked.models if ranked else list(catalog.models)
    return cost_report(
        models,
        traffic,
        every_route=named is not None,
        prices_on=prices_on,
        budget_usd=budget_usd,
        limit=rows,
        ranked=ranked.rows if ranked else None,
    )
