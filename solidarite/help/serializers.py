"""What the help API reads and writes: public posts (fuzzed point, quartier, public name), a match for its
two sides, messages, reports; the inputs checked before any service is called."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from solidarite.api import BoundedDateField, BoundedDateTimeField, ModelSerializer
from solidarite.help import matches
from solidarite.help.models import Category, HelpOffer, HelpRequest, Match, Message, Report
from solidarite.help.workflow import MATCH, side_of


class HelpCategorySerializer(ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", "name"]


class PublicPostMixin(serializers.Serializer):
    """Public fields only: fuzzed point, quartier, public name."""

    quartier = serializers.CharField(source="quartier.name", read_only=True)
    latitude = serializers.FloatField(source="public_latitude", read_only=True)
    longitude = serializers.FloatField(source="public_longitude", read_only=True)
    author = serializers.CharField(source="author_name", read_only=True)
    tags = serializers.SerializerMethodField()

    def get_tags(self, obj) -> list[str]:
        # ``tags.names()`` queries even when the tags were prefetched (one query per post listed).
        return sorted(tag.name for tag in obj.tags.all())


class HelpRequestSerializer(PublicPostMixin, ModelSerializer):
    category = HelpCategorySerializer(read_only=True)

    class Meta:
        model = HelpRequest
        fields = [
            "id",
            "category",
            "description",
            "tags",
            "quartier",
            "latitude",
            "longitude",
            "author",
            "window_start",
            "window_end",
            "urgency",
            "status",
            "created_at",
        ]
        read_only_fields = fields


class HelpOfferSerializer(PublicPostMixin, ModelSerializer):
    categories = HelpCategorySerializer(many=True, read_only=True)

    class Meta:
        model = HelpOffer
        fields = [
            "id",
            "categories",
            "description",
            "tags",
            "quartier",
            "latitude",
            "longitude",
            "author",
            "radius_km",
            "available_from",
            "available_until",
            "weekly_slots",
            "status",
            "created_at",
        ]
        read_only_fields = fields


class LocationInput(serializers.Serializer):
    quartier = serializers.SlugField(required=False, help_text=_("Slug du quartier."))
    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)

    def location(self):
        from solidarite.places.models import Quartier

        data = self.validated_data
        quartier = None
        if data.get("quartier"):
            quartier = Quartier.objects.filter(slug=data["quartier"]).first()
            if quartier is None:
                raise serializers.ValidationError({"quartier": _("Quartier inconnu.")})
        point = (data["latitude"], data["longitude"]) if "latitude" in data and "longitude" in data else None
        return {"quartier": quartier, "point": point}


class HelpRequestInput(LocationInput):
    category = serializers.IntegerField()
    description = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField(), required=False, max_length=50)
    window_start = BoundedDateTimeField()
    window_end = BoundedDateTimeField()
    urgency = serializers.CharField(required=False, default="normal")
    mandate = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Un·e médiateur·rice publie pour un·e habitant·e : l'id d'un mandat en cours de sa structure."),
    )


class HelpOfferInput(LocationInput):
    categories = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=20)
    description = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField(), required=False, max_length=50)
    radius_km = serializers.FloatField()
    available_from = BoundedDateField(required=False, allow_null=True, default=None)
    available_until = BoundedDateField(required=False, allow_null=True, default=None)
    weekly_slots = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Par exemple « mar 14:00-18:00, sam 9h-12h ».")
    )
    alerts = serializers.ChoiceField(choices=HelpOffer.Alerts.choices, default=HelpOffer.Alerts.IMMEDIATE)
    alerts_per_day = serializers.IntegerField(default=3)


class HelpMatchSerializer(ModelSerializer):
    request = serializers.IntegerField(source="request_id", read_only=True)
    offer = serializers.IntegerField(source="offer_id", read_only=True)
    category = serializers.CharField(source="request.category.name", read_only=True)
    requester = serializers.CharField(source="request.author_name", read_only=True)
    offerer = serializers.CharField(source="offer.author_name", read_only=True)
    side = serializers.SerializerMethodField()
    transitions = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = [
            "id",
            "request",
            "offer",
            "category",
            "requester",
            "offerer",
            "score",
            "explanation",
            "status",
            "side",
            "transitions",
            "contacts",
            "thanks",
            "created_at",
        ]
        read_only_fields = fields

    def get_side(self, obj) -> str | None:
        return side_of(obj, self.context["request"].user)

    def get_transitions(self, obj) -> list[str]:
        return MATCH.names(obj, self.context["request"].user)

    def get_contacts(self, obj) -> list[dict]:
        return [{"label": k, "value": v} for k, v in matches.contacts_for(obj, self.context["request"].user)]


class HelpTransitionInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
    thanks = serializers.CharField(required=False, allow_blank=True, default="")


class HelpMessageSerializer(ModelSerializer):
    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ["id", "author", "body", "hidden", "created_at"]
        read_only_fields = fields

    def get_author(self, obj) -> str:
        return obj.author.public_name if obj.author_id else ""

    def get_body(self, obj) -> str:
        return "" if obj.hidden else obj.body


class HelpMessageInput(serializers.Serializer):
    body = serializers.CharField(allow_blank=True)


class HelpReportInput(serializers.Serializer):
    target = serializers.ChoiceField(choices=["request", "offer", "message"])
    id = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=Report.Reason.choices)
    details = serializers.CharField(required=False, allow_blank=True, default="")


class HelpReportSerializer(ModelSerializer):
    class Meta:
        model = Report
        fields = ["id", "reason", "details", "status", "created_at"]
        read_only_fields = fields
