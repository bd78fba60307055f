"""Pustaka Serawai: the reads of the library of held events, and its full-text search.

The library holds every held event of the person's province and the events other provinces'
CAN shared with all provinces. It is the one place that reads another province's events, so it
reads them deliberately (scopes disabled) and narrowly: only held (or closed) events that are
shared, with their theme, presenters, finalised minutes, materials and photos, never their
attendance or anything of an event that did not take place.
"""

from django.db import connection
from django.db.models import OuterRef, Prefetch, Q, Subquery, TextField, Value
from django.db.models.functions import Cast, Concat
from django_scopes import scopes_disabled

from ..models import CommitteeMember, Event, Material, Minutes, Photo

# An event that was not held (planned, ready, or one that will never take place) is not in the
# library: nothing of it appears, whatever was uploaded for it beforehand.
HELD = (Event.Status.HELD, Event.Status.CLOSED)
MAX_WORDS = 10
# Typed as text, like the columns it joins: a CharField value between TextFields fails to
# resolve once the expression is copied into a subquery.
SPACE = Value(" ", output_field=TextField())


def _in_library(province_id) -> Q:
    mine = Q(cycle__province_id=province_id) if province_id else Q(pk__in=[])
    return Q(status__in=HELD) & (mine | Q(shared=True))


def library_events(province_id):
    """Held events of the province plus held events shared by any province, with what a
    library row shows, in a constant number of queries whatever their number."""
    with scopes_disabled():
        speakers = CommitteeMember.objects.filter(role=CommitteeMember.Role.SPEAKER)
        return (
            Event.objects.filter(_in_library(province_id))
            .select_related("cycle__province", "host_office", "minutes", "selected_theme__proposal")
            .prefetch_related(
                Prefetch("materials", queryset=Material.objects.defer("text")),
                Prefetch(
                    "committee",
                    queryset=speakers.select_related("employee"),
                    to_attr="speakers",
                ),
                Prefetch("photos", queryset=Photo.objects.all(), to_attr="photo_list"),
            )
            .order_by("-date", "-pk")
        )


def library_event(province_id, pk) -> Event | None:
    """One event of the library (for its files), or None when it is not in the library."""
    with scopes_disabled():
        return (
            Event.objects.filter(_in_library(province_id), pk=pk)
            .select_related("cycle__province")
            .first()
        )


def library_material(event, material_pk) -> Material | None:
    with scopes_disabled():
        return Material.objects.filter(event=event, pk=material_pk).first()


def library_photo(event, photo_pk) -> Photo | None:
    return Photo.objects.filter(event=event, pk=photo_pk).first()


def library_choices(province_id) -> tuple[list[int], list[tuple[int, str]]]:
    """The years and the host offices of the library's events (the filter's choices), newest
    year and lowest office code first, read in one query."""
    with scopes_disabled():
        rows = set(
            Event.objects.filter(_in_library(province_id)).values_list(
                "cycle__year", "host_office_id", "host_office__code", "host_office__short_name"
            )
        )
    years = sorted({year for year, *_office in rows}, reverse=True)
    offices = sorted({(code, pk, f"{code} {name}") for _year, pk, code, name in rows})
    return years, [(pk, label) for _code, pk, label in offices]


def search(queryset, text: str):
    """Events whose title, theme abstract, finalised minutes or slides hold every word of `text`."""
    words = text.split()[:MAX_WORDS]
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        return _full_text(queryset, " ".join(words))
    return _every_word(queryset, words)


def _full_text(queryset, text: str):
    """PostgreSQL full-text search with the 'simple' configuration.

    PostgreSQL ships no Indonesian snowball stemmer. Indonesian inflects little: words change by
    affixes (me-, di-, -kan, -an) that an English or other stemmer would mangle rather than
    strip, so 'simple' (lower-cased whole words, no stop words dropped) finds what a person
    types and never merges unrelated words. Every word must occur somewhere in the event
    (title, abstract, finalised minutes, slides); the rank orders the matches.
    """
    from django.contrib.postgres.aggregates import StringAgg
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    with scopes_disabled():
        slides = (
            Material.objects.filter(event=OuterRef("pk"))
            .values("event")
            .annotate(
                all_text=StringAgg(
                    Concat("title", SPACE, "text", output_field=TextField()), delimiter=" "
                )
            )
            .values("all_text")
        )
        minutes = Minutes.objects.filter(event=OuterRef("pk"), finalised_at__isnull=False).annotate(
            all_text=Concat("summary", SPACE, "questions_answers", SPACE, "follow_ups")
        )
    vector = SearchVector(
        "title",
        "selected_theme__proposal__title",
        "selected_theme__proposal__abstract",
        Cast(Subquery(minutes.values("all_text")[:1]), TextField()),
        Cast(Subquery(slides[:1]), TextField()),
        config="simple",
    )
    query = SearchQuery(text, config="simple", search_type="plain")
    return (
        queryset.annotate(search=vector)
        .filter(search=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-date", "-pk")
    )


def _every_word(queryset, words):
    """Elsewhere (SQLite): each word must occur, as part of a word, in one of the texts."""
    with scopes_disabled():
        for word in words:
            minutes = Minutes.objects.filter(finalised_at__isnull=False).filter(
                Q(summary__icontains=word)
                | Q(questions_answers__icontains=word)
                | Q(follow_ups__icontains=word)
            )
            slides = Material.objects.filter(Q(text__icontains=word) | Q(title__icontains=word))
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(selected_theme__proposal__title__icontains=word)
                | Q(selected_theme__proposal__abstract__icontains=word)
                | Q(pk__in=minutes.values("event_id"))
                | Q(pk__in=slides.values("event_id"))
            )
    return queryset
