from rest_framework import generics, permissions, serializers

from solidarite.accounts import services
from solidarite.accounts.forms import ProfileForm
from solidarite.accounts.models import User
from solidarite.accounts.roles import roles_of
from solidarite.api import ModelSerializer
from solidarite.places.models import Quartier


class ProfileSerializer(ModelSerializer):
    quartier = serializers.SlugRelatedField(
        slug_field="slug", queryset=Quartier.objects.all(), allow_null=True, required=False
    )
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "display_name",
            "quartier",
            "phone",
            "share_email",
            "share_phone",
            "contact_note",
            "roles",
        ]
        read_only_fields = ["id", "email", "roles"]

    def get_roles(self, user) -> list[str]:
        return [role.code for role in roles_of(user)]

    def validate(self, attrs):
        # The same rules as the profile page: one form decides what a valid profile is.
        instance = self.instance
        data = {name: getattr(instance, name) for name in ProfileForm.Meta.fields}
        data["quartier"] = instance.quartier_id
        data.update({k: (v.pk if isinstance(v, Quartier) else v) for k, v in attrs.items()})
        form = ProfileForm(data=data, instance=User.objects.get(pk=instance.pk))
        if not form.is_valid():
            raise serializers.ValidationError(
                {field: [e["message"] for e in errors] for field, errors in form.errors.get_json_data().items()}
            )
        return attrs


class MeView(generics.RetrieveUpdateAPIView):
    """The signed-in person's profile."""

    serializer_class = ProfileSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user

    def perform_update(self, serializer):
        services.update_profile(user=self.request.user, **serializer.validated_data)
