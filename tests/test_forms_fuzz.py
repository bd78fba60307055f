"""Bad input, property-based (hypothesis): every form of the project, fed anything a person (or
an attacker) could send, never crashes, shows its errors escaped, stores nothing, and never
accepts an upload whose content is not what its name says.

Forms are discovered by importing each project app's `forms` module, so a new form is fuzzed
without being listed here; a form whose constructor needs an argument this file cannot provide
fails `test_every_form_can_be_built` with what to add to FORM_KWARGS.
"""

import datetime
import importlib
import inspect
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.factories import EmployeeFactory, office, province
from tests.voting import helpers as voting_helpers
from voting.selectors import BallotEntry

ROOT = Path(__file__).resolve().parents[1]


def in_project(path) -> bool:
    """A project app, not a package installed in a virtualenv inside the clone (`make test` on a
    fresh clone creates `.venv/` under the project root)."""
    path = Path(path).resolve()
    return ROOT in path.parents and ".venv" not in path.relative_to(ROOT).parts


NASTY = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE organization_employee; --",
    "{{ 7|add:7 }}{% debug %}",
    "%(x)s %s {0}",
    "\x00",
    "\u202eRTL",
    "😀" * 50,
    "../../etc/passwd",
    "2025-02-30",
    "31/12/2025",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "١٢٣",
    "x" * 5000,
]
SCRIPT = "<script>alert(1)</script>"

FILE_NAMES = [
    "laporan.pdf",
    "sambutan.docx",
    "naskah.odt",
    "foto.jpg",
    "../../../etc/passwd",
    "..\\..\\windows\\system32\\a.pdf",
    "<script>.pdf",
    "a" * 300 + ".pdf",
    "tanpa-ekstensi",
    ".pdf",
    "berkas\x00.pdf",
    "ganda.pdf.exe",
]
MAGIC = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"MZ"]

text_values = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))


def browser_name(name: str) -> str:
    """The file name as Django's multipart parser hands it to a form (path parts removed)."""
    from django.http.multipartparser import MultiPartParser

    return MultiPartParser.sanitize_file_name(None, name.replace("\x00", "")) or "berkas"


def field_values(field):
    """A strategy of raw POST values for one form field: valid-looking and hostile."""
    if isinstance(field, forms.FileField):
        return (
            st.builds(
                lambda name, magic, body: SimpleUploadedFile(browser_name(name), magic + body),
                st.one_of(st.sampled_from(FILE_NAMES), st.text(min_size=1, max_size=60)),
                st.sampled_from(MAGIC),
                st.binary(max_size=3000),
            )
            | st.none()
        )
    if isinstance(field, forms.MultipleChoiceField):
        valid = [str(v) for v, _ in field.choices if v not in ("", None)]
        options = st.sampled_from(valid) if valid else text_values
        return st.lists(st.one_of(options, text_values), max_size=5)
    if isinstance(field, forms.ChoiceField):
        valid = [str(v) for v, _ in field.choices if not isinstance(_, (list, tuple))]
        return st.one_of(st.sampled_from(valid or [""]), text_values)
    if isinstance(field, forms.DateField):
        return st.one_of(st.dates().map(datetime.date.isoformat), text_values)
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return st.one_of(st.integers(-(10**12), 10**12).map(str), text_values)
    if isinstance(field, forms.BooleanField):
        return st.one_of(st.sampled_from(["on", "true", "1", ""]), text_values)
    return text_values


def form_modules(config):
    """The app's forms module and its siblings named forms_*.py (and a forms/ package's)."""
    import pkgutil

    names = [
        f"{config.name}.{info.name}"
        for info in pkgutil.iter_modules([config.path])
        if info.name == "forms" or info.name.startswith("forms_")
    ]
    if (Path(config.path) / "forms" / "__init__.py").exists():
        names += [
            f"{config.name}.forms.{info.name}"
            for info in pkgutil.iter_modules([str(Path(config.path) / "forms")])
        ]
    return [importlib.import_module(name) for name in sorted(names)]


