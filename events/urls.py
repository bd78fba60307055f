from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("event-team/riwayat/", views.team_history, name="team_history"),
    path("<int:pk>/", views.event_detail, name="detail"),
    # Pustaka Serawai: held events of the province and those shared by every province
    path("pustaka/", views.library_list, name="library"),
    path(
        "pustaka/<int:pk>/materi/<int:material_pk>/",
        views.library_material,
        name="library_material",
    ),
    path(
        "pustaka/<int:pk>/foto/<int:photo_pk>/<str:variant>.jpg",
        views.library_photo,
        name="library_photo",
    ),
    path("<int:pk>/bagikan/", views.event_share, name="share"),
    path("<int:pk>/kalender.ics", views.event_ics, name="event_ics"),
    path("kalender/", views.my_calendar, name="my_calendar"),
    path("kalender/<str:token>.ics", views.personal_feed, name="personal_feed"),
    # Step 6
    path("<int:pk>/panitia/", views.committee, name="committee"),
    path(
        "<int:pk>/panitia/<int:member_pk>/hapus/",
        views.committee_remove,
        name="committee_remove",
    ),
    path("<int:pk>/panitia/surat/", views.committee_letter, name="committee_letter"),
    path(
        "<int:pk>/panitia/surat/luar/",
        views.committee_letter_external,
        name="committee_letter_external",
    ),
    # Step 7
    path("<int:pk>/kesiapan/", views.readiness, name="readiness"),
    path("<int:pk>/kesiapan/konfirmasi/", views.readiness_confirm, name="readiness_confirm"),
    # Step 7's "materi narasumber sudah diterima": the presenter's materials
    path("<int:pk>/materi/", views.materials, name="materials"),
    path(
        "<int:pk>/materi/<int:material_pk>/ganti/",
        views.material_replace,
        name="material_replace",
    ),
    path(
        "<int:pk>/materi/<int:material_pk>/hapus/",
        views.material_delete,
        name="material_delete",
    ),
    path(
        "<int:pk>/materi/<int:material_pk>/<str:variant>/",
        views.material_file,
        name="material_file",
    ),
    # Step 8
    path("<int:pk>/event-team/", views.team, name="team"),
    path("<int:pk>/event-team/kebutuhan/", views.team_need, name="team_need"),
    path(
        "<int:pk>/event-team/kebutuhan/<int:need_pk>/hapus/",
        views.team_need_remove,
        name="team_need_remove",
    ),
    path("<int:pk>/event-team/usulkan/", views.team_propose, name="team_propose"),
    path("<int:pk>/event-team/konfirmasi/", views.team_confirm, name="team_confirm"),
    path("<int:pk>/event-team/<int:assignment_pk>/ganti/", views.team_swap, name="team_swap"),
    path("<int:pk>/event-team/berhalangan/", views.team_unavailable, name="team_unavailable"),
    # Step 9
    path("<int:pk>/undangan/", views.send_invitation, name="send_invitation"),
    path("<int:pk>/undangan/luar/", views.invitation_external, name="invitation_external"),
    path("<int:pk>/kode-presensi/", views.checkin_code, name="checkin_code"),
    path("<int:pk>/hadir/<str:token>/", views.check_in, name="checkin"),
    path("<int:pk>/daftar-hadir/", views.attendance, name="attendance"),
    path(
        "<int:pk>/daftar-hadir/<int:attendance_pk>/hapus/",
        views.attendance_remove,
        name="attendance_remove",
    ),
    path("<int:pk>/daftar-hadir.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("<int:pk>/daftar-hadir.pdf", views.attendance_pdf, name="attendance_pdf"),
    path("<int:pk>/notulensi/", views.minutes, name="minutes"),
    path("<int:pk>/notulensi/final/", views.minutes_finalise, name="minutes_finalise"),
    path("<int:pk>/foto/", views.photos, name="photos"),
    path("<int:pk>/foto/<int:photo_pk>/<str:variant>.jpg", views.photo_file, name="photo_file"),
    path("<int:pk>/foto/<int:photo_pk>/delete/", views.photo_delete, name="photo_delete"),
    path("<int:pk>/sertifikat/", views.certificates, name="certificates"),
]
