"""Admin of steps 3-5. Secrecy: the admin shows who voted (VoterRecord, the day only) and, once
mixed, ballots' choices, never both together; the sealed box is not shown at all. Ballots are
read-only and cannot be searched by a person; nothing in the admin can be sorted by time or id to
line ballots up with voters (UUID keys, rows rewritten in shuffled order at the close)."""

from django.contrib import admin

from common.admin import ReadOnlyAdmin

from .models import (
    Ballot,
    BallotChoice,
    ProposalReopening,
    ProposedSpeaker,
    SelectedTheme,
    ThemeProposal,
    TieDecision,
    Vote,
    VoterRecord,
)


class SpeakerInline(admin.TabularInline):
    model = ProposedSpeaker
    extra = 0
    raw_id_fields = ["employee"]


@admin.register(ThemeProposal)
class ThemeProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "office", "cycle", "preferred_quarter", "updated_at"]
    list_filter = ["cycle", "office"]
    search_fields = ["title"]
    inlines = [SpeakerInline]
    raw_id_fields = ["created_by", "updated_by"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "status", "electorate", "choices_per_ballot", "closes_on"]


@admin.register(VoterRecord)
class VoterRecordAdmin(ReadOnlyAdmin):
    list_display = ["voter", "office", "vote", "voted_on"]
    list_filter = ["vote", "office"]
    search_fields = ["voter__full_name", "voter__nip"]


class ChoiceInline(admin.TabularInline):
    model = BallotChoice
    fields = ["proposal"]
    readonly_fields = ["proposal"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "vote"]
    list_filter = ["vote"]
    fields = ["vote"]
    readonly_fields = ["vote"]
    inlines = [ChoiceInline]
    ordering = ["id"]  # random UUIDs: an order that says nothing about when it was cast


@admin.register(TieDecision)
class TieDecisionAdmin(ReadOnlyAdmin):
    list_display = ["vote", "decided_by", "decided_at"]


@admin.register(SelectedTheme)
class SelectedThemeAdmin(ReadOnlyAdmin):
    list_display = ["title", "host_office", "event_date", "votes", "event"]


@admin.register(ProposalReopening)
class ProposalReopeningAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "until", "reason", "created_by", "created_at"]
