from django.urls import path

from common.moved import moved

from .views import calendar, day, letters, library, materials, preparation, team

app_name = "events"

urlpatterns = [
    path("", preparation.event_list, name="list"),
    path("event-team/history/", team.team_history, name="team_history"),
    path("<int:pk>/", preparation.event_detail, name="detail"),
    # Pustaka Serawai: held events of the province and those shared by every province
    path("library/", library.library_list, name="library"),
    path(
        "library/<int:pk>/materials/<int:material_pk>/",
        library.library_material,
        name="library_material",
    ),
    path(
        "library/<int:pk>/photos/<int:photo_pk>/<str:variant>.jpg",
        library.library_photo,
        name="library_photo",
    ),
    path("<int:pk>/share/", library.event_share, name="share"),
    path("<int:pk>/calendar.ics", calendar.event_ics, name="event_ics"),
    path("calendar/", calendar.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", calendar.personal_feed, name="personal_feed"),
    # Step 6
    path("<int:pk>/committee/", preparation.committee, name="committee"),
    path(
        "<int:pk>/committee/<int:member_pk>/remove/",
        preparation.committee_remove,
        name="committee_remove",
    ),
    path("<int:pk>/committee/letter/", preparation.committee_letter, name="committee_letter"),
    path(
        "<int:pk>/committee/letter/external/",
        letters.committee_letter_external,
        name="committee_letter_external",
    ),
    # Step 7
    path("<int:pk>/readiness/", preparation.readiness, name="readiness"),
    path("<int:pk>/readiness/confirm/", preparation.readiness_confirm, name="readiness_confirm"),
    # Step 7's "materi narasumber sudah diterima": the presenter's materials
    path("<int:pk>/materials/", materials.materials, name="materials"),
    path(
        "<int:pk>/materials/<int:material_pk>/replace/",
        materials.material_replace,
        name="material_replace",
    ),
    path(
        "<int:pk>/materials/<int:material_pk>/delete/",
        materials.material_delete,
        name="material_delete",
    ),
    path(
        "<int:pk>/materials/<int:material_pk>/<str:variant>/",
        materials.material_file,
        name="material_file",
    ),
    # Step 8
    path("<int:pk>/event-team/", team.team, name="team"),
    path("<int:pk>/event-team/needs/", team.team_need, name="team_need"),
    path(
        "<int:pk>/event-team/needs/<int:need_pk>/remove/",
        team.team_need_remove,
        name="team_need_remove",
    ),
    path("<int:pk>/event-team/propose/", team.team_propose, name="team_propose"),
    path("<int:pk>/event-team/confirm/", team.team_confirm, name="team_confirm"),
    path("<int:pk>/event-team/<int:assignment_pk>/swap/", team.team_swap, name="team_swap"),
    path("<int:pk>/event-team/unavailable/", team.team_unavailable, name="team_unavailable"),
    # Step 9
    path("<int:pk>/invitation/", day.send_invitation, name="send_invitation"),
    path("<int:pk>/invitation/external/", letters.invitation_external, name="invitation_external"),
    path("<int:pk>/checkin-code/", day.checkin_code, name="checkin_code"),
    path("<int:pk>/checkin/<str:token>/", day.check_in, name="checkin"),
    path("<int:pk>/attendance/", day.attendance, name="attendance"),
    path(
        "<int:pk>/attendance/<int:attendance_pk>/remove/",
        day.attendance_remove,
        name="attendance_remove",
    ),
    path("<int:pk>/attendance.xlsx", day.attendance_xlsx, name="attendance_xlsx"),
    path("<int:pk>/attendance.pdf", day.attendance_pdf, name="attendance_pdf"),
    path("<int:pk>/minutes/", day.minutes, name="minutes"),
    path("<int:pk>/minutes/finalise/", day.minutes_finalise, name="minutes_finalise"),
    path("<int:pk>/photos/", day.photos, name="photos"),
    path("<int:pk>/photos/<int:photo_pk>/<str:variant>.jpg", day.photo_file, name="photo_file"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", day.photo_delete, name="photo_delete"),
    path("<int:pk>/certificates/", day.certificates, name="certificates"),
]

# The Indonesian paths of the first release, still printed on check-in QR codes and in sent
# e-mails and subscribed calendars. Kept for one release: remove them in the release after the
# one that introduced the English paths. serawai/urls.py includes them outside the namespace.
moved_paths = moved(
    "events",
    {
        "event-team/riwayat/": "team_history",
        "pustaka/": "library",
        "pustaka/<int:pk>/materi/<int:material_pk>/": "library_material",
        "pustaka/<int:pk>/foto/<int:photo_pk>/<str:variant>.jpg": "library_photo",
        "<int:pk>/bagikan/": "share",
        "<int:pk>/kalender.ics": "event_ics",
        "kalender/": "my_calendar",
        "kalender/<str:token>.ics": "personal_feed",
        "<int:pk>/panitia/": "committee",
        "<int:pk>/panitia/<int:member_pk>/hapus/": "committee_remove",
        "<int:pk>/panitia/surat/": "committee_letter",
        "<int:pk>/panitia/surat/luar/": "committee_letter_external",
        "<int:pk>/kesiapan/": "readiness",
        "<int:pk>/kesiapan/konfirmasi/": "readiness_confirm",
        "<int:pk>/materi/": "materials",
        "<int:pk>/materi/<int:material_pk>/ganti/": "material_replace",
        "<int:pk>/materi/<int:material_pk>/hapus/": "material_delete",
        "<int:pk>/materi/<int:material_pk>/<str:variant>/": "material_file",
        "<int:pk>/event-team/kebutuhan/": "team_need",
        "<int:pk>/event-team/kebutuhan/<int:need_pk>/hapus/": "team_need_remove",
        "<int:pk>/event-team/usulkan/": "team_propose",
        "<int:pk>/event-team/konfirmasi/": "team_confirm",
        "<int:pk>/event-team/<int:assignment_pk>/ganti/": "team_swap",
        "<int:pk>/event-team/berhalangan/": "team_unavailable",
        "<int:pk>/undangan/": "send_invitation",
        "<int:pk>/undangan/luar/": "invitation_external",
        "<int:pk>/kode-presensi/": "checkin_code",
        "<int:pk>/hadir/<str:token>/": "checkin",
        "<int:pk>/daftar-hadir/": "attendance",
        "<int:pk>/daftar-hadir/<int:attendance_pk>/hapus/": "attendance_remove",
        "<int:pk>/daftar-hadir.xlsx": "attendance_xlsx",
        "<int:pk>/daftar-hadir.pdf": "attendance_pdf",
        "<int:pk>/notulensi/": "minutes",
        "<int:pk>/notulensi/final/": "minutes_finalise",
        "<int:pk>/foto/": "photos",
        "<int:pk>/foto/<int:photo_pk>/<str:variant>.jpg": "photo_file",
        "<int:pk>/foto/<int:photo_pk>/delete/": "photo_delete",
        "<int:pk>/sertifikat/": "certificates",
    },
)
