"""The README documents every command-line option and every output table (sqlite-utils style)."""

from __future__ import annotations

import argparse
import re

import pytest
from conftest import ROOT

from pipeline.cli import build_parser
from pipeline.tables import SCHEMAS

README = ROOT / "README.md"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def long_options(command: str) -> list[str]:
    """The long form of every option of ``command`` (``-h/--help`` aside)."""
    options = []
    for action in subcommands()[command]._actions:
        names = [s for s in action.option_strings if s.startswith("--")]
        if names and names[0] != "--help":
            options.append(names[0])
    return options


@pytest.fixture(scope="module")
def readme() -> str:
    """The README's text ("" when it is missing: every check then fails, naming what is undocumented)."""
    return README.read_text(encoding="utf-8") if README.exists() else ""


def test_the_readme_exists():
    assert README.is_file()


def test_the_run_command_has_options_to_document():
    assert {"--output", "--workers", "--overwrite", "--engine"} <= set(long_options("run"))


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_is_documented(readme, command):
    assert re.search(rf"python -m pipeline {command}\b|coop-pipeline {command}\b", readme), command


@pytest.mark.parametrize("option", long_options("run"))
def test_every_run_option_is_documented(readme, option):
    assert re.search(rf"{re.escape(option)}(?![\w-])", readme), option


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_every_table_is_documented(readme, table):
    assert re.search(rf"`{table}`|^#+ +{table}\b", readme, flags=re.MULTILINE), table
