"""Tags for a page of objects in one query.

taggit's own ``prefetch_related("tags")`` builds a queryset per instance (about 4 ms each), which made a
24-row directory page cost 100 ms; this loads the tags of many objects with one query instead.
"""

from collections import defaultdict

from taggit.models import TaggedItem


def attach_tags(objects, model=None) -> list:
    """Sets ``obj.tag_list`` (tags sorted by name) on every object; returns the objects as a list."""
    objects = list(objects)
    if not objects:
        return objects
    model = model or type(objects[0])
    by_id = defaultdict(list)
    items = (
        TaggedItem.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            object_id__in=[obj.pk for obj in objects],
        )
        .select_related("tag")
        .order_by("tag__name")
    )
    for item in items:
        by_id[item.object_id].append(item.tag)
    for obj in objects:
        obj.tag_list = by_id.get(obj.pk, [])
    return objects
