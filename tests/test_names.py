"""Naming a model the way people do."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llmcompare.loader import load_catalog_dir
from llmcompare.names import AmbiguousModelError, NameIndex, UnknownModelError, normalise


@pytest.fixture
def index(catalog_dir: Path) -> NameIndex:
    return NameIndex.build(load_catalog_dir(catalog_dir))


@pytest.mark.parametrize(
    "query",
    [
        "small-guard",  # id
        "SMALL-GUARD",  # case
        "small_guard",  # punctuation
        "Small Guard 8B",  # display name
        "small guard 8b",
        "acme-small-guard",  # alias
        "acme/acme-small-guard-8b",  # a provider's own model id
    ],
)
def test_every_form_reaches_the_model(index: NameIndex, query: str) -> None:
    assert index.resolve(query) == "small-guard"


def test_unknown_name_suggests_the_closest_ids(index: NameIndex) -> None:
    with pytest.raises(UnknownModelError) as caught:
        index.resolve("smal-guard")
    assert caught.value.suggestions[0] == "small-guard"
    assert "did you mean: small-guard" in str(caught.value)


def test_unknown_name_with_nothing_close_has_no_suggestion(index: NameIndex) -> None:
    with pytest.raises(UnknownModelError) as caught:
        index.resolve("zzzzzzzz")
    assert caught.value.suggestions == []


def test_ambiguous_provider_id_lists_candidates(index: NameIndex) -> None:
    # "alpha/model" is the provider id of both big-chat and other-chat in the mini catalog.
    with pytest.raises(AmbiguousModelError) as caught:
        index.resolve("alpha/model")
    assert caught.value.candidates == ["big-chat", "other-chat"]


def test_our_names_win_over_provider_ids(catalog_dir: Path) -> None:
    index = NameIndex.build(load_catalog_dir(catalog_dir))
    assert index.resolve("other-chat") == "other-chat"


@given(st.text(max_size=30))
def test_normalise_ignores_case_and_punctuation(text: str) -> None:
    key = normalise(text)
    assert key == normalise(text.upper()) == normalise(f"-{text}.")
    assert all(ch.isalnum() for ch in key)


def test_an_absurdly_long_name_is_a_short_error(index: NameIndex) -> None:
    query = "big-chat" * 5000
    with pytest.raises(UnknownModelError) as raised:
        index.resolve(query)
    message = str(raised.value)
    assert len(message) < 120 and message.startswith("unknown model 'big-chatbig-chat")
    assert raised.value.suggestions == []


def test_aliases_that_move_resolve_by_date(tmp_path, monkeypatch, run) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from llmcompare.catalog import BASE_ENV

    from factory import model, route, write_catalog

    def moving(since: dt.date, until: dt.date | None = None) -> dict[str, object]:
        alias: dict[str, object] = {
            "alias": "acme-chat",
            "provider": "alpha",
            "since": since,
            "source": "https://alpha.example/news",
        }
        if until:
            alias["until"] = until
        return alias

    models = [
        model(
            "acme",
            "acme-3",
            "Acme 3",
            routes=[route("alpha", "1", "2", model_id="acme-chat")],
            moving_aliases=[moving(dt.date(2025, 1, 1), dt.date(2026, 3, 1))],
        ),
        model(
            "acme",
            "acme-4",
            "Acme 4",
            routes=[route("alpha", "3", "4", model_id="acme-chat")],
            moving_aliases=[moving(dt.date(2026, 3, 1))],
        ),
    ]
    monkeypatch.setenv(BASE_ENV, str(write_catalog(tmp_path / "c", models)))
    today = run("cost", "acme-chat", "--json").json()
    assert {row["model"] for row in today["rows"]} == {"acme-4"}
    earlier = run("cost", "acme-chat", "--at", "2026-02-28", "--json").json()
    assert {row["model"] for row in earlier["rows"]} == {"acme-3"}
    assert run("show", "ACME chat", "--json").json()["model"]["id"] == "acme-4"
    before = run("cost", "acme-chat", "--at", "2024-06-01")
    assert before.exit_code == 2 and "pointed at no model on 2024-06-01" in before.stderr


@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_normalise_keeps_only_lowercase_letters_and_digits(text: str) -> None:
    # What it keeps, exactly, for any text: ASCII (the quick path) or not.
    expected = "".join(c for c in text.casefold() if c in "0123456789abcdefghijklmnopqrstuvwxyz")
    assert normalise(text) == expected