def project_form_classes():
    found = []
    for config in apps.get_app_configs():
        if not in_project(config.path):
            continue
        for module in form_modules(config):
            for _name, obj in vars(module).items():
                if (
                    inspect.isclass(obj)
                    and issubclass(obj, forms.BaseForm)
                    and obj.__module__ == module.__name__
                ):
                    found.append(obj)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def label(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


FORMS = project_form_classes()


class World:
    """The objects a form may need: built lazily, once per test."""

    def __init__(self):
        self._cache = {}

    def get(self, name):
        if name not in self._cache:
            self._cache[name] = getattr(self, f"make_{name}")()
        return self._cache[name]

    def make_user(self):
        return EmployeeFactory(full_name="Penguji Formulir, S.ST.", office=office("1701"))

    def make_province(self):
        return province()

    def make_office(self):
        return office("1701")

    def make_request(self):
        from django.contrib.sessions.backends.db import SessionStore

        request = RequestFactory().post("/")
        request.user = self.get("user")
        request.session = SessionStore()
        return request

    def make_cycle(self):
        from cycles.services.cycle import create_cycle

        return create_cycle(
            province=province(), year=2026, start_date=datetime.date(2026, 1, 5), by=None
        )

    def make_event(self):
        from events.services.preparation import create_event

        return create_event(
            cycle=self.get("cycle"),
            title="Kegiatan Uji",
            host_office=office("1701"),
            event_date=datetime.date(2026, 8, 12),
        )

    def make_presenters(self):
        from events.models import CommitteeMember

        speaker = EmployeeFactory(full_name="Narasumber Uji, M.Si.")
        return [
            CommitteeMember.objects.create(
                event=self.get("event"), role=CommitteeMember.Role.SPEAKER, employee=speaker
            )
        ]

    def make_offices(self):
        return list(province().children.all()[:3]) + [province()]

    def make_candidates(self):
        return [EmployeeFactory(full_name=f"Calon Pengganti {n}") for n in range(2)]

    def make_members(self):
        from organization.models import Employee

        people = [EmployeeFactory(full_name=f"Anggota Tim {n}") for n in range(2)]
        return Employee.objects.filter(pk__in=[p.pk for p in people])

    def make_proposals(self):
        from voting.models import ThemeProposal

        return [
            ThemeProposal.objects.create(
                cycle=self.get("cycle"),
                office=office(code),
                title=f"Tema usulan {code}",
                abstract="Ringkasan",
                relevance="Manfaat",
                preferred_quarter=3,
            )
            for code in ("1701", "1702")
        ]

    def make_tied(self):
        return self.get("proposals")

    def make_winner(self):
        from types import SimpleNamespace

        return SimpleNamespace(proposal=self.get("proposals")[0])

    def make_max_choices(self):
        return 2

    def make_seats(self):
        return 1


# Constructor arguments a form needs beyond data/files (by "module.Class"); arguments named like
# a World attribute (user, request, province, office, cycle, event, presenters) are found alone.
FORM_KWARGS = {
    "accounts.forms.LoginForm": lambda w: {"request": w.get("request")},
    "voting.forms.BallotForm": lambda w: {
        "proposals": [BallotEntry.of(p) for p in voting_helpers.fuzz_proposals(w.get("cycle"))],
        "max_choices": 3,
    },
    "voting.forms.TieForm": lambda w: {
        "tied": voting_helpers.fuzz_proposals(w.get("cycle")),
        "seats": 2,
    },
    "voting.forms.SelectionForm": lambda w: {
        "province": province(),
        "winner": voting_helpers.fuzz_winner(w.get("cycle")),
    },
}


def build_kwargs(cls, world):
    if label(cls) in FORM_KWARGS:
        return FORM_KWARGS[label(cls)](world)
    kwargs = {}
    for name, param in inspect.signature(cls.__init__).parameters.items():
        if name in {"self", "data", "files", "args", "kwargs"} or param.kind in (
            param.VAR_POSITIONAL,
            param.VAR_KEYWORD,
        ):
            continue
        if param.default is not param.empty:
            continue
        if not hasattr(World, f"make_{name}"):
            raise LookupError(f"{label(cls)} needs {name!r}: add it to FORM_KWARGS or World")
        kwargs[name] = world.get(name)
    return kwargs


# Forms that take an upload by name and size only, because the service behind them opens the
# content (a form alone may pass such a file; the service refuses it): form -> where.
CONTENT_CHECKED_BEHIND_THE_FORM = {
    "events.forms.PhotoForm": "events.services.eventday opens it with Pillow (verify)",
    "organization.forms.EmployeeImportForm": "the employee import opens the workbook",
}


def project_models():
    return [
        model
        for model in apps.get_models()
        if in_project(apps.get_app_config(model._meta.app_label).path) and not model._meta.proxy
    ]


def row_counts():
    # Log-in attempts (django-axes) are meant to be recorded; they are not a project model.
    return {model._meta.label: model._default_manager.count() for model in project_models()}


def test_forms_are_discovered():
    names = {label(cls) for cls in FORMS}
    assert "accounts.forms.LoginForm" in names
    assert len(names) >= 5


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=label)
def test_every_form_can_be_built(form_class):
    form = form_class(**build_kwargs(form_class, World()))
    assert form.fields, f"{label(form_class)} has no fields"


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=label)
def test_hostile_input_is_refused_with_shown_escaped_errors_and_nothing_stored(form_class):
    world = World()
    kwargs = build_kwargs(form_class, world)
    fields = form_class(**kwargs).fields
    strategy = st.fixed_dictionaries({name: field_values(f) for name, f in fields.items()})
    before = row_counts()

    @hsettings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(values=strategy)
    def check(values):
        data, files = {}, {}
        for name, value in values.items():
            if isinstance(value, SimpleUploadedFile):
                value.seek(0)
                files[name] = value
            elif value is None:
                continue
            elif isinstance(value, list):
                data[name] = value
            else:
                data[name] = value
        blank = form_class(**kwargs)  # for the field names as sent (with the form's prefix)
        form = form_class(
            data=MultiValueDict(
                {blank.add_prefix(k): v if isinstance(v, list) else [v] for k, v in data.items()}
            ),
            files=MultiValueDict({blank.add_prefix(k): [v] for k, v in files.items()}),
            **kwargs,
        )
        valid = form.is_valid()  # must never raise
        html = str(form)  # rendering with errors and the submitted values must not raise
        assert SCRIPT not in html, "user text rendered unescaped"
        if not valid:
            assert form.errors
            shown = [str(e) for errors in form.errors.values() for e in errors]
            assert all(message.strip() for message in shown)
            for message in shown:
                assert escape(message) in html, f"error not shown: {message!r}"
        for name, upload in files.items():
            if label(form_class) in CONTENT_CHECKED_BEHIND_THE_FORM:
                continue
            if valid and form.cleaned_data.get(name):
                # A form may keep the upload (its name must be safe) or only its bytes.
                stored_name = getattr(form.cleaned_data[name], "name", "")
                assert "/" not in stored_name and "\\" not in stored_name
                content = upload.read() if hasattr(upload, "read") else b""
                upload.seek(0)
                # An upload is accepted only for what it really is, never for its name alone.
                assert (
                    not content
                    or content[:4] in {b"%PDF", b"PK\x03\x04"}
                    or content[:3]
                    in {
                        b"\xff\xd8\xff",
                        b"\x89PN",
                    }
                ), f"{label(form_class)} accepted {upload.name!r} with content {content[:8]!r}"
        assert row_counts() == before, "a form stored something on its own"

    check()


