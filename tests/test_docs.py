"""The README's contract stays true: its commands exist and its CLI synopsis matches --help."""

import re
import subprocess
import sys

from .conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def help_text(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "sankore.cli", *args, "--help"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_readme_gives_install_run_and_test_commands():
    block = re.search(r"## Three commands\n\n```bash\n(.*?)```", README, re.S).group(1)
    lines = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert lines[0] == 'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]"'
    assert lines[1] == ".venv/bin/sankore analyze examples/aes_2025-04-30.txt"
    assert lines[2] == ".venv/bin/python -m pytest"
    assert (ROOT / "examples" / "aes_2025-04-30.txt").exists()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert ".venv/bin/python -m pytest" in ci and 'pip install -e ".[dev]"' in ci


def test_every_command_and_option_in_the_readme_exists():
    synopsis = re.search(r"## Commands\n\n```\n(.*?)```", README, re.S).group(1)
    commands = set(re.findall(r"^sankore (\w+)", synopsis, re.M))
    listed = help_text()
    for command in commands:
        assert re.search(rf"^\s+{command}\b", listed, re.M), f"{command} missing from --help"
    for command in commands:
        line_options = re.findall(r"--[a-z-]+", synopsis.split(f"sankore {command}")[1]
                                  .split("\nsankore ")[0])
        options = help_text(command)
        for option in line_options:
            assert option in options, f"{command} {option} is in the README but not in --help"


def test_eval_tasks_in_the_readme_are_the_cli_choices():
    from sankore.cli import EVAL_TASKS

    synopsis = re.search(r"sankore eval ([\w|]+)", README).group(1)
    assert set(synopsis.split("|")) == set(EVAL_TASKS)
