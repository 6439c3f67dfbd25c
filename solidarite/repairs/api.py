"""API of the repair cafés (``/api/v1/repairs/…``): sessions, records, pre-registrations, steps.

The same services as the pages. Records are read by the session's volunteers only; no owner is ever
shown (the ORDS fields and the outcome are what a volunteer needs).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from associations.directory.models import Action
from solidarite.repairs import ords, services
from solidarite.repairs.models import RepairRecord
from solidarite.repairs.roles import require_volunteer
from solidarite.repairs.workflow import RECORD

# The record's steps, as the API names them (its schema enum: settings.SPECTACULAR_SETTINGS).
RECORD_STEPS = [(step.name, step.name) for step in RECORD]


def _session(pk, day):
    action = get_object_or_404(Action.objects.public().select_related("association", "quartier"), pk=pk)
    try:
        return services.session(action, dt.date.fromisoformat(day))
    except (ValueError, ValidationError):
        raise Http404 from None


class RepairSessionSerializer(serializers.Serializer):
    action = serializers.IntegerField(source="action.pk", read_only=True)
    title = serializers.CharField(source="action.title", read_only=True)
    association = serializers.CharField(source="action.association.name", read_only=True)
    day = serializers.DateField(read_only=True)
    start = serializers.DateTimeField(read_only=True)
    end = serializers.DateTimeField(read_only=True)
    place = serializers.CharField(source="action.place_name", read_only=True)
    address = serializers.CharField(source="action.address", read_only=True)


class SessionsView(APIView):
    """Upcoming repair café sessions (public)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=RepairSessionSerializer(many=True), operation_id="repairs_sessions")
    def get(self, request):
        return Response(RepairSessionSerializer(services.upcoming_sessions(), many=True).data)


class RepairRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    event_date = serializers.DateField(read_only=True)
    status = serializers.CharField(read_only=True)
    product_category = serializers.IntegerField(read_only=True)
    brand = serializers.CharField(read_only=True)
    product_age = serializers.DecimalField(max_digits=4, decimal_places=1, read_only=True, allow_null=True)
    problem = serializers.CharField(read_only=True)
    weight_kg = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True, allow_null=True)
    repair_status = serializers.IntegerField(read_only=True)
    repair_barrier = serializers.IntegerField(read_only=True, allow_null=True)
    repairers = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()

    def get_repairers(self, record) -> list[int]:
        return [credit.repairer_id for credit in record.credits.all()]

    def get_transitions(self, record) -> list[str]:
        return RECORD.names(record, self.context["request"].user)


class RecordInput(serializers.Serializer):
    product_category = serializers.ChoiceField(choices=list(ords.CATEGORY_TEXT))
    brand = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    product_age = serializers.DecimalField(max_digits=4, decimal_places=1, required=False, allow_null=True)
    problem = serializers.CharField(max_length=500)
    weight_kg = serializers.DecimalField(max_digits=6, decimal_places=2)


class RecordsView(APIView):
    """The objects of one session: read and recorded by its volunteers."""

    @extend_schema(responses=RepairRecordSerializer(many=True), operation_id="repairs_records")
    def get(self, request, pk, day):
        found = _session(pk, day)
        require_volunteer(request.user, found.action)
        rows = RepairRecord.objects.of_session(found.action, found.day).prefetch_related("credits")
        return Response(RepairRecordSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(request=RecordInput, responses={201: RepairRecordSerializer}, operation_id="repairs_record")
    def post(self, request, pk, day):
        found = _session(pk, day)
        require_volunteer(request.user, found.action)
        data = _valid(RecordInput, request)
        row = services.record(found.action, found.day, by=request.user, **data)
        return Response(RepairRecordSerializer(row, context={"request": request}).data, status=status.HTTP_201_CREATED)


class PreregisterInput(serializers.Serializer):
    product_category = serializers.ChoiceField(choices=list(ords.CATEGORY_TEXT))
    brand = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    problem = serializers.CharField(max_length=500)


class PreregistrationsView(APIView):
    """A signed-in resident announces an object before the session."""

    @extend_schema(
        request=PreregisterInput, responses={201: RepairRecordSerializer}, operation_id="repairs_preregister"
    )
    def post(self, request, pk, day):
        found = _session(pk, day)
        data = _valid(PreregisterInput, request)
        row = services.preregister(found.action, found.day, by=request.user, **data)
        return Response(RepairRecordSerializer(row, context={"request": request}).data, status=status.HTTP_201_CREATED)


class StepInput(serializers.Serializer):
    step = serializers.ChoiceField(choices=RECORD_STEPS)
    weight_kg = serializers.DecimalField(max_digits=6, decimal_places=2, required=False)
    product_age = serializers.DecimalField(max_digits=4, decimal_places=1, required=False, allow_null=True)
    repair_status = serializers.IntegerField(required=False)
    repair_barrier = serializers.IntegerField(required=False, allow_null=True)
    repairers = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=20)


class RecordStepView(APIView):
    """A step of a record: ``arrive`` (weighed in), ``outcome`` (a volunteer), ``withdraw`` (owner or volunteer)."""

    @extend_schema(request=StepInput, responses=RepairRecordSerializer, operation_id="repairs_record_step")
    def post(self, request, pk):
        record = get_object_or_404(RepairRecord.objects.select_related("action"), pk=pk)
        data = _valid(StepInput, request)
        RECORD.require(record, data["step"], request.user)
        if data["step"] == "arrive":
            fields = {k: data[k] for k in ("weight_kg", "product_age") if k in data}
            record = services.arrive(record, by=request.user, **fields)
        elif data["step"] == "outcome":
            record = services.set_outcome(
                record,
                by=request.user,
                repair_status=data.get("repair_status"),
                repair_barrier=data.get("repair_barrier"),
                repairers=data.get("repairers", []),
            )
        else:
            record = services.withdraw(record, by=request.user)
        return Response(RepairRecordSerializer(record, context={"request": request}).data)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


urlpatterns = [
    path("sessions/", SessionsView.as_view(), name="repairs-sessions"),
    path("sessions/<id:pk>/<str:day>/records/", RecordsView.as_view(), name="repairs-records"),
    path(
        "sessions/<id:pk>/<str:day>/preregistrations/",
        PreregistrationsView.as_view(),
        name="repairs-preregistrations",
    ),
    path("records/<id:pk>/step/", RecordStepView.as_view(), name="repairs-record-step"),
]
