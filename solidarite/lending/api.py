"""API of the library of things: items and their availability for anyone, loans for their borrower and
for the managers of the item's lender. Every write goes through ``services`` like the pages."""

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from solidarite.api import BoundedDateField, ModelSerializer, check_day
from solidarite.converters import Router
from solidarite.lending import services
from solidarite.lending.models import Condition, Item, Loan
from solidarite.lending.workflow import LOAN

MAX_DAYS = 120


class ItemSerializer(ModelSerializer):
    lender = serializers.CharField(source="lender.name")
    lender_kind = serializers.CharField(source="lender.kind")
    quartier = serializers.SerializerMethodField()
    pickup_point = serializers.CharField(source="where")
    pickup_hours = serializers.CharField(source="lender.pickup_hours")
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Item
        fields = [
            "slug",
            "name",
            "category",
            "description",
            "guide",
            "condition",
            "deposit",
            "weight_kg",
            "max_days",
            "lender",
            "lender_kind",
            "pickup_point",
            "pickup_hours",
            "quartier",
            "photos",
        ]

    def get_quartier(self, item) -> str:
        return item.lender.quartier.name if item.lender.quartier_id else ""

    def get_photos(self, item) -> list[dict]:
        return [{"url": p.get_absolute_url(), "alt": p.alt_text} for p in item.photos.all()]


class TakenDaysSerializer(serializers.Serializer):
    first_day = serializers.DateField(read_only=True)
    last_day = serializers.DateField(read_only=True)
    status = serializers.CharField()


class ItemAvailabilitySerializer(serializers.Serializer):
    item = serializers.CharField()
    first_day = serializers.DateField(read_only=True)
    days = serializers.IntegerField()
    taken = TakenDaysSerializer(many=True)


class LoanSerializer(ModelSerializer):
    item = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    first_day = serializers.DateField(read_only=True)
    last_day = serializers.DateField(read_only=True)
    mine = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()

    class Meta:
        model = Loan
        fields = ["id", "item", "first_day", "last_day", "start", "end", "status", "weight_kg", "mine", "transitions"]

    def get_mine(self, loan) -> bool:
        return loan.borrower_id == self.context["request"].user.pk

    def get_transitions(self, loan) -> list[str]:
        return LOAN.names(loan, self.context["request"].user)


class LoanBookingSerializer(serializers.Serializer):
    item = serializers.SlugField()
    first_day = BoundedDateField(help_text="Pickup day (Europe/Paris).")
    last_day = BoundedDateField(help_text="Return day, included.")


class LoanCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class HandoverSerializer(serializers.Serializer):
    condition = serializers.ChoiceField(choices=Condition.choices)
    weight_kg = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("1000")
    )
    deposit = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ItemSerializer
    lookup_field = "slug"
    permission_classes = [permissions.AllowAny]
    queryset = Item.objects.lendable().select_related("lender__quartier").prefetch_related("photos").order_by("pk")

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day (Europe/Paris); today by default."),
            OpenApiParameter("days", OpenApiTypes.INT, description="How many days (1 to 120, default 60)."),
        ],
        responses=ItemAvailabilitySerializer,
    )
    @action(detail=True)
    def availability(self, request, slug=None):
        item = self.get_object()
        try:
            first = dt.date.fromisoformat(request.query_params.get("from") or services.today().isoformat())
            check_day(first)
        except ValueError:
            raise exceptions.ValidationError({"from": ["Date attendue au format AAAA-MM-JJ."]}) from None
        except exceptions.ValidationError as error:
            raise exceptions.ValidationError({"from": error.detail}) from None
        try:
            days = int(request.query_params.get("days") or 60)
        except ValueError:
            days = 0
        if not 1 <= days <= MAX_DAYS:
            raise exceptions.ValidationError({"days": [f"Entre 1 et {MAX_DAYS} jours."]})
        taken = [
            {"first_day": loan.first_day, "last_day": loan.last_day, "status": loan.status}
            for loan in services.taken_periods(item, first, days)
        ]
        data = {"item": item.slug, "first_day": first, "days": days, "taken": taken}
        return Response(ItemAvailabilitySerializer(data).data)


class LoanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The person's own loans and the loans of the items they manage."""

    serializer_class = LoanSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        user = self.request.user
        managed = Loan.objects.managed_by(user).values("pk")
        return (
            Loan.objects.filter(Q(borrower=user) | Q(pk__in=managed))
            .select_related("item__lender")
            .order_by("-start", "pk")
        )

    @extend_schema(request=LoanBookingSerializer, responses={201: LoanSerializer})
    def create(self, request):
        payload = LoanBookingSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        item = get_object_or_404(Item.objects.lendable().select_related("lender"), slug=data["item"])
        loan = services.book_days(
            item=item, borrower=request.user, first_day=data["first_day"], last_day=data["last_day"]
        )
        return Response(self.get_serializer(loan).data, status=201)

    @extend_schema(request=LoanCancelSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        payload = LoanCancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        loan = services.cancel(loan=self.get_object(), by=request.user, reason=payload.validated_data["reason"])
        return Response(self.get_serializer(loan).data)

    @extend_schema(request=HandoverSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], url_path="hand-over")
    def hand_over(self, request, pk=None):
        return self._record("hand_over", services.hand_over)

    @extend_schema(request=HandoverSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], url_path="take-back")
    def take_back(self, request, pk=None):
        return self._record("take_back", services.take_back)

    def _record(self, name, step):
        loan = self.get_object()
        LOAN.require(loan, name, self.request.user)  # the borrower learns it is not theirs to record (403)
        payload = HandoverSerializer(data=self.request.data)
        payload.is_valid(raise_exception=True)
        step(loan=loan, by=self.request.user, **payload.validated_data)
        loan.refresh_from_db()
        return Response(self.get_serializer(loan).data)


router = Router()
router.register("items", ItemViewSet, basename="lending-item")
router.register("loans", LoanViewSet, basename="lending-loan")
urlpatterns = router.urls
