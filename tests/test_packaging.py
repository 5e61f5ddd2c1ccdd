"""The installed program, run as a user runs it: another directory, real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LLMCOMPARE_CATALOG"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, **kw)


def test_python_dash_m_from_another_directory_reads_the_bundled_catalog(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "llmcompare", "cost", "--top", "3", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["rows"]) == 3


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("llmcompare")
    if not script.exists():
        pytest.skip("console script not on this interpreter's bin (not installed with pip)")
    result = _run([str(script), "--version"], tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("llmcompare ")


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # Like `llmcompare cost | head -1`: the reader goes away after one line.
    proc = subprocess.Popen(
        [sys.executable, "-m", "llmcompare", "cost"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=30)
    assert "Traceback" not in stderr and "Error" not in stderr


def test_json_runs_do_not_import_rich(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from llmcompare.cli import main\n"
        "try:\n"
        "    main(['cost', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str(any(m.startswith('rich') for m in sys.modules)))\n"
    )
    result = _run([sys.executable, "-c", code], tmp_path)
    assert result.stderr.strip() == "False"


def test_errors_from_the_installed_program_are_one_line_and_exit_2(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "llmcompare", "cost", "--input", "-5"], tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--input" in result.stderr


def test_an_installed_catalog_is_fingerprinted_by_its_record(tmp_path: Path) -> None:
    # Installed from a wheel (as CI installs it), the compiled cache is keyed on the
    # wheel's RECORD rather than a stat of every file; from a checkout, file by file.
    code = (
        "from llmcompare import cache, catalog\n"
        "root = catalog._bundled_folder()\n"
        "stamp = cache.fingerprint([('bundled', root)])[3][0]\n"
        "print(cache._installed_record(root) is not None, 'installed' in stamp)\n"
    )
    result = _run([sys.executable, "-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    installed, keyed_on_record = result.stdout.split()
    assert installed == keyed_on_record


def test_python_dash_m_from_the_repository_root_uses_the_checkouts_catalog() -> None:
    # There the source package shadows the installed one, whose catalog_data the
    # wheel maps from catalog/: the checkout's own catalog/ stands in.
    root = Path(__file__).resolve().parent.parent
    result = _run([sys.executable, "-m", "llmcompare", "show", "qwen3.5-4b", "--json"], root)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["model"]["id"] == "qwen3.5-4b"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "llmcompare", "cost", "--json"],
            cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "llmcompare: error: cannot write the output: No space left on device"
    ]


def test_a_closed_stdout_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "llmcompare", "cost", "--top", "3"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        pass_fds=(), close_fds=True, preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert result.returncode == 1
    assert "standard output is closed" in result.stderr and "Traceback" not in result.stderr


def test_a_reader_that_takes_nothing_is_no_failure(tmp_path: Path) -> None:
    # `llmcompare cost --json | head -n 0`: the reader leaves before the first byte.
    proc = subprocess.Popen(
        [sys.executable, "-m", "llmcompare", "cost", "--json"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    errors = proc.stderr.read().decode()
    assert proc.wait() == 0
    assert "Traceback" not in errors and "error" not in errors


def test_a_terminal_without_utf8_gets_question_marks_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "80"}
    result = subprocess.run(
        [sys.executable, "-m", "llmcompare", "diff", "llama-guard-2-8b", "qwen3.5-4b"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Decision scorecard" in result.stdout and "Traceback" not in result.stderr


def test_ctrl_c_while_starting_is_one_line_and_exit_130(tmp_path: Path) -> None:
    # Interrupted before the CLI has even loaded: no traceback.
    code = (
        "import sys\n"
        "class CtrlC:  # Ctrl-C arrives while the CLI module is being imported\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'llmcompare.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, CtrlC())\n"
        "from llmcompare.__main__ import run\n"
        "run()\n"
    )
    result = _run([sys.executable, "-c", code], tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 130 and result.stderr.strip() == "llmcompare: interrupted"
