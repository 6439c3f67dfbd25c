"""Reads the directory's page and its API share."""

from associations.directory.forms import DirectoryFilterForm
from associations.directory.models import Association


def filtered_associations(params):
    """The directory's filter form over ``params`` and the listed associations it lets through."""
    form = DirectoryFilterForm(params or None)
    data = form.filters()
    qs = Association.objects.listed().filtered(data)
    if data.get("benevoles"):
        qs = qs.accepting_volunteers()
    return form, qs
