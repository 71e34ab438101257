"""The ``vicorpus`` command (also ``python -m vicorpus``).

It imports the command-line module (typer, pydantic, rich: about 0.2 s) with the garbage
collector paused (:func:`vicorpus.imports.collector_paused`), then runs the command.
"""

from __future__ import annotations

from vicorpus.imports import collector_paused


def main() -> None:
    with collector_paused():
        from vicorpus.cli import main as run_command
    run_command()


if __name__ == "__main__":
    main()
