from rest_framework import serializers, viewsets

from solidarite.places.models import Quartier


class QuartierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Quartier
        fields = ["slug", "name", "latitude", "longitude"]


class QuartierViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Quartier.objects.all()
    serializer_class = QuartierSerializer
    lookup_field = "slug"
    pagination_class = None
