"""API of digital equipment (``/api/v1/equipment/…``): the same services as the pages.

A request's answer names no one and gives its address only to those who see the request (the household's
side and staff), as the page does; the free handover slots come with an offered request.
"""

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from solidarite.api import BoundedDateField, BoundedDateTimeField
from solidarite.equipment import allocation, handover, loans, priority, services
from solidarite.equipment.models import Condition, Device, DeviceKind, EquipmentRequest, Public, Wanted
from solidarite.equipment.roles import require_refurbisher
from solidarite.equipment.workflow import REQUEST


class EquipmentRuleSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    public = serializers.CharField()
    text = serializers.CharField()


class RulesView(APIView):
    """The town's priority rules, in the order the allocation applies them (public)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=EquipmentRuleSerializer(many=True), operation_id="equipment_rules")
    def get(self, request):
        rows = [{"rank": i + 1, "public": code, "text": str(text)} for i, (code, text) in enumerate(priority.RULES)]
        return Response(EquipmentRuleSerializer(rows, many=True).data)


class EquipmentSlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField(read_only=True)
    end = serializers.DateTimeField(read_only=True)


class EquipmentRequestSerializer(serializers.ModelSerializer):
    device = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()
    slots = serializers.SerializerMethodField()

    class Meta:
        model = EquipmentRequest
        fields = [
            "id",
            "status",
            "public",
            "wanted",
            "quartier",
            "address",
            "created_at",
            "offer_expires_at",
            "device",
            "place",
            "start",
            "end",
            "transitions",
            "slots",
        ]
        read_only_fields = fields  # an answer: requests are written through /requests/ and /step/

    def get_device(self, obj) -> str | None:
        return str(obj.device) if obj.device_id else None

    def get_place(self, obj) -> str | None:
        return obj.device.batch.place.name if obj.device_id else None

    def get_transitions(self, obj) -> list[str]:
        return REQUEST.names(obj, self.context["request"].user)

    @extend_schema_field(EquipmentSlotSerializer(many=True))
    def get_slots(self, obj) -> list[dict]:
        if "book" not in REQUEST.names(obj, self.context["request"].user):
            return []
        return [{"start": s.start, "end": s.end} for s in handover.free_slots(obj)]


class EquipmentRequestInput(serializers.Serializer):
    public = serializers.ChoiceField(choices=Public.choices)
    wanted = serializers.ChoiceField(choices=Wanted.choices)
    address = serializers.CharField(max_length=250)
    postal_code = serializers.CharField(max_length=5)
    quartier = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62)
    mandate = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62)


def _visible(request, pk) -> EquipmentRequest:
    found = (
        EquipmentRequest.objects.visible_to(request.user)
        .select_related("device__batch__place", "mandate")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


class RequestsView(APIView):
    """GET: the requests one made or that were made for one (staff: all, newest first). POST: ask."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=EquipmentRequestSerializer(many=True), operation_id="equipment_requests")
    def get(self, request):
        rows = EquipmentRequest.objects.visible_to(request.user).select_related("device__batch__place")[:100]
        return Response(EquipmentRequestSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(
        request=EquipmentRequestInput, responses={201: EquipmentRequestSerializer}, operation_id="equipment_ask"
    )
    def post(self, request):
        data = _valid(EquipmentRequestInput, request)
        made = services.ask(by=request.user, **data)
        return Response(
            EquipmentRequestSerializer(made, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class RequestView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=EquipmentRequestSerializer, operation_id="equipment_request")
    def get(self, request, pk):
        return Response(EquipmentRequestSerializer(_visible(request, pk), context={"request": request}).data)


class EquipmentStepInput(serializers.Serializer):
    step = serializers.ChoiceField(choices=["book", "decline", "withdraw", "hand_over", "refuse", "assign", "lend"])
    start = BoundedDateTimeField(required=False, help_text="Pour « book » : un des créneaux libres.")
    reason = serializers.CharField(required=False, max_length=300, help_text="Pour « refuse » et « assign ».")
    device = serializers.IntegerField(
        required=False, min_value=1, max_value=2**62, help_text="Pour « assign » et « lend »."
    )
    first_day = BoundedDateField(required=False, help_text="Pour « lend » : jour du retrait.")
    last_day = BoundedDateField(required=False, help_text="Pour « lend » : jour du retour (le prêt : /lending/loans/).")


class RequestStepView(APIView):
    """Take a step of the request's life cycle (those listed in its ``transitions``)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=EquipmentStepInput, responses=EquipmentRequestSerializer, operation_id="equipment_step")
    def post(self, request, pk):
        found = _visible(request, pk)  # a request one cannot see is a 404 before its body is read
        data = _valid(EquipmentStepInput, request)
        step, user = data["step"], request.user
        if step == "book":
            if "start" not in data:
                raise serializers.ValidationError({"start": "Choisissez un créneau dans la liste."})
            found = handover.book(request=found, by=user, start=data["start"])
        elif step == "decline":
            found = handover.decline(request=found, by=user)
        elif step == "withdraw":
            found = services.withdraw(request=found, by=user)
        elif step == "hand_over":
            found = handover.hand_over(request=found, by=user)
        elif step == "refuse":
            found = services.refuse(request=found, by=user, reason=data.get("reason", ""))
        elif step == "lend":
            REQUEST.require(found, "lend", user)
            missing = {f: "Ce champ est obligatoire." for f in ("device", "first_day", "last_day") if f not in data}
            if missing:
                raise serializers.ValidationError(missing)
            device = Device.objects.filter(pk=data["device"]).first()
            if device is None:
                raise serializers.ValidationError({"device": "Cet appareil n'existe pas."})
            loans.lend(request=found, device=device, by=user, first_day=data["first_day"], last_day=data["last_day"])
        else:
            REQUEST.require(found, "assign", user)
            device = Device.objects.filter(pk=data.get("device") or 0).first()
            if device is None:
                raise serializers.ValidationError({"device": "Cet appareil n'existe pas."})
            found = allocation.assign(request=found, device=device, by=user, reason=data.get("reason", ""))
        found = _visible(request, found.pk)
        return Response(EquipmentRequestSerializer(found, context={"request": request}).data)


class EquipmentDeviceInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DeviceKind.choices)
    specs = serializers.CharField(max_length=200)
    condition = serializers.ChoiceField(choices=Condition.choices)
    reference = serializers.CharField(max_length=50)


class EquipmentBatchInput(serializers.Serializer):
    place = serializers.IntegerField(min_value=1, max_value=2**62)
    label = serializers.CharField(required=False, allow_blank=True, max_length=100)
    devices = EquipmentDeviceInput(many=True, allow_empty=False, max_length=services.MAX_BATCH)
    lendable = serializers.BooleanField(
        required=False, default=False, help_text="Pour le prêt : prêtés aux foyers qui attendent, jamais donnés."
    )


class EquipmentBatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    label = serializers.CharField()
    devices = serializers.IntegerField(source="devices.count")


class BatchesView(APIView):
    """A refurbisher lists a batch of devices; each is matched to the waiting list after commit."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=EquipmentBatchInput, responses={201: EquipmentBatchSerializer}, operation_id="equipment_batch"
    )
    def post(self, request):
        require_refurbisher(request.user)
        data = _valid(EquipmentBatchInput, request)
        references = [d["reference"] for d in data["devices"]]
        if len(set(references)) != len(references):
            raise serializers.ValidationError({"devices": "Deux appareils portent le même identifiant."})
        batch = services.list_batch(
            by=request.user,
            place=data["place"],
            devices=[dict(d) for d in data["devices"]],
            label=data.get("label", ""),
            lendable=data["lendable"],
        )
        return Response(EquipmentBatchSerializer(batch).data, status=status.HTTP_201_CREATED)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


urlpatterns = [
    path("rules/", RulesView.as_view(), name="equipment-rules"),
    path("requests/", RequestsView.as_view(), name="equipment-requests"),
    path("requests/<id:pk>/", RequestView.as_view(), name="equipment-request"),
    path("requests/<id:pk>/step/", RequestStepView.as_view(), name="equipment-request-step"),
    path("batches/", BatchesView.as_view(), name="equipment-batches"),
]
