"""Certificates per second: the app's code path against WeasyPrint's own limit.

    .venv/bin/python bench/certificates.py [--count 300] [--each 30]

Prints, for `count` certificates:
  app       issue_certificates(): serials, QR codes, ONE WeasyPrint pass, split with pypdf,
            files stored and rows inserted (a throw-away SQLite database under a temp folder)
  bare      one bare WeasyPrint pass over the same pages (the library's limit)
  each      each certificate rendered as its own document (measured on `each` of them)
  pdf/a     the bare pass again as PDF/A-3u, to decide whether certificates can afford it
Target: app >= 0.7 x bare. Times are CPU seconds of this process (time.process_time), so that
other work on a shared machine does not distort the ratios; the database and file writes of the
app path are included either way.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Not the bench folder itself: its http.py would shadow the standard library.
sys.path[0] = str(ROOT)


def setup(tmp: str) -> None:
    os.environ["SERAWAI_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serawai.settings")
    import django

    django.setup()
    from common.scopes import unscoped_process

    unscoped_process()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--each", type=int, default=30, help="certificates rendered one by one")
    args = parser.parse_args()
    setup(tempfile.mkdtemp(prefix="serawai-bench-"))

    import weasyprint
    from django.template.loader import render_to_string

    from documents import certificates as engine
    from documents.models import Certificate
    from documents.rendering import STYLES, render_pdf
    from organization.models import Employee, Office

    office = Office.objects.get(code="1700")
    signatory = Employee.objects.create_user(
        "197208151994031002",
        full_name="Ir. Win Rizal, M.E.",
        position="Kepala Badan Pusat Statistik Provinsi Bengkulu",
        office=office,
    )
    holders = [
        {"name": f"Peserta Kegiatan Nomor {i}, S.ST., M.Si.", "role_label": "Peserta"}
        for i in range(args.count)
    ]
    event = dict(
        event_title="Pemanfaatan Big Data untuk Statistik Resmi",
        event_date=datetime.date(2025, 3, 12),
        issuer_office=office,
        signatory=signatory,
        by=signatory,
    )
    engine.issue_certificates(holders=holders[:2], **event)  # warm caches (CSS, fonts)

    started, wall = time.process_time(), time.perf_counter()
    issued = engine.issue_certificates(holders=holders, **event)
    app_seconds, app_wall = time.process_time() - started, time.perf_counter() - wall
    archival = engine.ARCHIVAL
    engine.ARCHIVAL = not archival
    started = time.process_time()
    engine.issue_certificates(holders=holders, **event)
    other_seconds = time.process_time() - started
    engine.ARCHIVAL = archival
    pdfa_app, plain_app = (app_seconds, other_seconds) if archival else (other_seconds, app_seconds)
    assert len(issued) == args.count and all(c.pk for c in issued)

    # The same pages, rendered by WeasyPrint alone in one pass (no DB, no split, no storage).
    pages = [{"certificate": c, "qr": engine.qr_data_uri(c.verify_url)} for c in issued]
    html = render_to_string(
        engine.template_for("participant"),
        {"pages": pages, "office": office, "signatory": signatory, "doc_lang": "id"},
    )
    base_url = (ROOT / "static").as_uri() + "/"

    def bare(**options) -> float:
        started = time.process_time()
        css = weasyprint.CSS(filename=str(STYLES / "print.css"))
        weasyprint.HTML(string=html, base_url=base_url).write_pdf(stylesheets=[css], **options)
        return time.process_time() - started

    bare_seconds = bare()
    pdfa_seconds = bare(pdf_variant="pdf/a-3u")

    sample = issued[: args.each]
    started = time.process_time()
    for certificate in sample:
        render_pdf(
            engine.template_for("participant"),
            {
                "pages": [{"certificate": certificate, "qr": engine.qr_data_uri("x")}],
                "office": office,
                "signatory": signatory,
            },
        )
    each_seconds = (time.process_time() - started) / len(sample) * args.count

    def rate(seconds):
        return args.count / seconds

    print(f"certificates: {args.count} (A4 landscape, QR code, one page each)")
    print(
        f"app   issue_certificates   {app_seconds:7.2f} s  {rate(app_seconds):7.1f} certs/s"
        f"  (PDF/A {'on' if archival else 'off'}; wall clock {app_wall:.2f} s)"
    )
    print(f"bare  one WeasyPrint pass  {bare_seconds:7.2f} s  {rate(bare_seconds):7.1f} certs/s")
    print(
        f"each  one document each    {each_seconds:7.2f} s  {rate(each_seconds):7.1f} certs/s"
        f"  (measured on {len(sample)}, scaled)"
    )
    print(f"pdf/a bare pass, PDF/A-3u  {pdfa_seconds:7.2f} s  {rate(pdfa_seconds):7.1f} certs/s")
    print(f"ratio app / bare   {bare_seconds / app_seconds:5.2f}  (target >= 0.70)")
    print(f"ratio app / each   {each_seconds / app_seconds:5.2f}  (times faster than one by one)")
    print(f"PDF/A cost, bare   {(pdfa_seconds / bare_seconds - 1) * 100:+5.1f} %  (limit +20 %)")
    print(
        f"PDF/A cost, app    {(pdfa_app / plain_app - 1) * 100:+5.1f} %  (split parts kept PDF/A)"
    )
    print(f"stored: {Certificate.objects.count()} rows")
    sizes = [c.file.size for c in issued[:20]]
    print(f"file size: {sum(sizes) / len(sizes) / 1024:.0f} KiB per certificate")


if __name__ == "__main__":
    main()
