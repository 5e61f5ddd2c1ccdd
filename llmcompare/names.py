"""Turning what a user types into a model: ids, aliases, names, provider ids.

Matching ignores case and punctuation, so `Qwen3.5-4B`, `qwen3-5-4b` and
`"Qwen3.5 4B"` all reach the same model. Nothing is guessed silently: a name
that fits several models is ambiguous, and an unknown one gets suggestions.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .clock import today
from .records import Record

if TYPE_CHECKING:
    from .domain import Catalog, Model, MovingAlias

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Every ASCII character but digits and lowercase letters, to delete: for ASCII
# text (names, almost always), bytes.translate does what _NOT_ALNUM does, three
# times faster (a build normalises hundreds of thousands of names).
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not (48 <= code <= 57 or 97 <= code <= 122))


def normalise(text: str) -> str:
    """The form names are compared in: lowercase letters and digits only."""
    folded = text.casefold()
    if folded.isascii():
        return folded.encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return _NOT_ALNUM.sub("", folded)


class ResolveError(Exception):
    """A name that does not pick out exactly one model."""


# A query is echoed in an error message up to this length (an error stays one short line).
_SHOWN_QUERY = 80


def _shown(query: str) -> str:
    return repr(query if len(query) <= _SHOWN_QUERY else query[: _SHOWN_QUERY - 3] + "...")


class UnknownModelError(ResolveError):
    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown model {_shown(query)}{hint}")


class AmbiguousModelError(ResolveError):
    def __init__(self, query: str, candidates: list[str]) -> None:
        self.query = query
        self.candidates = candidates
        super().__init__(f"{_shown(query)} matches several models: {', '.join(candidates)}")


class NameIndex(Record):
    """Normalised name -> ids of the models it may mean.

    Our own names (id, display name, aliases) are looked up first; then a
    provider's alias that moves between models (`deepseek-chat`), as it stood
    on the day asked about; providers' model ids only when none of those
    matches, so a provider's id can never shadow a catalog id.
    """

    # Mappings: a plain dict when built from models in memory, or the compiled
    # store's index, read a bucket at a time (store.py).
    by_name: Mapping[str, tuple[str, ...]]
    by_provider_id: Mapping[str, tuple[str, ...]]
    moving: Mapping[str, tuple[tuple[str, "MovingAlias"], ...]] = {}

    @classmethod
    def build(cls, catalog: "Catalog") -> "NameIndex":
        by_name: dict[str, list[str]] = {}
        by_provider_id: dict[str, list[str]] = {}
        moving: dict[str, list[tuple[str, MovingAlias]]] = {}
        for model in catalog.models:
            for alias in model.moving_aliases:
                moving.setdefault(normalise(alias.alias), []).append((model.id, alias))
            for name in (model.id, model.name, *model.aliases):
                _add(by_name, normalise(name), model.id)
            for route in model.routes:
                if route.model_id:
                    _add(by_provider_id, normalise(route.model_id), model.id)
        frozen_moving = {key: tuple(found) for key, found in moving.items()}
        return cls(_frozen(by_name), _frozen(by_provider_id), frozen_moving)

    def resolve(self, query: str, on: dt.date | None = None) -> str:
        """The id of the one model `query` names (on day `on`, for aliases that
        move: default today); raise ResolveError otherwise."""
        key = normalise(query)
        ids = self.by_name.get(key, ()) if key else ()
        if not ids and key in self.moving:
            return self._moving(query, self.moving[key], on or today())
        ids = ids or (self.by_provider_id.get(key, ()) if key else ())
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise AmbiguousModelError(query, sorted(ids))
        raise UnknownModelError(query, self.suggest(query))

    def _moving(
        self, query: str, found: tuple[tuple[str, "MovingAlias"], ...], day: dt.date
    ) -> str:
        holding = sorted({model_id for model_id, alias in found if alias.holds_on(day)})
        if len(holding) == 1:
            return holding[0]
        if holding:
            raise AmbiguousModelError(query, holding)
        spans = ", ".join(
            f"{model_id} from {alias.since}" + (f" until {alias.until}" if alias.until else "")
            for model_id, alias in sorted(found, key=lambda item: item[1].since)
        )
        raise ResolveError(f"{_shown(query)} pointed at no model on {day} ({spans})")

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Closest ids, by similarity of their normalised names."""
        import difflib  # only on the error path

        key = normalise(query)
        if not key or len(key) > _SHOWN_QUERY:  # far longer than any name: nothing is close
            return []
        close = difflib.get_close_matches(key, self.by_name, n=limit * 3, cutoff=0.6)
        suggestions: list[str] = []
        for name in close:
            for model_id in self.by_name[name]:
                if model_id not in suggestions:
                    suggestions.append(model_id)
        return suggestions[:limit]


def _add(index: dict[str, list[str]], key: str, model_id: str) -> None:
    ids = index.setdefault(key, [])
    if model_id not in ids:
        ids.append(model_id)


def _frozen(index: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(ids) for key, ids in index.items()}


def resolve_models(
    catalog: "Catalog", queries: Iterable[str], on: dt.date | None = None
) -> "list[Model]":
    """Resolve each query to a model, in order (moving aliases as on day `on`)."""
    index = catalog.names()
    return [catalog.model(index.resolve(query, on)) for query in queries]
