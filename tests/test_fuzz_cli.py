"""A seeded fuzzer over every command and option of the command line.

Whatever is typed, a run ends in one of two ways: an answer on stdout with exit 0
(pure JSON under --json), or one line on stderr starting "llmcompare: error:" with
exit 1 or 2. Never a traceback. The commands and options are read from the app
itself, so a new option is fuzzed the day it is added; values are drawn across
each option's whole accepted range (token counts up to the cap, dates from year 1
to 9999, amounts from $0 to far past any bill), with some text that is no value.

Hypothesis is derandomized (the same examples on every run) and bounded, so CI
runs the same cases each time and a failure reproduces.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from llmcompare import cli
from llmcompare.catalog import BASE_ENV, load_catalog
from llmcompare.config import KEYS
from llmcompare.domain import CAPABILITIES
from llmcompare.importers import FORMATS
from llmcompare.quantity import MAX_TOKEN_COUNT
from llmcompare.userdirs import CONFIG_ENV, DATA_ENV

from conftest import Runner
from factory import write_catalog
from loopback import loopback_only
from test_import_readers import GENAI_PRICES, LITELLM, MODELS_DEV, OPENROUTER

# Commands that change the user's files get a fresh data and config folder for
# each example, and a small base catalog, so that each example starts the same.
WRITING = {
    ("catalog", "import"),
    ("catalog", "update"),
    ("catalog", "set-price"),
    ("catalog", "unset"),
    ("catalog", "set-discount"),
    ("catalog", "unset-discount"),
    ("catalog", "add"),
    ("config", "set"),
    ("config", "unset"),
}


def _commands() -> list[tuple[tuple[str, ...], Any]]:
    cli.register_groups()
    found: list[tuple[tuple[str, ...], Any]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if hasattr(command, "commands"):  # a group
            for name, sub in command.commands.items():
                walk(sub, (*path, name))
        else:
            found.append((path, command))

    walk(typer.main.get_command(cli.app), ())
    return found


COMMANDS = _commands()
READING = [(path, command) for path, command in COMMANDS if path not in WRITING]
WRITERS = [(path, command) for path, command in COMMANDS if path in WRITING]


def test_every_command_is_fuzzed_by_one_of_the_two_tests() -> None:
    assert {path for path, _ in READING} | set(WRITING) == {path for path, _ in COMMANDS}
    assert len(WRITERS) == len(WRITING), "a writing command was renamed or removed"


# -- Values ------------------------------------------------------------------------

# Text that is no value of anything: control characters, markup, bidi marks,
# unicode digits, signs. (No NUL: an operating system cannot pass one in argv.)
junk = st.one_of(
    st.text(st.characters(exclude_characters="\x00"), max_size=12),
    st.sampled_from(
        ["", " ", "-", "-1", "nan", "inf", "1e999999", "0x10", "[red]x[/]", "\x1b[31m", "\u202e"]
    ),
)


@st.composite
def whole_numbers(draw: st.DrawFn, top: int) -> int:
    """0..top, spread over every order of magnitude (not mostly huge)."""
    digits = draw(st.integers(0, len(str(top))))
    return min(top, draw(st.integers(0, 10**digits)))


@st.composite
def token_text(draw: st.DrawFn) -> str:
    """A token count up to a little past the cap, in each written form."""
    count = draw(whole_numbers(MAX_TOKEN_COUNT * 10))
    form = draw(st.sampled_from(["plain", "underscores", "suffix", "exponent"]))
    if form == "underscores":
        return f"{count:_}"
    if form == "suffix":
        for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "k")):
            if count >= size:
                return f"{count / size:g}{draw(st.sampled_from([suffix, suffix.lower()]))}"
    if form == "exponent" and count:
        exponent = len(str(count)) - 1
        return f"{count // 10**exponent}e{exponent}"
    return str(count)


decimals = st.decimals(min_value=0, max_value=10**20, places=6, allow_nan=False)
money_text = st.one_of(
    decimals.map(lambda amount: format(amount.normalize(), "f")),
    decimals.map(lambda amount: "$" + format(amount, "f")),
)
percent_text = st.decimals(min_value=0, max_value=120, places=3).map(lambda p: f"{p.normalize()}%")
date_text = st.dates().map(lambda day: day.isoformat())


def _named(choices: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(choices)) if choices else junk


def _catalog_words() -> dict[str, list[str]]:
    catalog = load_catalog()
    models: list[str] = []
    for model in catalog.models:
        models += [model.id, model.name, *model.aliases]
        models += [route.model_id for route in model.routes][:1]
    windows = {
        window.name
        for model in catalog.models
        for route in model.routes
        for window in route.time_windows
    }
    return {
        "models": models,
        "providers": list(catalog.providers),
        "creators": sorted({model.creator for model in catalog.models}),
        "windows": sorted(windows) or ["peak"],
    }


def _value(param: Any, words: dict[str, list[str]], paths: list[str], junk_too: bool) -> Any:
    """What to draw for one parameter: its accepted range, and junk if asked."""
    metavar = getattr(param, "metavar", None)
    name = param.name or ""
    kind = param.type
    valid: st.SearchStrategy[str]
    if metavar in ("TOKENS", "N"):
        valid = token_text()
    elif metavar == "TOKENS|P%":
        valid = st.one_of(token_text(), percent_text)
    elif metavar == "USD":
        valid = money_text
    elif metavar == "P%":
        valid = percent_text
    elif metavar == "YYYY-MM-DD":
        valid = date_text
    elif metavar == "NAME=P%":
        valid = st.builds(lambda w, p: f"{w}={p}", _named(words["windows"]), percent_text)
    elif type(kind).__name__ == "IntRange":
        low = kind.min if kind.min is not None else -(2**63)
        valid = whole_numbers(2**63).map(lambda n: str(low + n))
    elif hasattr(kind, "choices"):
        valid = st.sampled_from([str(choice) for choice in kind.choices])
    elif name in ("models", "model", "query"):
        valid = _named(words["models"])
    elif name in ("provider", "providers"):
        valid = _named(words["providers"])
    elif name == "creator":
        valid = _named(words["creators"])
    elif name == "capability":
        valid = _named(list(CAPABILITIES))
    elif name in ("directory", "file", "catalog"):
        valid = st.sampled_from(paths)
    elif name == "key":
        valid = st.sampled_from([*KEYS, "update.urls.litellm"])
    elif name == "values":
        valid = st.one_of(token_text(), st.sampled_from([*FORMATS, *paths, "http://127.0.0.1:9/"]))
    else:
        valid = junk
    return st.one_of(valid, valid, valid, junk) if junk_too else valid


@st.composite
def invocation(
    draw: st.DrawFn,
    commands: list[tuple[tuple[str, ...], Any]],
    words: dict[str, list[str]],
    paths: list[str],
) -> list[str]:
    """An argv: maybe a global option, a command, some of its options, its arguments."""
    path, command = draw(st.sampled_from(commands))
    junk_too = draw(st.integers(0, 3)) == 0  # most runs type only values that are accepted
    argv: list[str] = []
    if draw(st.integers(0, 9)) == 0:
        argv += draw(
            st.sampled_from([["--bundled-only"], ["--catalog", draw(st.sampled_from(paths))]])
        )
    argv += path
    for param in command.params:
        if param.param_type_name == "argument":
            continue
        if not draw(st.booleans()):
            continue
        flag = param.opts[0]
        if getattr(param, "is_flag", False):
            argv.append(flag)
            continue
        repeats = draw(st.integers(1, 3)) if getattr(param, "multiple", False) else 1
        for _ in range(repeats):
            argv += [flag, draw(_value(param, words, paths, junk_too))]
    per_request = "--request-input" in argv or "--request-output" in argv
    if per_request and "--requests" not in argv and draw(st.integers(0, 4)):
        argv += ["--requests", draw(token_text())]  # what per-request sizes need
    for param in command.params:
        if param.param_type_name != "argument":
            continue
        if param.nargs == -1:  # mostly two or more: diff needs them, cost lists each
            count = draw(st.sampled_from([0, 1, 2, 2, 3, 4]))
            count = max(count, 1) if param.required else count
        else:
            count = 1 if param.required or draw(st.booleans()) else 0
        for _ in range(count):
            value = draw(_value(param, words, paths, junk_too))
            # An argument that looks like an option is read as one; `--` keeps it a value.
            argv += ["--", value] if value.startswith("-") and "--" not in argv else [value]
    return argv


# -- Running -----------------------------------------------------------------------


def check(run: Runner, argv: list[str]) -> None:
    """One run ends in an answer or in one line of error; never a traceback."""
    result = run(*argv)
    if os.environ.get("LLMCOMPARE_FUZZ_LOG"):
        with open(os.environ["LLMCOMPARE_FUZZ_LOG"], "a") as log:
            log.write(f"{result.exit_code} {argv!r} {result.stderr[-200:]!r}\n")
    assert "Traceback" not in result.stderr, argv
    assert result.exit_code in (0, 1, 2), (argv, result.exit_code, result.stderr)
    if result.exit_code:
        last = result.stderr.rstrip("\n").rsplit("\n", 1)[-1]
        # `catalog check` finding problems is its answer: the list, then a count.
        found_problems = "check" in argv and " problem" in last
        assert last.startswith("llmcompare: error: ") or found_problems, (argv, result.stderr)
    elif "--json" in argv and "--" not in argv:
        json.loads(result.stdout)


@pytest.fixture
def hostile_paths(tmp_path: Path) -> list[str]:
    """Paths a user might give: a good catalog, a broken one, import files of each
    format, a file that is no catalog, a folder that is no file, and nothing."""
    good = write_catalog(tmp_path / "good")
    broken = tmp_path / "broken"
    (broken / "models" / "acme").mkdir(parents=True)
    (broken / "providers.toml").write_text("[providers.x\n")
    (broken / "models" / "acme" / "m.toml").write_text('id = "\x1b[31mred"\n')
    files = {
        "litellm.json": LITELLM,
        "genai.json": GENAI_PRICES,
        "openrouter.json": OPENROUTER,
        "models-dev.json": MODELS_DEV,
        "truncated.json": LITELLM[: len(LITELLM) // 2],
        "empty.json": "",
        "prices.toml": '[[routes]]\nprovider = "alpha"\ninput = 1\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    named = [str(tmp_path / name) for name in files]
    return [str(good), str(broken), *named, str(tmp_path / "missing"), str(tmp_path), ""]


EXAMPLES = int(os.environ.get("LLMCOMPARE_FUZZ_EXAMPLES", "300"))


def _fuzzed(examples: int) -> Any:
    """Seeded (the same examples every run) and bounded; no shrinking: an argv
    reads well as drawn."""
    return settings(
        max_examples=examples,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.fixture
def words() -> dict[str, list[str]]:
    return _catalog_words()


@_fuzzed(EXAMPLES)
@given(data=st.data())
def test_reading_commands_answer_or_fail_in_one_line(
    data: st.DataObject, run: Runner, words: dict[str, list[str]], hostile_paths: list[str]
) -> None:
    check(run, data.draw(invocation(READING, words, hostile_paths), label="argv"))


@pytest.fixture
def fresh_user_folders(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, catalog_dir: Path
) -> Iterator[None]:
    """A small base catalog (each write rebuilds it, which must stay quick), and
    no host name but loopback: `catalog update` fails at once, offline."""
    monkeypatch.setenv(BASE_ENV, str(catalog_dir))
    with loopback_only(monkeypatch) as refused:
        yield
        refused.clear()


@pytest.fixture
def small_catalog_words(fresh_user_folders: None) -> dict[str, list[str]]:
    return _catalog_words()


def _fresh_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    home = tmp_path_factory.mktemp("fuzzhome")
    os.environ[DATA_ENV] = str(home / "data")
    os.environ[CONFIG_ENV] = str(home / "config")


@_fuzzed(EXAMPLES // 2)  # each example runs two commands
@given(data=st.data())
def test_writing_commands_answer_or_fail_in_one_line(
    data: st.DataObject,
    run: Runner,
    small_catalog_words: dict[str, list[str]],
    hostile_paths: list[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    words = small_catalog_words
    _fresh_home(tmp_path_factory)  # the conftest fixture restores both afterwards
    first = data.draw(invocation(WRITERS, words, hostile_paths), label="write")
    then = data.draw(invocation(READING, words, hostile_paths), label="then read")
    check(run, first)
    check(run, then)  # what a write left behind is read without a traceback too


# Cases a hostile probe found, kept as they were typed.
FOUND = [
    line.split()
    for line in """\
cost --budget 100000000000000000000000000 --top 1
cost --requests 1e15 --request-input 1e15 --top 2
cost --requests 1e15 --request-input 1e15 --request-output 1e15
cost sonar-pro qwen3.5-flash --requests 1e15 --input 1 --output 0 --cached-input 1 --json
cost --input 1e15 --output 1e15 --budget 0.000001 --json
diff gpt-4o claude-haiku-4-5 --requests 1 --request-input 1e15
cost --at 0001-01-01 --top 1
cost --at 9999-12-31 --top 1
diff gpt-4o gpt-4o-mini --at 9999-12-31
""".splitlines()
]


@pytest.mark.parametrize("argv", FOUND, ids=lambda argv: " ".join(argv)[:60])
def test_cases_found_by_a_probe_answer_or_fail_in_one_line(run: Runner, argv: list[str]) -> None:
    check(run, argv)
