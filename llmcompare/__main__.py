"""The process entry: the `llmcompare` console script and `python -m llmcompare`.

Apart from cli.py so that the process is set up before the CLI and its
framework are imported. Library callers and tests use `cli.main()`, which
exits normally.
"""

import contextlib
import gc
import os
import sys
from typing import NoReturn


def run() -> NoReturn:
    """`cli.main()`, then leave without interpreter teardown.

    A run is short and makes few reference cycles, yet importing the CLI
    framework and unpickling the compiled catalog create tens of thousands of
    objects, which would set the cyclic collector off many times for nothing
    (about 3 ms of the imports alone): it stays off for the whole run.
    Finalising the modules a run has loaded would cost more than the run's own
    work, so once the output is flushed the process ends at once; nothing
    registers atexit work. (Both measured with tests/bench/bench_startup.py.)
    """
    gc.disable()
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot take UTF-8 (LC_ALL=C, PYTHONIOENCODING=
        # ascii) gets "?" for a character it lacks, never a traceback.
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding not in ("utf8", "utf_8"):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    try:
        from .cli import main

        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:  # Ctrl-C, even while the modules are still loading
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write("llmcompare: interrupted\n")
        code = 130  # the shell's convention for SIGINT
    for stream in (sys.stdout, sys.stderr):
        # A reader that has gone (`| head`) leaves nothing more to say.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
