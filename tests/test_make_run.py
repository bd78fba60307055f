"""`make run`, the demo a tester sees first: every command it runs (the demo seed that issues
certificates, the web server) sees the same SITE_URL, and DEBUG is off. The Makefile runs here
against a stand-in virtualenv whose python and honcho print what they were given."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECHO = '#!/bin/sh\necho "{name} $* SITE_URL=$SITE_URL DEBUG=$DEBUG"\n'


def make_run(tmp_path, **env_extra) -> list[str]:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for name in ("python", "honcho"):
        program = venv / "bin" / name
        program.write_text(ECHO.format(name=name))
        program.chmod(0o755)
    (venv / ".installed").touch()  # newer than pyproject.toml: nothing to install
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "DEBUG", "HOST", "PORT"}}
    env.update(env_extra)
    result = subprocess.run(
        ["make", "-s", "run", f"VENV={venv}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in result.stdout.splitlines() if line.startswith(("python", "honcho"))]


def test_the_demo_seed_and_the_server_share_the_port_s_site_url_with_debug_off(tmp_path):
    commands = make_run(tmp_path, PORT="8123")
    seed = next(c for c in commands if "seed_demo" in c)
    server = next(c for c in commands if c.startswith("honcho"))
    assert "SITE_URL=http://127.0.0.1:8123 DEBUG=0" in seed
    assert "SITE_URL=http://127.0.0.1:8123 DEBUG=0" in server
    assert all(c.endswith("SITE_URL=http://127.0.0.1:8123 DEBUG=0") for c in commands), commands
    # DEBUG off: whitenoise serves the collected static files, collected before the server starts
    collect = next(i for i, c in enumerate(commands) if "collectstatic" in c)
    assert collect < commands.index(server)


def test_a_site_url_or_debug_from_the_environment_wins(tmp_path):
    commands = make_run(tmp_path, SITE_URL="https://serawai.example", DEBUG="1")
    assert all(c.endswith("SITE_URL=https://serawai.example DEBUG=1") for c in commands), commands


def test_the_settings_default_is_make_run_s_default_address(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(SERAWAI_VAR_DIR=str(tmp_path / "var"))
    code = "from django.conf import settings; print(settings.SITE_URL)"
    for site_url in (None, ""):
        if site_url is not None:
            env["SITE_URL"] = site_url
        printed = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert printed.strip().splitlines()[-1] == "http://127.0.0.1:8000"
