"""API for support requests: associations draft and follow theirs; staff review and decide.

Same rules as the pages (every write goes through ``services``). Private notes have their own
staff-only route and appear in no other payload.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.urls import include, path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from associations.directory.models import Association
from associations.rooms.models import Room
from associations.support import conversation, decisions, drafting, review, workflow
from associations.support.models import (
    Envelope,
    Grant,
    Message,
    PrivateNote,
    ReviewTeam,
    SupportRequest,
    Transition,
)
from associations.support.workflow import can_review
from solidarite.api import BoundedDateField, BoundedDateTimeField, ModelSerializer, MultiPartParser, paginated
from solidarite.converters import Router


class MessageSerializer(ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "author", "from_city", "body", "created_at"]

    def get_author(self, message) -> str:
        return message.author.public_name if message.author_id else ""


class TransitionSerializer(ModelSerializer):
    assigned_reviewer = serializers.SerializerMethodField()
    assigned_team = serializers.SerializerMethodField()

    class Meta:
        model = Transition
        fields = ["name", "from_state", "to_state", "by_city", "reason", "assigned_reviewer", "assigned_team", "at"]

    def get_assigned_reviewer(self, step) -> str | None:
        return step.assigned_reviewer.public_name if step.assigned_reviewer_id else None

    def get_assigned_team(self, step) -> str | None:
        return step.assigned_team.name if step.assigned_team_id else None


class GrantSerializer(ModelSerializer):
    envelope = serializers.StringRelatedField()

    class Meta:
        model = Grant
        fields = [
            "nature",
            "amount",
            "in_kind_value",
            "in_kind_description",
            "payment_terms",
            "payment_terms_other",
            "payment_start",
            "payment_end",
            "decision_reference",
            "decision_date",
            "envelope",
        ]


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class SupportRequestSerializer(ModelSerializer):
    association = serializers.PrimaryKeyRelatedField(queryset=Association.objects.all())
    association_name = serializers.CharField(source="association.name", read_only=True)
    amount_requested = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, coerce_to_string=True
    )
    action_budget = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, coerce_to_string=True
    )
    share_asked = serializers.DecimalField(max_digits=6, decimal_places=4, read_only=True, allow_null=True)
    is_stale = serializers.SerializerMethodField()
    messages = MessageSerializer(many=True, read_only=True)
    history = TransitionSerializer(source="transitions", many=True, read_only=True)
    decision = GrantSerializer(source="grant", read_only=True, allow_null=True, default=None)
    attachments = AttachmentSerializer(many=True, read_only=True)
    # Staff only (dropped for the association in get_fields): the city's internal organisation.
    reviewer = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    team = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "association",
            "association_name",
            *drafting.EDITABLE_FIELDS,
            "share_asked",
            "state",
            "submitted_at",
            "is_stale",
            "reviewer",
            "team",
            "messages",
            "history",
            "decision",
            "attachments",
        ]
        read_only_fields = ["state", "submitted_at"]

    def get_is_stale(self, support_request) -> bool:
        return support_request.is_stale()

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["association"].read_only = True
        request, view = self.context.get("request"), self.context.get("view")
        documenting = getattr(view, "swagger_fake_view", False)  # the schema shows every field
        if request is not None and not documenting and not can_review(request.user):
            del fields["reviewer"], fields["team"]
        return fields


class ReasonSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=list(workflow.SIMPLE_STEPS))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class BodySerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)


class NoteSerializer(ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = PrivateNote
        fields = ["id", "author", "body", "created_at"]

    def get_author(self, note) -> str:
        return note.author.public_name if note.author_id else ""


class GrantInputSerializer(serializers.Serializer):
    envelope = serializers.PrimaryKeyRelatedField(queryset=Envelope.objects.all(), required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    in_kind_value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    in_kind_description = serializers.CharField(required=False, allow_blank=True, default="")
    payment_terms = serializers.ChoiceField(choices=Grant.PaymentTerms.choices, default=Grant.PaymentTerms.SINGLE)
    payment_terms_other = serializers.CharField(required=False, allow_blank=True, max_length=250, default="")
    payment_start = BoundedDateField(required=False, allow_null=True)
    payment_end = BoundedDateField(required=False, allow_null=True)
    decision_reference = serializers.CharField(max_length=100)
    decision_date = BoundedDateField(required=False)
    confirm_above_request = serializers.BooleanField(default=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.open(), required=False, allow_null=True)
    room_start = BoundedDateTimeField(required=False, allow_null=True)
    room_end = BoundedDateTimeField(required=False, allow_null=True)


class AssignSerializer(serializers.Serializer):
    """A key left out keeps its current value; null entrusts to nobody."""

    reviewer = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "Cette personne n'existe pas."},
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=ReviewTeam.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "Cette équipe n'existe pas."},
    )


class EnvelopeSerializer(ModelSerializer):
    remaining = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Envelope
        fields = ["id", "year", "kind", "theme", "label", "amount", "granted", "remaining", "dispositif_aide"]


def _require_reviewer(request):
    if not can_review(request.user):
        raise PermissionDenied


@extend_schema(tags=["soutiens"])
class SupportRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Support requests: an association's managers see theirs; staff see every submitted one."""

    serializer_class = SupportRequestSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        steps = Transition.objects.select_related("assigned_reviewer", "assigned_team")
        if not can_review(self.request.user):
            steps = steps.for_association()
        return (
            SupportRequest.objects.visible_to(self.request.user)
            .select_related("association", "grant", "grant__envelope")
            .prefetch_related("messages__author", Prefetch("transitions", queryset=steps), "attachments")
            .order_by("-created_at")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        association = data.pop("association")
        serializer.instance = drafting.create_request(association=association, by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("association", None)
        serializer.instance = drafting.update_request(support_request=serializer.instance, by=self.request.user, **data)

    def _fresh(self, pk):
        return Response(self.get_serializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=ReasonSerializer, responses=SupportRequestSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Take a named step of the workflow (submit, resubmit, withdraw, start_review, ask_info, refuse, close)."""
        support_request = self.get_object()
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review.transition(support_request=support_request, by=request.user, **data.validated_data)
        return self._fresh(support_request.pk)

    @extend_schema(request=BodySerializer, responses={201: MessageSerializer})
    @action(detail=True, methods=["post"])
    def messages(self, request, pk=None):
        """Write to the other side (the association or the city)."""
        support_request = self.get_object()
        data = BodySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = conversation.post_message(support_request=support_request, by=request.user, **data.validated_data)
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": inline_serializer("AttachmentUpload", {"file": serializers.FileField()})},
        responses={201: AttachmentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        """Attach a PDF or an image (checked by content, size-limited) to a draft or a request sent back."""
        support_request = self.get_object()
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": ["Joignez un fichier."]})
        attachment = conversation.add_attachment(support_request=support_request, by=request.user, upload=upload)
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=NoteSerializer(many=True))
    @extend_schema(methods=["post"], request=BodySerializer, responses={201: NoteSerializer})
    @action(detail=True, methods=["get", "post"])
    def notes(self, request, pk=None):
        """Staff only: private notes, never shown to the association."""
        _require_reviewer(request)
        support_request = self.get_object()
        if request.method == "GET":
            return paginated(self, support_request.private_notes.select_related("author"), NoteSerializer)
        data = BodySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = conversation.add_private_note(support_request=support_request, by=request.user, **data.validated_data)
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=GrantInputSerializer, responses=SupportRequestSerializer)
    @action(detail=True, methods=["post"])
    def grant(self, request, pk=None):
        """Staff only: grant the request, taking from an envelope."""
        _require_reviewer(request)
        support_request = self.get_object()
        data = GrantInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {key: value for key, value in data.validated_data.items() if value is not None}
        decisions.grant(support_request=support_request, by=request.user, **values)
        return self._fresh(support_request.pk)

    @extend_schema(request=AssignSerializer, responses=SupportRequestSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Staff only: entrust the request to a staff member and/or a review team (null: nobody)."""
        _require_reviewer(request)
        support_request = self.get_object()
        data = AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {"reviewer": support_request.reviewer, "team": support_request.team, **data.validated_data}
        review.assign(support_request=support_request, by=request.user, **values)
        return self._fresh(support_request.pk)


@extend_schema(tags=["soutiens"])
class EnvelopeViewSet(viewsets.ReadOnlyModelViewSet):
    """Staff only: the year's budget envelopes with what remains."""

    serializer_class = EnvelopeSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Envelope.objects.none()
        _require_reviewer(self.request)
        return Envelope.objects.all()


router = Router()
router.register("requests", SupportRequestViewSet, basename="support-request")
router.register("envelopes", EnvelopeViewSet, basename="support-envelope")

urlpatterns = [path("", include(router.urls))]