# --- uploads through the real pages: content decides, stored names are ours ----------------------

SAFE_STORED_NAME = re.compile(r"^[A-Za-z0-9_\-./]+$")


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, format="PNG")
    return buffer.getvalue()


UPLOAD_BODIES = {
    "png": _png(),
    "random": bytes(range(256)) * 4,
    "fake-png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,
    "html": b"<html><script>alert(1)</script></html>",
    "pdf-named-png": b"%PDF-1.4\n%%EOF",
}


@pytest.mark.django_db
def test_photo_uploads_are_judged_by_content_and_stored_under_safe_names(client, ca_1701):
    from events.models import Event, Photo
    from tests.factories import make_cycle, make_event

    event = make_event(host="1701", cycle=make_cycle(), event_date=datetime.date(2026, 8, 12))
    Event.objects.filter(pk=event.pk).update(status=Event.Status.HELD)  # photos of a held event
    client.force_login(ca_1701)
    url = f"/events/{event.pk}/photos/"

    @hsettings(max_examples=20, deadline=None, database=None)
    @given(
        name=st.one_of(st.sampled_from(FILE_NAMES), st.text(min_size=1, max_size=40)).map(
            lambda n: n if n.lower().endswith((".png", ".jpg")) else n + ".png"
        ),
        body=st.sampled_from(sorted(UPLOAD_BODIES)),
        caption=text_values,
    )
    def check(name, body, caption):
        before = Photo.objects.count()
        upload = SimpleUploadedFile(browser_name(name), UPLOAD_BODIES[body])
        response = client.post(url, {"image": upload, "caption": caption})
        assert response.status_code in (302, 400, 403), response.status_code
        html = response.content.decode() if response.status_code != 302 else ""
        assert SCRIPT not in html
        if body != "png" or response.status_code != 302:
            assert Photo.objects.count() == before, f"stored {body} named {name!r}"
            if response.status_code == 400:
                assert "invalid-feedback" in html or "alert-danger" in html or "errorlist" in html
            return
        photo = Photo.objects.latest("pk")
        for stored in (photo.image.name, photo.thumbnail.name):
            assert SAFE_STORED_NAME.match(stored) and ".." not in stored, stored
            assert Path(photo.image.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT))

    check()
    # And for certain: a real picture under a hostile name is taken, under a name of our own.
    hostile = SimpleUploadedFile("../../<script>alert(1)</script>.png", UPLOAD_BODIES["png"])
    response = client.post(url, {"image": hostile, "caption": "Pembukaan"})
    assert response.status_code == 302
    stored = Photo.objects.latest("pk").image.name
    assert SAFE_STORED_NAME.match(stored) and "script" not in stored
    page = client.get(url).content.decode()
    assert SCRIPT not in page


