"""API of bookings and mandates (``/api/v1/rights/…``): the same services as the pages.

- ``slots``: the public availability of a permanence (no one's name, only free / taken / walk-in);
- ``appointments``: one's own, the agent's for their permanences, a mediator's under their
  structure's mandates; booking (optionally ``mandate`` for a resident) and cancelling;
- ``mandates``: a mediator's structures' and one's own (as resident); all of them for staff;
  recording (mediators) and revoking, with the log of acts.

A refusal is a 403 with the service's French message; bad input a 400 in French (``solidarite.api``);
an appointment or mandate one may not see is a 404.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from solidarite.api import BoundedDateField, BoundedDateTimeField, ModelSerializer
from solidarite.rights import appointments, availability, mandates
from solidarite.rights.appointment_workflow import APPOINTMENT
from solidarite.rights.mandate_models import Mandate, MandateAct, Scope
from solidarite.rights.mandate_workflow import MANDATE
from solidarite.rights.permanence_models import REASONS, Appointment, Permanence

# --- slots -----------------------------------------------------------------------------------------


class SlotSerializer(serializers.Serializer):
    start = serializers.DateTimeField(read_only=True)
    end = serializers.DateTimeField(read_only=True)
    state = serializers.ChoiceField(choices=["free", "taken", "walk_in", "past"], read_only=True)
    bookable = serializers.BooleanField(read_only=True)


class SlotQuery(serializers.Serializer):
    permanence = serializers.SlugField()
    # Named from/to in the query string (Python keywords).
    first = BoundedDateField(required=False)
    last = BoundedDateField(required=False)


@extend_schema_view(
    list=extend_schema(
        summary="Les créneaux d'une permanence (disponibilité publique)",
        parameters=[
            OpenApiParameter(
                "permanence", OpenApiTypes.STR, required=True, description="Adresse (slug) de la permanence"
            ),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Premier jour (par défaut : aujourd'hui)"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Dernier jour (par défaut : la fin de l'horizon)"),
        ],
        responses=SlotSerializer(many=True),
    )
)
class SlotViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = SlotSerializer
    pagination_class = None

    def list(self, request):
        params = request.query_params
        query = SlotQuery(
            data={
                key: value
                for key, value in {
                    "permanence": params.get("permanence"),
                    "first": params.get("from"),
                    "last": params.get("to"),
                }.items()
                if value
            }
        )
        if not query.is_valid():
            names = {"first": "from", "last": "to"}
            raise ValidationError({names.get(key, key): value for key, value in query.errors.items()})
        permanence = Permanence.objects.filter(
            slug=query.validated_data["permanence"], place__is_published=True
        ).first()
        if permanence is None:
            raise ValidationError({"permanence": [_("Permanence inconnue.")]})
        first, last = availability.horizon(permanence, timezone.now())
        first = max(first, query.validated_data.get("first", first))
        last = min(last, query.validated_data.get("last", last))
        if last < first:
            raise ValidationError({"to": [_("Ces dates sont hors de la période où l'on réserve.")]})
        found = availability.slots(permanence, first=first, last=last)
        return Response(SlotSerializer(found, many=True).data)


# --- appointments ----------------------------------------------------------------------------------


class AppointmentSerializer(ModelSerializer):
    permanence = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    permanence_title = serializers.CharField(source="permanence.title", read_only=True)
    reason_label = serializers.CharField(source="get_reason_display", read_only=True)
    mandate = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()

    class Meta:
        model = Appointment
        fields = ["id", "permanence", "permanence_title", "start", "end", "reason", "reason_label", "status"]
        fields += ["mandate", "transitions"]

    def get_mandate(self, appointment) -> int | None:
        """The mandate it was booked under (the mediators of its structure act for the resident)."""
        return appointment.mandate_id

    def get_transitions(self, appointment) -> list[str]:
        return APPOINTMENT.names(appointment, self.context["request"].user)


class AppointmentInput(serializers.Serializer):
    permanence = serializers.SlugField()
    start = BoundedDateTimeField()
    reason = serializers.ChoiceField(choices=REASONS)
    mandate = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Un·e médiateur·rice réserve pour un·e habitant·e."
    )


@extend_schema_view(
    list=extend_schema(summary="Mes rendez-vous (et ceux de mes permanences, de mes mandats)"),
    retrieve=extend_schema(summary="Un rendez-vous"),
)
class AppointmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AppointmentSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            Appointment.objects.visible_to(self.request.user)
            .select_related("permanence", "mandate")
            .order_by("-start", "pk")
        )

    @extend_schema(summary="Prendre rendez-vous", request=AppointmentInput, responses={201: AppointmentSerializer})
    def create(self, request):
        data = AppointmentInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        permanence = Permanence.objects.filter(slug=values["permanence"], place__is_published=True).first()
        if permanence is None:
            raise ValidationError({"permanence": [_("Permanence inconnue.")]})
        on_behalf_of = None
        if values.get("mandate") is not None:
            on_behalf_of = mandates.chosen(values["mandate"], request.user, Scope.APPOINTMENTS)
        appointment = appointments.book(
            permanence=permanence,
            by=request.user,
            start=values["start"],
            reason=values["reason"],
            on_behalf_of=on_behalf_of,
        )
        return Response(AppointmentSerializer(appointment, context={"request": request}).data, status=201)

    @extend_schema(summary="Annuler un rendez-vous", request=None, responses=AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        appointment = appointments.cancel(appointment=self.get_object(), by=request.user)
        return Response(AppointmentSerializer(appointment, context={"request": request}).data)


# --- mandates --------------------------------------------------------------------------------------


class MandateActSerializer(ModelSerializer):
    by = serializers.CharField(source="by.display_name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = MandateAct
        fields = ["kind", "summary", "at", "by", "url"]


class MandateSerializer(ModelSerializer):
    structure = serializers.IntegerField(source="structure_id", read_only=True)
    structure_name = serializers.CharField(source="structure.name", read_only=True)
    resident = serializers.CharField(source="resident_label", read_only=True)
    has_account = serializers.BooleanField(read_only=True)
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=Scope.choices), read_only=True)
    acts = MandateActSerializer(many=True, read_only=True)
    transitions = serializers.SerializerMethodField()

    class Meta:
        model = Mandate
        fields = ["id", "structure", "structure_name", "resident", "resident_phone", "has_account", "scopes"]
        fields += ["consent_method", "starts_on", "ends_on", "status", "ended_at", "acts", "transitions"]

    def get_transitions(self, mandate) -> list[str]:
        return MANDATE.names(mandate, self.context["request"].user)


class MandateInput(serializers.Serializer):
    structure = serializers.IntegerField()
    resident_email = serializers.EmailField(required=False, allow_blank=True, default="")
    resident_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    resident_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=Scope.choices), max_length=3)
    consent_method = serializers.ChoiceField(choices=[(m.value, m.label) for m in mandates.OFFERED_CONSENT])
    ends_on = BoundedDateField(help_text="Dernier jour couvert : 12 mois au plus après aujourd'hui.")


class RevokeInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


@extend_schema_view(
    list=extend_schema(summary="Les mandats que je peux voir (médiateur·rice, habitant·e, agent·e de la ville)"),
    retrieve=extend_schema(summary="Un mandat et les actes faits sous lui"),
)
class MandateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MandateSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return (
            Mandate.objects.visible_to(self.request.user)
            .select_related("structure", "resident")
            .prefetch_related("acts__by")
            .order_by("-pk")
        )

    @extend_schema(summary="Enregistrer un mandat", request=MandateInput, responses={201: MandateSerializer})
    def create(self, request):
        if not mandates.is_mediator(request.user):
            raise PermissionDenied(_("Seul·es les médiateur·rices enregistrent des mandats."))
        data = MandateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        structure = mandates.structures_of(request.user).filter(pk=values["structure"]).first()
        if structure is None:
            raise ValidationError({"structure": [_("Vous n'êtes pas médiateur·rice de cette structure.")]})
        resident = None
        if values["resident_email"]:
            resident = get_user_model().objects.filter(email__iexact=values["resident_email"], is_active=True).first()
            if resident is None:
                raise ValidationError({"resident_email": [_("Aucun compte actif avec cette adresse.")]})
        mandate = mandates.create(
            by=request.user,
            structure=structure,
            scopes=values["scopes"],
            consent_method=values["consent_method"],
            ends_on=values["ends_on"],
            resident=resident,
            resident_name=values["resident_name"],
            resident_phone=values["resident_phone"],
        )
        return Response(MandateSerializer(mandate, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Révoquer un mandat", request=RevokeInput, responses=MandateSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = RevokeInput(data=request.data)
        data.is_valid(raise_exception=True)
        mandate = mandates.revoke(mandate=self.get_object(), by=request.user, reason=data.validated_data["reason"])
        mandate = get_object_or_404(self.get_queryset(), pk=mandate.pk)
        return Response(MandateSerializer(mandate, context={"request": request}).data)


def register(router) -> None:
    router.register("slots", SlotViewSet, basename="rights-slot")
    router.register("appointments", AppointmentViewSet, basename="rights-appointment")
    router.register("mandates", MandateViewSet, basename="rights-mandate")
