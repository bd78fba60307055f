"""Admin pages of cycles, their steps 1-5 and the office calendar."""

from django.contrib import admin
from django.db import transaction

from .models import CalendarDay, Cycle, CycleStep
from .services import cycle as cycle_services


class CycleStepInline(admin.TabularInline):
    model = CycleStep
    extra = 0
    fields = [
        "number",
        "planned_start",
        "due",
        "started_at",
        "completed_at",
        "completed_by",
        "output_note",
        "output_url",
    ]
    readonly_fields = ["number"]
    ordering = ["number"]
    can_delete = False
    max_num = 5


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "province", "year", "start_date", "created_by", "created_at"]
    list_filter = ["year", "province"]
    list_select_related = ["province", "created_by"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [CycleStepInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CycleStep)
class CycleStepAdmin(admin.ModelAdmin):
    list_display = ["cycle", "number", "planned_start", "due", "completed_at", "completed_by"]
    list_filter = ["cycle__year", "number"]
    list_select_related = ["cycle__province", "completed_by"]
    raw_id_fields = ["completed_by"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "province", "kind", "reason", "created_by", "created_at"]
    list_filter = ["kind", "province"]
    date_hierarchy = "date"
    search_fields = ["reason"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        """Every due date follows the calendar: re-plan the open steps of the year(s) touched."""
        if not change:
            obj.created_by = request.user
        old = CalendarDay.objects.filter(pk=obj.pk).values_list("date", "province_id").first()
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            touched = {(obj.date.year, obj.province_id)}
            if old:
                touched.add((old[0].year, old[1]))
            for year, province_id in touched:
                cycle_services.follow_calendar(year, province_id)

    def delete_model(self, request, obj):
        cycle_services.remove_calendar_day(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            cycle_services.remove_calendar_day(obj, by=request.user)
