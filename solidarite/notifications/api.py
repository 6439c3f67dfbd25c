from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from solidarite.api import ModelSerializer
from solidarite.notifications.models import Notification
from solidarite.notifications.services import mark_read


class NotificationSerializer(ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "data", "created_at", "read_at"]
        read_only_fields = fields


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=500,
        help_text=_("Les notifications à marquer lues ; toutes si absent."),
    )


class UnreadSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no signed-in person
            return Notification.objects.none()
        qs = Notification.objects.for_user(self.request.user)
        after = self.request.query_params.get("after")
        if after is not None:
            if not after.isdigit():
                raise serializers.ValidationError({"after": _("Un numéro de notification est attendu.")})
            qs = qs.after(int(after))
        return qs

    @extend_schema(request=MarkReadSerializer, responses=UnreadSerializer)
    @action(detail=False, methods=["post"], url_path="mark-read")
    def mark_read(self, request):
        serializer = MarkReadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        unread = mark_read(user=request.user, ids=serializer.validated_data.get("ids"))
        return Response({"unread": unread})
