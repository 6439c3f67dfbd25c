"""API for rooms: availability for anyone, bookings for their holders, decisions for staff.

Every write goes through ``services`` like the pages; a refused rule is a 400 with French messages.
"""

import datetime as dt

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from associations.directory.models import Association
from associations.rooms import decisions, rules, services
from associations.rooms.models import PARIS, Booking, BookingSeries, Room
from solidarite.accounts.roles import is_city_staff
from solidarite.api import FIRST_INSTANT_DAY, BoundedDateField, BoundedDateTimeField, ModelSerializer, check_day
from solidarite.converters import Router

MAX_DAYS = 31


class RoomSerializer(ModelSerializer):
    equipment = serializers.SerializerMethodField()
    quartier = serializers.StringRelatedField()

    class Meta:
        model = Room
        fields = [
            "slug",
            "name",
            "description",
            "address",
            "latitude",
            "longitude",
            "quartier",
            "capacity",
            "equipment",
            "step_free",
            "hearing_loop",
            "accessible_toilets",
            "accessibility_note",
            "opening_hours",
            "open_on_public_holidays",
            "min_notice_hours",
            "max_duration_hours",
            "cancel_notice_hours",
            "needs_approval",
            "open_to",
        ]

    def get_equipment(self, room) -> list[str]:
        return sorted(tag.name for tag in room.equipment.all())


class IntervalSerializer(serializers.Serializer):
    start = BoundedDateTimeField()
    end = BoundedDateTimeField()


class TakenSerializer(IntervalSerializer):
    holder = serializers.CharField(help_text="The association's name if it chose to be public, else empty.")
    status = serializers.CharField()


class AvailabilitySerializer(serializers.Serializer):
    room = serializers.CharField()
    start = BoundedDateTimeField()
    end = BoundedDateTimeField()
    open = IntervalSerializer(many=True)
    taken = TakenSerializer(many=True)


class BookingSerializer(ModelSerializer):
    room = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    association = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    association_name = serializers.SerializerMethodField()
    series = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    frequency = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id",
            "room",
            "association",
            "association_name",
            "title",
            "start",
            "end",
            "status",
            "is_public",
            "series",
            "frequency",
            "support_note",
            "created_at",
        ]

    def get_association_name(self, booking) -> str:
        return booking.association.name if booking.association_id else ""

    def get_frequency(self, booking) -> str:
        return booking.series.frequency if booking.series_id else ""


class BookingRequestSerializer(serializers.Serializer):
    room = serializers.SlugField()
    association = serializers.IntegerField(required=False, allow_null=True, help_text="Omit to book as a neighbour.")
    start = BoundedDateTimeField(help_text="Without an offset, read as Europe/Paris wall clock.")
    end = BoundedDateTimeField()
    title = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    is_public = serializers.BooleanField(required=False, default=True)
    frequency = serializers.ChoiceField(choices=BookingSeries.Frequency.choices, required=False, allow_blank=True)
    until = BoundedDateField(required=False, allow_null=True)
    skip_unavailable = serializers.BooleanField(required=False, default=False)


