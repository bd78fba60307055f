from django.urls import path

from . import views

app_name = "organization"

urlpatterns = [
    path("employees/import/", views.employee_import, name="employee_import"),
    path("employees/import/<int:pk>/", views.employee_import_job, name="employee_import_job"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/end/", views.role_end, name="role_end"),
    path(
        "employees/import/template.xlsx",
        views.employee_import_template,
        name="employee_import_template",
    ),
]
