from django.utils.translation import gettext_lazy as _

from solidarite.accounts.roles import Role


def shopkeeper_roles(user):
    """One "commerçant·e" role per shop the person is the verified owner of."""
    from solidarite.shops.models import Shop

    if not user.is_authenticated:
        return []
    return [
        Role("shopkeeper", _("commerçant·e"), detail=shop.name, url=shop.get_absolute_url())
        for shop in Shop.objects.owned_by(user).only("name", "slug")
    ]