class CancelSerializer(serializers.Serializer):
    rest_of_series = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class DecisionSerializer(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class RoomViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RoomSerializer
    lookup_field = "slug"
    permission_classes = [permissions.AllowAny]
    queryset = Room.objects.open().select_related("quartier").prefetch_related("equipment")

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day (Europe/Paris); today by default."),
            OpenApiParameter("days", OpenApiTypes.INT, description="How many days (1 to 31, default 7)."),
        ],
        responses=AvailabilitySerializer,
    )
    @action(detail=True)
    def availability(self, request, slug=None):
        room = self.get_object()
        try:
            first = dt.date.fromisoformat(request.query_params.get("from") or timezone.localdate().isoformat())
        except ValueError:
            raise exceptions.ValidationError({"from": [_("Date attendue au format AAAA-MM-JJ.")]}) from None
        try:
            # The days become instants in the town's zone: the bounds of instants (solidarite.api).
            check_day(first, FIRST_INSTANT_DAY)
        except exceptions.ValidationError as error:
            raise exceptions.ValidationError({"from": error.detail}) from None
        try:
            days = int(request.query_params.get("days") or 7)
        except ValueError:
            days = 0
        if not 1 <= days <= MAX_DAYS:
            raise exceptions.ValidationError({"days": [_("Entre 1 et %(max)s jours.") % {"max": MAX_DAYS}]})
        start_naive = dt.datetime.combine(first, dt.time())
        end_naive = start_naive + dt.timedelta(days=days)
        start, end = start_naive.replace(tzinfo=PARIS), end_naive.replace(tzinfo=PARIS)
        taken = (
            Booking.objects.active()
            .filter(room=room)
            .between(start, end)
            .select_related("association")
            .order_by("start")
        )
        data = {
            "room": room.slug,
            "start": start,
            "end": end,
            "open": [
                {"start": a.replace(tzinfo=PARIS), "end": b.replace(tzinfo=PARIS)}
                for a, b in rules.open_intervals(room, start_naive, end_naive)
            ],
            "taken": [{"start": b.start, "end": b.end, "holder": b.public_holder, "status": b.status} for b in taken],
        }
        return Response(AvailabilitySerializer(data).data)


# The bookings a write made or changed (a series gives several): a plain list, not a page. A raw
# schema, as drf-spectacular describes any list a paginated view returns as a page.
BOOKINGS = {"type": "array", "items": {"$ref": "#/components/schemas/Booking"}}


class BookingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = BookingSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        qs = Booking.objects.select_related("room", "association", "series").order_by("start")
        if is_city_staff(user):
            # Staff see what waits for them, besides their own associations' bookings.
            mine = Booking.objects.of_person(user).values("pk")
            return qs.filter(Q(pk__in=mine) | Q(status=Booking.Status.REQUESTED))
        return qs.filter(pk__in=Booking.objects.of_person(user).values("pk"))

    @extend_schema(
        request=BookingRequestSerializer,
        responses={201: BOOKINGS},
        description="Book one slot, or a series when `frequency` and `until` are given. Returns the bookings made.",
    )
    def create(self, request):
        payload = BookingRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        room = get_object_or_404(Room.objects.open(), slug=data["room"])
        holder = {"neighbour": request.user}
        if data.get("association"):
            association = Association.objects.filter(pk=data["association"]).first()
            if association is None:
                raise exceptions.ValidationError({"association": ["Association introuvable."]})
            holder = {"association": association}
        common = {
            "room": room,
            "by": request.user,
            "start": data["start"],
            "end": data["end"],
            "title": data["title"],
            "is_public": data["is_public"],
            **holder,
        }
        try:
            if data.get("frequency"):
                series = services.book_series(
                    **common,
                    frequency=data["frequency"],
                    until=data.get("until"),
                    skip_unavailable=data["skip_unavailable"],
                )
                bookings = list(series.occurrences.select_related("room", "association", "series"))
            else:
                bookings = [services.book(**common)]
        except services.SeriesConflict as error:
            raise exceptions.ValidationError(
                {"detail": error.messages, "unavailable_dates": [day.isoformat() for day in error.dates]}
            ) from None
        return Response(BookingSerializer(bookings, many=True).data, status=201)

    @extend_schema(request=CancelSerializer, responses={200: BOOKINGS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        booking = self.get_object()
        payload = CancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        cancelled = decisions.cancel(booking=booking, by=request.user, **payload.validated_data)
        return Response(BookingSerializer(cancelled, many=True).data)

    @extend_schema(request=DecisionSerializer, responses={200: BOOKINGS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(decisions.approve)

    @extend_schema(request=DecisionSerializer, responses={200: BOOKINGS})
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._decide(decisions.refuse)

    def _decide(self, decision):
        booking = self.get_object()
        payload = DecisionSerializer(data=self.request.data)
        payload.is_valid(raise_exception=True)
        decided = decision(booking=booking, by=self.request.user, message=payload.validated_data["message"])
        return Response(BookingSerializer(decided, many=True).data)


router = Router()
router.register("bookings", BookingViewSet, basename="room-booking")
router.register("", RoomViewSet, basename="room")
urlpatterns = router.urls
