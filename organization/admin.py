"""Admin pages of offices, employees (the login accounts) and role assignments."""

import io
import warnings

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import Employee, Office, RoleAssignment
from .nip import normalize_nip
from .services import end_roles_outside_province

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 1200


def reencode_logo(upload) -> ContentFile:
    """The uploaded letterhead logo checked by its content and re-encoded as an opaque PNG
    (on white, as printed): nothing of the uploaded file but its pixels reaches a document."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Logo terlalu besar; batasnya 2 MB."))
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in {"PNG", "JPEG", "WEBP"}:
                    raise ValidationError(_("Logo harus berupa gambar PNG, JPEG atau WebP."))
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as exc:
        raise ValidationError(_("Logo harus berupa gambar PNG, JPEG atau WebP.")) from exc
    image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, "PNG", optimize=True)
    return ContentFile(out.getvalue(), name="logo.png")


class OfficeForm(forms.ModelForm):
    class Meta:
        model = Office
        fields = [
            "code",
            "name",
            "short_name",
            "level",
            "parent",
            "city",
            "address",
            "phone",
            "email",
            "website",
            "logo",
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return reencode_logo(logo)
        return logo


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    form = OfficeForm
    list_display = ["code", "short_name", "level", "parent", "city"]
    list_filter = ["level"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


class NipAsWrittenMixin:
    """Accept the NIP as it is written on letters ("19860926 201505 1 001")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "nip" in self.fields:
            field = self.fields["nip"]
            field.max_length = 24
            field.widget.attrs["maxlength"] = 24
            field.validators = [
                v for v in field.validators if not isinstance(v, MaxLengthValidator)
            ]

    def clean_nip(self):
        return normalize_nip(self.cleaned_data["nip"])


class EmployeeCreationForm(NipAsWrittenMixin, BaseUserCreationForm):
    class Meta:
        model = Employee
        fields = ("nip", "full_name", "position", "office", "email")


class EmployeeChangeForm(NipAsWrittenMixin, UserChangeForm):
    class Meta:
        model = Employee
        fields = "__all__"


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "employee"
    extra = 0
    fields = ["role", "office", "year", "ended_on", "end_reason", "note"]
    autocomplete_fields = ["office"]
    ordering = ["-year", "role"]


@admin.register(Employee)
class EmployeeAdmin(UserAdmin):
    form = EmployeeChangeForm
    add_form = EmployeeCreationForm
    change_list_template = "admin/organization/employee/change_list.html"
    list_display = ["nip_display", "full_name", "position", "office", "email", "is_active"]
    list_filter = ["is_active", "is_staff", "office__level", "office"]
    list_select_related = ["office"]
    search_fields = ["nip", "full_name", "email"]
    ordering = ["full_name"]
    autocomplete_fields = ["office"]
    inlines = [RoleInline]
    fieldsets = (
        (None, {"fields": ("nip", "password")}),
        (_("Data pegawai"), {"fields": ("full_name", "position", "office", "email")}),
        (
            _("Akses"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Riwayat"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "nip",
                    "full_name",
                    "position",
                    "office",
                    "email",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    @admin.display(description=_("NIP"), ordering="nip")
    def nip_display(self, obj):
        return obj.nip_display

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "office" in form.changed_data:
            # Roles count only in their own province: a move ends those left behind.
            end_roles_outside_province(obj, by=request.user)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["employee", "role", "office", "year", "ended_on", "created_by", "created_at"]
    list_filter = ["year", "role", "office"]
    list_select_related = ["employee", "office", "created_by"]
    search_fields = ["employee__full_name", "employee__nip"]
    autocomplete_fields = ["employee", "office"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False  # roles are history: end them (ended_on), never delete them
