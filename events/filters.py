"""Query parameters of the API's listings, one FilterSet per resource."""

import datetime
import re
from functools import reduce
from operator import or_

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from drf_spectacular.drainage import set_override

from events import edtf, search
from events.models import (
    Actor,
    Citation,
    Event,
    EventActor,
    EventType,
    Passage,
    Precision,
    Source,
    Tombstone,
)

EVENT_ORDERINGS = {
    "date": ("start_date", "end_date", "id"),
    "-date": ("-start_date", "end_date", "-id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "updated": ("updated", "id"),
    "-updated": ("-updated", "-id"),
}
# Orderings an actor's links can page through (each event's id is the link's event_id).
LINK_ORDERINGS = {
    "date": ("start_date", "end_date", "event_id"),
    "-date": ("-start_date", "end_date", "-event_id"),
}
# The filters an actor's links answer by themselves, carrying each event's status and span.
LINK_FILTERS = {
    "actor",
    "actor_match",
    "date_after",
    "date_before",
    "date_match",
    "status",
    "ordering",
}
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_TERM = 200


class PartialDateField(forms.CharField):
    """A year, month or day (``2024``, ``2024-09``, ``2024-09-15``) as the span it names."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        if not PARTIAL_DATE.fullmatch(value):
            # Values go in as params: django-filter %-formats each message with them.
            raise forms.ValidationError(
                "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD, not %(value)s.",
                params={"value": repr(value[:40])},
            )
        try:
            return edtf.parse(value)
        except edtf.EDTFError as error:
            raise forms.ValidationError(
                "Not a date: %(error)s.", params={"error": str(error)}
            ) from error


def documented(filter_, schema: dict):
    """Give a filter of our own its OpenAPI schema, keeping its help text as the description."""
    set_override(filter_, "field", {**schema, "description": filter_.extra.get("help_text", "")})


class PartialDateFilter(filters.Filter):
    field_class = PartialDateField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        documented(self, {"type": "string", "pattern": f"^{PARTIAL_DATE.pattern}$"})


class MomentField(forms.DateTimeField):
    """An ISO 8601 time, refused when it cannot be turned into UTC (near year 1 or 9999)."""

    def to_python(self, value):
        moment = super().to_python(value)
        try:
            return moment and moment.astimezone(datetime.UTC)
        except OverflowError as error:
            raise forms.ValidationError(
                "%(value)s is outside the calendar.", params={"value": repr(value[:40])}
            ) from error


class MomentFilter(filters.IsoDateTimeFilter):
    field_class = MomentField


class TermsField(forms.MultipleChoiceField):
    """Any number of free-text values, from repeated parameters (``?actor=a&actor=b``)."""

    def valid_value(self, value) -> bool:
        return len(value) <= MAX_TERM

    def to_python(self, value):
        return [term.strip() for term in super().to_python(value) if term.strip()]

    def validate(self, value):
        for term in value:
            if not self.valid_value(term):
                raise forms.ValidationError(f"Each value is at most {MAX_TERM} characters.")


class TermsFilter(filters.MultipleChoiceFilter):
    field_class = TermsField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=[], **kwargs)
        documented(self, {"type": "string", "maxLength": MAX_TERM})


class ShallowCopies(dict):
    """A FilterSet's filters, copied for each request one level deep: django-filter
    deep-copies them (querysets and all), most of a request's time in filtering."""

    def __deepcopy__(self, memo):
        return {name: self.copy(filter_) for name, filter_ in self.items()}

    @staticmethod
    def copy(filter_: filters.Filter) -> filters.Filter:
        copied = shallow_copy(filter_)
        if filter_.method is not None:
            copied.method = filter_.method  # binds the copy's own FilterMethod to the copy
        return copied


class FilterSet(filters.FilterSet):
    """django-filter's FilterSet, with what it rebuilds on every request built once per
    class: the copy of the filters is shallow (each request sets its own ``parent`` and
    ``model`` on its copies, and nothing else in a filter changes), and the form class
    is made once (each form deep-copies its fields anyway)."""

    def __init__(self, *args, **kwargs):
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_filters"), ShallowCopies):
            cls.base_filters = ShallowCopies(cls.base_filters)
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        cls = type(self)
        if "form_class" not in cls.__dict__:
            cls.form_class = super().get_form_class()
            cls.form_class.base_fields = ShallowFields(cls.form_class.base_fields)
        return cls.form_class

    def is_valid_given(self) -> bool:
        """``is_valid``, cleaning only the parameters the request gives: an absent one
        filters nothing, and cleaning every field of a wide form is most of validating it.
        The form then holds only those fields, so it is not one to show."""
        form = self.form
        form.fields = {
            name: field
            for name, field in form.fields.items()
            # A MultiWidget reads parameters of other names (name_min, name_max).
            if form.add_prefix(name) in form.data or isinstance(field.widget, forms.MultiWidget)
        }
        return self.is_valid()


class ShallowFields(dict):
    """A filter form's fields, copied for each form one level deep: Django deep-copies
    every field's widget, choices and messages, which a filter form never changes."""

    def __deepcopy__(self, memo):
        return {name: shallow_copy(field) for name, field in self.items()}


def shallow_copy(obj):
    """``copy.copy`` for an object of plain attributes, without the pickling protocol that
    makes it several times slower (filters and form fields define no ``__copy__``)."""
    copied = object.__new__(type(obj))
    copied.__dict__.update(obj.__dict__)
    return copied


class RecordsFilter(filters.ModelMultipleChoiceFilter):
    """Records named by a text field (``to_field_name``), any number of them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        documented(self, {"type": "string"})

    def filter(self, qs, value):
        # Nothing chosen is an empty queryset, which django-filter would test for truth by
        # compiling it, on every request.
        if isinstance(value, QuerySet) and value.query.is_empty():
            return qs
        return super().filter(qs, value)


def combined(queryset, name, value):
    """Filters applied together in EventFilter.filter_queryset, since they depend on each other."""
    return queryset


class EventFilterForm(forms.Form):
    window = ("date_after", "date_before")  # the parameters of the date window

    def clean(self):
        data = super().clean()
        after_name, before_name = self.window
        after, before = data.get(after_name), data.get(before_name)
        if after and before and after.start > before.end:
            self.add_error(
                before_name, f"{before.text} is earlier than {after_name} ({after.text})."
            )
        return data


class PassageFilterForm(EventFilterForm):
    window = ("mentions_date_after", "mentions_date_before")


class EventFilter(FilterSet):
    date_after = PartialDateFilter(
        method=combined,
        help_text=(
            "Keep events on or after this year, month or day (2024, 2024-09, 2024-09-15): "
            "by default those whose span reaches it; see date_match."
        ),
    )
    date_before = PartialDateFilter(
        method=combined,
        help_text=(
            "Keep events on or before this year, month or day, through its last day: "
            "2024-10 includes 31 October."
        ),
    )
    date_match = filters.ChoiceFilter(
        method=combined,
        choices=[
            ("overlap", "overlap: the event's span meets the window (default)"),
            ("within", "within: the event's whole span lies inside the window"),
        ],
        help_text="How an event's span [start_date, end_date] must meet the date window.",
    )
    actor = TermsFilter(
        method=combined,
        help_text=(
            "An actor's slug, id, name or any alias, ignoring case (`daesh` finds ISIS). "
            "Repeat for several; an unknown name matches nothing."
        ),
    )
    actor_match = filters.ChoiceFilter(
        method=combined,
        choices=[("any", "any: events of any of the actors (default)"), ("all", "all of them")],
        help_text="With several actors: events involving any of them, or all of them.",
    )
    event_type = RecordsFilter(
        field_name="event_type__slug",
        queryset=EventType.objects.all(),
        to_field_name="slug",
        help_text="Event type slug (see /api/event-types/); repeat for several.",
    )
    precision = filters.MultipleChoiceFilter(
        choices=Precision.choices, help_text="How precisely the date is known; repeatable."
    )
    status = filters.MultipleChoiceFilter(
        choices=Event.Status.choices,
        help_text="Review status; repeatable. Only curators see draft and reviewed events.",
    )
    source = TermsFilter(
        method="filter_source",
        help_text="Events citing this source, by id or file name; repeat for several.",
    )
    location = filters.CharFilter(
        lookup_expr="icontains", max_length=MAX_TERM, help_text="Location contains this text."
    )
    q = filters.CharFilter(
        method="filter_q",
        max_length=500,
        help_text=(
            'Full-text search of title, summary and cited passages: words, "a phrase", OR, -word.'
        ),
    )
    updated_since = MomentFilter(
        field_name="updated",
        lookup_expr="gte",
        help_text=(
            "Only events changed at or after this ISO 8601 time, for incremental sync "
            "(see /api/deletions/ for removals)."
        ),
    )
    ordering = filters.ChoiceFilter(
        method=combined,
        choices=[(name, name) for name in EVENT_ORDERINGS],
        help_text=(
            "date (default: earliest first, the more precise first on the same day), "
            "-date (latest first), title, -title, updated, -updated."
        ),
    )

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        queryset = super().filter_queryset(queryset)
        queryset = self.filter_dates(queryset, data)
        queryset = self.filter_actors(queryset, data.get("actor"), data.get("actor_match"))
        return queryset.order_by(*EVENT_ORDERINGS[data.get("ordering") or "date"])

    @staticmethod
    def filter_dates(queryset, data):
        after, before = data.get("date_after"), data.get("date_before")
        if not (after or before):
            return queryset
        start = after.start if after else edtf.OPEN_START
        end = before.end if before else edtf.OPEN_END
        if data.get("date_match") == "within":
            return queryset.within(start, end)
        return queryset.overlapping(start, end)

    @staticmethod
    def filter_actors(queryset, terms, match):
        if not terms:
            return queryset
        if match == "all":
            return queryset.involving_all([Actor.objects.matching(term) for term in terms])
        return queryset.involving(matching_any(terms))

    def actor_links(self, actor: Actor | None = None) -> list | None:
        """The actor links to page through in place of the events, when the events asked
        for are one actor's (``actor``, or the one the ``actor`` parameter names) in date
        order, narrowed only by date and status: the links carry those, so that a page is
        read from ranges of their index, one per span class (see events/link_dates.py),
        rather than from every event of the actor sorted. None when the filters ask for
        more."""
        data = self.form.cleaned_data
        if any(self.data.get(name) for name in self.filters.keys() - LINK_FILTERS):
            return None
        ordering = LINK_ORDERINGS.get(data.get("ordering") or "date")
        terms = data.get("actor")
        if ordering is None or bool(actor) == bool(terms):
            return None
        if actor is None:
            if len(terms) > 1:
                return None
            named = list(Actor.objects.matching_ids(terms[0])[:2])
            if len(named) > 1:
                return None  # several actors' links are several ranges to merge and sort
            if not named:
                return [EventActor.objects.none()]
            actor = named[0]
        links = EventActor.objects.filter(actor=actor).visible_to(self.request.user)
        if data.get("status"):
            links = links.filter(status__in=data["status"])
        links = self.filter_dates(links, data).order_by(*ordering)
        # A window's overlap bounds the links' ends, not their starts: each span class
        # bounds them (a "within" window bounds the starts already).
        after = data.get("date_after")
        meeting = after.start if after and data.get("date_match") != "within" else None
        return links.span_ranges(meeting)

    def filter_source(self, queryset, name, terms):
        sources = Source.objects.filter(reduce(or_, (Q(pk__in=identified(t)) for t in terms)))
        return queryset.citing(sources, Citation.objects.visible_to(self.request.user))

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset


def identified(term: str):
    return Source.objects.identified_by(term).values("pk")


def matching_any(terms: list[str]):
    """The actors any of ``terms`` names (by slug, id, name or alias)."""
    if len(terms) == 1:
        return Actor.objects.matching(terms[0])
    return Actor.objects.filter(
        reduce(or_, (Q(pk__in=Actor.objects.matching(term).values("pk")) for term in terms))
    )


class ActorFilter(FilterSet):
    kind = filters.MultipleChoiceFilter(choices=Actor.Kind.choices, help_text="Kind of actor.")
    q = filters.CharFilter(
        method="filter_q", max_length=MAX_TERM, help_text="Name or any alias contains this text."
    )
    updated_since = MomentFilter(
        field_name="updated", lookup_expr="gte", help_text="Only actors changed since this time."
    )

    class Meta:
        model = Actor
        fields = []

    def filter_q(self, queryset, name, value):
        aliased = Actor.objects.filter(aliases__name__icontains=value).values("pk")
        return queryset.filter(Q(name__icontains=value) | Q(pk__in=aliased))


class SourceFilter(FilterSet):
    kind = filters.MultipleChoiceFilter(choices=Source.Kind.choices, help_text="Kind of source.")
    updated_since = MomentFilter(
        field_name="updated", lookup_expr="gte", help_text="Only sources changed since this time."
    )

    class Meta:
        model = Source
        fields = []


class PassageFilter(FilterSet):
    source = TermsFilter(
        method="filter_source", help_text="Passages of this source, by id or file name."
    )
    q = filters.CharFilter(
        method="filter_q",
        max_length=500,
        help_text='Full-text search of the passage text: words, "a phrase", OR, -word.',
    )
    mentions_actor = TermsFilter(
        method="filter_mentions_actor",
        help_text=(
            "Passages naming this actor (by any of its names): its slug, id, name or any "
            "alias, ignoring case. Repeat for several: passages naming any of them."
        ),
    )
    mentions_date_after = PartialDateFilter(
        method=combined,
        help_text=(
            "Passages mentioning a specific date on or after this year, month or day "
            "(2015, 2015-09, 2015-09-30): one whose span reaches it."
        ),
    )
    mentions_date_before = PartialDateFilter(
        method=combined,
        help_text=(
            "Passages mentioning a specific date on or before this year, month or day, "
            "through its last day. With mentions_date_after, one mention must meet both."
        ),
    )

    class Meta:
        model = Passage
        fields = []
        form = PassageFilterForm

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        after = self.form.cleaned_data.get("mentions_date_after")
        before = self.form.cleaned_data.get("mentions_date_before")
        if not (after or before):
            return queryset
        start = after.start if after else edtf.OPEN_START
        return queryset.mentioning_dates(start, before.end if before else edtf.OPEN_END)

    def filter_mentions_actor(self, queryset, name, terms):
        return queryset.mentioning(matching_any(terms))

    def filter_source(self, queryset, name, terms):
        return queryset.filter(reduce(or_, (Q(source__in=identified(t)) for t in terms)))

    def filter_q(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(pk__in=search.matching_passage_ids(queryset.db, value))


class TombstoneFilter(FilterSet):
    since = MomentFilter(
        field_name="removed",
        lookup_expr="gte",
        help_text="Only removals at or after this ISO 8601 time (your last sync, less a margin).",
    )
    resource = filters.MultipleChoiceFilter(
        choices=[(name, name) for name in Tombstone.RESOURCES.values()],
        help_text="Only removals of this kind of record; repeatable.",
    )

    class Meta:
        model = Tombstone
        fields = []
