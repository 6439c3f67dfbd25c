"""The filters the directory's and the agenda's lists share (associations and actions alike)."""

from django.db import models

from associations.directory.text import search_terms


class ListingQuerySet(models.QuerySet):
    """What the directory and the agenda filter alike: words, theme, quartier."""

    def search(self, query: str):
        """Every word of the query must appear (accents and case ignored) in the row's search text."""
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs

    def filtered(self, data: dict):
        """The filters of ``DirectoryFilterForm.filters()``."""
        qs = self
        if data.get("q"):
            qs = qs.search(data["q"])
        if data.get("theme"):
            qs = qs.filter(tags__slug=data["theme"])
        if data.get("quartier"):
            qs = qs.filter(quartier__slug=getattr(data["quartier"], "slug", data["quartier"]))
        return qs