# --- every page's forms, posted hostile values by someone allowed to use them --------------------


class _Forms(HTMLParser):
    """The POST forms of a page: action and field names (file inputs apart)."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}, "files": []}
            self.forms.append(self._current)
        elif self._current is not None and tag in {"input", "select", "textarea"}:
            name = attrs.get("name")
            if not name or name == "csrfmiddlewaretoken":
                return
            if attrs.get("type") == "file":
                self._current["files"].append(name)
            else:
                self._current["fields"].setdefault(name, attrs.get("type") or tag)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


ERROR_MARKERS = ("invalid-feedback", "errorlist", "alert-danger", "is-invalid")
HOSTILE_SETS = [
    lambda i: NASTY[i % len(NASTY)],
    lambda i: SCRIPT,
    lambda i: "9" * 40,
]


@pytest.mark.django_db
def test_every_page_form_survives_hostile_posts_and_stores_nothing_when_it_complains(client):
    from django.db import transaction

    from tests.test_permission_matrix import MATRIX, ROLES, build_world, url_for

    world = build_world()
    checked = []
    for name, entry in sorted(MATRIX.items()):
        if entry.get("method", "get") != "get" or entry.get("stage"):
            continue
        allowed = [r for r in ROLES[1:] if entry["expect"][r] == 200]
        if not allowed:
            continue
        role = next((r for r in allowed if r != "superuser"), allowed[0])
        client.force_login(world.people[role])
        url = url_for(name, world)
        page = client.get(url)
        if "text/html" not in page.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(page.content.decode())
        for form in parser.forms:
            action = form["action"] or url
            if action.startswith(("/accounts/logout", "/i18n/")) or not form["fields"]:
                continue
            for make in HOSTILE_SETS:
                data = {field: make(i) for i, field in enumerate(form["fields"])}
                for field in form["files"]:
                    data[field] = SimpleUploadedFile("../../x<b>.pdf", b"\x00garbage" * 50)
                with transaction.atomic():
                    before = row_counts()
                    response = client.post(action, data)  # an exception here is a 500
                    assert response.status_code < 500, (name, action)
                    html = response.content.decode(errors="replace")
                    assert SCRIPT not in html, f"{action}: user text rendered unescaped"
                    if response.status_code in (200, 400) and any(m in html for m in ERROR_MARKERS):
                        assert row_counts() == before, f"{action} complained but stored"
                    transaction.set_rollback(True)
                checked.append(action)
    assert len(set(checked)) >= 10, checked
