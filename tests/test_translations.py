"""The English catalogue is complete: every Indonesian UI string has a reviewed translation."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"

pytestmark = pytest.mark.skipif(
    shutil.which("msgattrib") is None,
    reason="gettext tools not installed (apt-get install gettext)",
)


def entries(*flags) -> list[str]:
    out = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", str(PO)], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for block in out.split("\n\n"):
        # msgid "..." possibly continued on "..." lines, up to msgid_plural / msgstr
        match = re.search(r'^msgid ((?:".*"\n)+)', block + "\n", flags=re.M)
        text = "".join(re.findall(r'"(.*)"', match.group(1))) if match else ""
        if text:  # the header's msgid is empty
            found.append(text)
    return found


def test_no_string_is_left_untranslated():
    assert entries("--untranslated") == []


def test_no_translation_is_a_fuzzy_guess():
    assert entries("--only-fuzzy") == []


def test_the_catalogue_compiles_cleanly():
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(PO)], check=True)
