"""Which demo object fills each route parameter of the permissions matrix."""

from datetime import timedelta

from django.utils import timezone

# The link of the world's invitation (only its hash is stored, as for a real one).
INVITATION_TOKEN = "jeton-de-la-matrice-des-permissions"


def build_world() -> dict:
    """Pick, in the demo data, one object of each kind the routes name (creating what demo lacks)."""
    from associations.directory.models import Action, ManagerInvitation
    from associations.rooms.models import Booking, Room
    from associations.support.models import Attachment, Envelope, SupportRequest
    from solidarite.accounts.models import ApiToken
    from solidarite.calendars import services as calendars
    from solidarite.dashboard import figures
    from solidarite.digital.models import DigitalPlace
    from solidarite.gardens.models import Allocation, Garden, Orchard
    from solidarite.grocery.models import Grocery, Orientation, SurplusOffer
    from solidarite.help.models import Match, Message, Report
    from solidarite.notifications.models import Notification
    from solidarite.rights.models import Aid, Mandate, MediatorGrant, Permanence, Place, WaitlistEntry
    from solidarite.shops.models import Initiative, Shop, ShopClaim
    from tests.rooms.factories import make_photo

    match = Match.objects.select_related("request__author", "offer__author").order_by("pk").first()
    assert match is not None, "the help demo data must hold at least one match"
    neighbour = match.request.author
    support = SupportRequest.objects.select_related("association").order_by("pk").first()
    association = support.association
    shop = Shop.objects.filter(owner__isnull=False).order_by("pk").first()
    booking = Booking.objects.order_by("pk").first()
    room = Room.objects.order_by("pk").first()
    message = Message.objects.filter(match=match).first() or Message.objects.create(
        match=match, author=neighbour, body="Bonjour, merci !"
    )
    report = Report.objects.order_by("pk").first() or Report.objects.create(
        reporter=neighbour, request=match.request, reason="other"
    )
    attachment = Attachment.objects.filter(request=support).first()
    token = calendars.ensure(neighbour, calendars.Feed.ROOMS)
    invitation = ManagerInvitation.objects.create(
        association=association,
        email=neighbour.email,
        token_hash=ManagerInvitation.hash_token(INVITATION_TOKEN),
        expires_at=timezone.now() + timedelta(days=14),
    )
    world = {
        "neighbour": neighbour,
        "match": match,
        "help_request": match.request,
        "help_offer": match.offer,
        "message": message,
        "report": report,
        "association": association,
        "action": Action.objects.filter(association=association).first() or _action(association),
        "support": support,
        "attachment": attachment,
        "envelope": Envelope.objects.order_by("pk").first(),
        "shop": shop,
        "initiative": Initiative.objects.filter(shop=shop).first() or Initiative.objects.order_by("pk").first(),
        "claim": ShopClaim.objects.order_by("pk").first(),
        "room": room,
        "room_photo": room.photos.first() or make_photo(room),
        "booking": booking,
        "feed_token": token.token,
        "api_token": ApiToken.objects.issue(user=neighbour, name="Matrice")[0],
        "invitation": invitation,
        "notification": Notification.objects.create(user=neighbour, kind="test", title="Bonjour"),
        "dashboard_table": figures.all_tables(figures.Period.last_months(12))[0].slug,
        "today": timezone.localdate(),
        "aid": Aid.objects.published().order_by("pk").first(),
        "rights_place": Place.objects.published().order_by("pk").first(),
        "permanence": Permanence.objects.order_by("pk").first(),
        "mandate": Mandate.objects.order_by("pk").first(),
        "mediator_grant": MediatorGrant.objects.order_by("pk").first(),
        "grocery": Grocery.objects.order_by("pk").first(),
        "orientation": Orientation.objects.order_by("pk").first(),
        "surplus_offer": SurplusOffer.objects.order_by("pk").first(),
        "garden": Garden.objects.order_by("pk").first(),
        "orchard": Orchard.objects.order_by("pk").first(),
        "digital_place": DigitalPlace.objects.filter(rights_place__isnull=False, rights_place__association__isnull=True)
        .order_by("pk")
        .first(),
    }
    world.update(_giveaways(neighbour))
    world["equipment_request"] = _equipment_request(neighbour)
    world["reserved_device"] = _reserved_device()
    world["appointment"] = _appointment(world["permanence"], neighbour)
    world["waitlist_entry"] = WaitlistEntry.objects.create(permanence=world["permanence"], person=neighbour)
    world["saved_estimate"] = _saved_estimate(neighbour)
    world["estimate_claim"] = world["saved_estimate"].claims.create(user=neighbour, aid_code="rsa", amount=500)
    world["estimate_share"] = world["saved_estimate"].shares.create(appointment=world["appointment"], by=neighbour)
    world["garden_offer"] = _garden_offer(world["garden"])
    world["garden_allocation"] = Allocation.objects.filter(plot__garden=world["garden"], ended_at__isnull=True).first()
    world["loan"], world["lending_item"] = _loan(neighbour)
    world["lending_photo"] = _lending_photo(world["lending_item"])
    world["agent_feed_token"] = calendars.ensure(world["permanence"].agents.first(), calendars.Feed.RIGHTS).token
    world.update(_repairs(neighbour))
    missing = [key for key, value in world.items() if value is None and key != "attachment"]
    assert not missing, f"the demo data holds no {missing}: give the matrix one (demo.py or here)"
    return world


def _giveaways(neighbour) -> dict:
    """The demo's gift on offer (with a photo), Karim's wish, their match, and a report by the neighbour."""
    from django.core.files.base import ContentFile

    from solidarite.giveaways.models import Gift, GiftMatch, GiftPhoto, GiftReport, Wish
    from tests.rooms.factories import png_bytes

    gift = Gift.objects.public().order_by("pk").first()
    photo = gift.photos.first()
    if photo is None:
        photo = GiftPhoto(gift=gift, alt_text="Une poussette pliée", content_type="image/png")
        photo.file.save("photo.png", ContentFile(png_bytes()), save=False)
        photo.save()
    report = GiftReport.objects.order_by("pk").first() or GiftReport.objects.create(
        reporter=neighbour, gift=gift, reason="other"
    )
    return {
        "gift": gift,
        "gift_photo": photo,
        "gift_wish": Wish.objects.order_by("pk").first(),
        "gift_match": GiftMatch.objects.filter(gift=gift).order_by("pk").first(),
        "gift_report": report,
    }


def _appointment(permanence, person):
    """The neighbour's appointment at the first permanence, on its first free slot (the clock's own)."""
    from solidarite.rights import appointments, availability

    free = next(slot for slot in availability.slots(permanence) if slot.state == "free")
    return appointments.book(permanence=permanence, by=person, start=free.start, reason="numerique")


def _loan(person):
    """The neighbour's booking of a town kit from tomorrow (city staff hand it over)."""
    from solidarite.lending import services
    from solidarite.lending.models import Item

    item = Item.objects.get(slug="wattmetre-1")
    first = timezone.localdate() + timedelta(days=1)
    return services.book_days(item=item, borrower=person, first_day=first, last_day=first + timedelta(days=2)), item


def _lending_photo(item):
    from tests.lending.factories import make_photo

    return make_photo(item)


def _saved_estimate(person):
    from solidarite.estimate.models import SavedEstimate

    return SavedEstimate.objects.create(
        user=person, month="2026-11", legislation="176.1.8", answers={}, amounts={"rsa": 500.0}
    )


def _garden_offer(garden):
    """A plot of the town's garden freed by its staff: offered to the first demo gardener in turn."""
    from django.contrib.auth import get_user_model

    from solidarite.gardens import offers
    from solidarite.gardens.models import Plot

    plot = garden.plots.filter(status=Plot.Status.ALLOCATED).order_by("pk").first()
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk").first()
    return offers.free_plot(by=staff, plot=plot)


def _equipment_request(person):
    """The neighbour's own running equipment request (made here when the demo gave them none)."""
    from solidarite.equipment import services
    from solidarite.equipment.models import EquipmentRequest

    found = EquipmentRequest.objects.active().filter(requester=person).first()
    return found or services.ask(
        by=person, public="senior", wanted="tablet", address="8 rue de la Matrice", postal_code="44400", quartier=None
    )


def _reserved_device():
    from solidarite.equipment.models import Device

    return Device.objects.filter(status="reserved").order_by("pk").first()


def _action(association):
    from tests.directory.factories import ActionFactory

    return ActionFactory(association=association)


def kwargs_for(name: str, world: dict) -> dict:
    """The URL kwargs of route ``name``; a route with parameters not listed here must be added."""
    area, _, route = name.partition(":")
    if name in EXPLICIT:
        return EXPLICIT[name](world)
    if area == "api":
        return api_kwargs(name, world)
    if area in BY_AREA:
        return BY_AREA[area](world)
    return {}


EXPLICIT = {
    "accounts:api_token_revoke": lambda w: {"pk": w["api_token"].pk},
    "help:request": lambda w: {"pk": w["help_request"].pk},
    "help:request_edit": lambda w: {"pk": w["help_request"].pk},
    "help:request_close": lambda w: {"pk": w["help_request"].pk},
    "help:offer": lambda w: {"pk": w["help_offer"].pk},
    "help:offer_status": lambda w: {"pk": w["help_offer"].pk, "action": "pause"},
    "help:match": lambda w: {"pk": w["match"].pk},
    "help:match_transition": lambda w: {"pk": w["match"].pk, "name": "accept"},
    "help:report": lambda w: {"kind": "demande", "pk": w["help_request"].pk},
    "help:moderate": lambda w: {"pk": w["report"].pk},
    "rooms:cancel": lambda w: {"pk": w["booking"].pk},
    "rooms:decide": lambda w: {"pk": w["booking"].pk, "decision": "approuver"},
    "rooms:private_feed": lambda w: {"token": w["feed_token"]},
    "rooms:association_feed": lambda w: {"slug": w["association"].slug},
    "rooms:week": lambda w: {"slug": w["room"].slug},
    "rooms:book": lambda w: {"slug": w["room"].slug},
    "rooms:daily": lambda w: {"slug": w["room"].slug},
    "rooms:room_feed": lambda w: {"slug": w["room"].slug},
    "rooms:photo": lambda w: {"slug": w["room"].slug, "pk": w["room_photo"].pk, "name": w["room_photo"].file_name},
    "support:step": lambda w: {"pk": w["support"].pk, "name": "submit"},
    "support:attachment": lambda w: {"pk": w["support"].pk, "attachment_pk": _attachment(w)},
    "support:delete_attachment": lambda w: {"pk": w["support"].pk, "attachment_pk": _attachment(w)},
    "dashboard:csv": lambda w: {"slug": w["dashboard_table"]},
    "shops:claim_approve": lambda w: {"pk": w["claim"].pk},
    "shops:claim_reject": lambda w: {"pk": w["claim"].pk},
    "shops:initiative": lambda w: {"pk": w["initiative"].pk},
    "shops:initiative_edit": lambda w: {"pk": w["initiative"].pk},
    "shops:initiative_end": lambda w: {"pk": w["initiative"].pk},
    "directory:action": lambda w: {"pk": w["action"].pk},
    "directory:action_edit": lambda w: {"pk": w["action"].pk},
    "directory:action_cancel": lambda w: {"pk": w["action"].pk},
    "directory:participate": lambda w: {"pk": w["action"].pk},
    "directory:withdraw": lambda w: {"pk": w["action"].pk},
    "directory:invitation": lambda w: {"token": INVITATION_TOKEN},
    "directory:invitation_answer": lambda w: {"pk": w["invitation"].pk, "answer": "accepter"},
    "estimate:step": lambda w: {"step": "foyer"},
    "estimate:saved_detail": lambda w: {"pk": w["saved_estimate"].pk},
    "estimate:saved_resume": lambda w: {"pk": w["saved_estimate"].pk},
    "estimate:saved_delete": lambda w: {"pk": w["saved_estimate"].pk},
    "estimate:follow": lambda w: {"pk": w["saved_estimate"].pk},
    "estimate:claim_step": lambda w: {"pk": w["estimate_claim"].pk, "step": "demandee"},
    "estimate:claim_reminder": lambda w: {"pk": w["estimate_claim"].pk},
    "estimate:share": lambda w: {"pk": w["saved_estimate"].pk},
    "estimate:share_revoke": lambda w: {"pk": w["saved_estimate"].pk, "share_pk": w["estimate_share"].pk},
    "estimate:shared": lambda w: {"pk": w["estimate_share"].pk},
    "estimate:mandate": lambda w: {"pk": w["mandate"].pk},
    "estimate:mandate_estimate_delete": lambda w: {"pk": w["mandate"].pk, "estimate_pk": w["saved_estimate"].pk},
    "rights:aid": lambda w: {"slug": w["aid"].slug},
    "rights:aid_edit": lambda w: {"slug": w["aid"].slug},
    "rights:aid_reviewed": lambda w: {"slug": w["aid"].slug},
    "rights:aid_history": lambda w: {"slug": w["aid"].slug},
    "rights:place": lambda w: {"slug": w["rights_place"].slug},
    "rights:permanence": lambda w: {"slug": w["permanence"].slug},
    "rights:book": lambda w: {"slug": w["permanence"].slug},
    "rights:agent_day": lambda w: {"slug": w["permanence"].slug},
    "rights:appointment": lambda w: {"pk": w["appointment"].pk},
    "rights:appointment_step": lambda w: {"pk": w["appointment"].pk, "step": "annuler"},
    "rights:agent_feed": lambda w: {"token": w["agent_feed_token"]},
    "rights:waitlist_join": lambda w: {"slug": w["permanence"].slug},
    "rights:waitlist_withdraw": lambda w: {"pk": w["waitlist_entry"].pk},
    "rights:mandate": lambda w: {"pk": w["mandate"].pk},
    "rights:mandate_print": lambda w: {"pk": w["mandate"].pk},
    "rights:mandate_step": lambda w: {"pk": w["mandate"].pk, "step": "revoquer"},
    "rights:mediator_withdraw": lambda w: {"pk": w["mediator_grant"].pk},
    "grocery:space_cancel": lambda w: {"pk": 999999},  # a visitor's session holds no household: sent to the code form
    "grocery:space_basket": lambda w: {"pk": 999999},  # likewise
    "grocery:orientation": lambda w: {"pk": w["orientation"].pk},
    "grocery:surplus_step": lambda w: {"pk": w["surplus_offer"].pk, "step": "accepter"},
    "grocery:orientation_step": lambda w: {"pk": w["orientation"].pk, "step": "arreter"},
    "gardens:offer_step": lambda w: {"pk": w["garden_offer"].pk, "step": "accepter"},
    "gardens:withdraw": lambda w: {"pk": w["garden_offer"].application_id},
    "gardens:plot_step": lambda w: {"pk": w["garden_allocation"].plot_id, "step": "liberer"},
    "gardens:agreement": lambda w: {"pk": w["garden_allocation"].pk},
    "gardens:orchard": lambda w: {"slug": w["orchard"].slug},
    "gardens:follow": lambda w: {"slug": w["orchard"].slug},
    "gardens:ripe": lambda w: {"slug": w["orchard"].slug},
    "gardens:orchard_actions": lambda w: {"slug": w["orchard"].slug},
    "lending:item": lambda w: {"slug": w["lending_item"].slug},
    "lending:waitlist": lambda w: {"slug": w["lending_item"].slug},
    "lending:photo": lambda w: {
        "slug": w["lending_item"].slug,
        "pk": w["lending_photo"].pk,
        "name": w["lending_photo"].file_name,
    },
    "lending:handover": lambda w: {"pk": w["loan"].pk, "step": "remettre"},
    "lending:manage_item": lambda w: {"slug": w["lending_item"].slug},
    "lending:manage_photo_add": lambda w: {"slug": w["lending_item"].slug},
    "lending:manage_photo_remove": lambda w: {"slug": w["lending_item"].slug, "pk": w["lending_photo"].pk},
    "lending:manage_item_state": lambda w: {"slug": w["lending_item"].slug, "step": "retirer"},
    "lending:loan_step": lambda w: {"pk": w["loan"].pk, "step": "annuler"},
    "equipment:request": lambda w: {"pk": w["equipment_request"].pk},
    "equipment:request_step": lambda w: {"pk": w["equipment_request"].pk, "step": "book"},
    "equipment:device_withdraw": lambda w: {"pk": w["reserved_device"].pk},
    "equipment:device_keep_for_loans": lambda w: {"pk": w["reserved_device"].pk},
    "api:docs_area": lambda w: {"area": "equipment"},
    "equipment:request_lend": lambda w: {"pk": w["equipment_request"].pk},
    "api:equipment-request": lambda w: {"pk": w["equipment_request"].pk},
    "api:equipment-request-step": lambda w: {"pk": w["equipment_request"].pk},
    "directory:invitation_revoke": lambda w: {"slug": w["association"].slug, "pk": w["invitation"].pk},
    "giveaways:gift": lambda w: {"pk": w["gift"].pk},
    "giveaways:gift_step": lambda w: {"pk": w["gift"].pk, "step": "retirer"},
    "giveaways:photo_add": lambda w: {"pk": w["gift"].pk},
    "giveaways:photo": lambda w: {
        "pk": w["gift"].pk,
        "photo_pk": w["gift_photo"].pk,
        "name": w["gift_photo"].file_name,
    },
    "giveaways:wish": lambda w: {"pk": w["gift_wish"].pk},
    "giveaways:wish_close": lambda w: {"pk": w["gift_wish"].pk},
    "giveaways:match_step": lambda w: {"pk": w["gift_match"].pk, "step": "decliner"},
    "giveaways:report": lambda w: {"kind": "don", "pk": w["gift"].pk},
    "giveaways:moderate": lambda w: {"pk": w["gift_report"].pk, "action": "dismiss"},
    "repairs:follow": lambda w: {"slug": w["repair_session"].action.association.slug},
    "repairs:session_list_of": lambda w: {"pk": w["repair_session"].action.pk},
    "repairs:mark": lambda w: {"pk": w["repair_session"].action.pk},
    "repairs:session": lambda w: {"pk": w["repair_session"].action.pk, "day": w["repair_session"].day.isoformat()},
    "repairs:record_step": lambda w: {"pk": w["repair_record"].pk, "step": "issue"},
    "repairs:feed": lambda w: {"token": w["repairs_feed_token"]},
    "api:repairs-records": lambda w: {"pk": w["repair_session"].action.pk, "day": w["repair_session"].day.isoformat()},
    "api:repairs-preregistrations": lambda w: {
        "pk": w["repair_session"].action.pk,
        "day": w["repair_session"].day.isoformat(),
    },
}


def _attachment(world) -> int:
    # No demo attachment: a pk that does not exist still shows who may reach the route (404 for all).
    return world["attachment"].pk if world["attachment"] else 999999


# Routes whose only parameter is the object of their area.
BY_AREA = {
    "support": lambda w: {"pk": w["support"].pk},
    "directory": lambda w: {"slug": w["association"].slug},
    "shops": lambda w: {"slug": w["shop"].slug},
    "dashboard": lambda w: {},
    "grocery": lambda w: {"slug": w["grocery"].slug},
    "gardens": lambda w: {"slug": w["garden"].slug},
    "digital": lambda w: {"pk": w["digital_place"].pk},
}

API_OBJECT = {
    "support-request": lambda w: {"pk": w["support"].pk},
    "support-envelope": lambda w: {"pk": w["envelope"].pk},
    "association": lambda w: {"slug": w["association"].slug},
    "action": lambda w: {"pk": w["action"].pk},
    "help-category": lambda w: {"pk": w["help_request"].category_id},
    "help-request": lambda w: {"pk": w["help_request"].pk},
    "help-offer": lambda w: {"pk": w["help_offer"].pk},
    "help-match": lambda w: {"pk": w["match"].pk},
    "room-booking": lambda w: {"pk": w["booking"].pk},
    "room": lambda w: {"slug": w["room"].slug},
    "shop-initiative": lambda w: {"pk": w["initiative"].pk},
    "shop": lambda w: {"slug": w["shop"].slug},
    "notification": lambda w: {"pk": w["notification"].pk},
    "quartier": lambda w: {"slug": "ragon"},
    "grocery-surplus": lambda w: {"pk": w["surplus_offer"].pk},
    "giveaways-gift": lambda w: {"pk": w["gift"].pk},
    "giveaways-match": lambda w: {"pk": w["gift_match"].pk},
    "grocery": lambda w: {"slug": w["grocery"].slug},
    "garden-offer": lambda w: {"pk": w["garden_offer"].pk},
    "garden-plot": lambda w: {"pk": w["garden_allocation"].plot_id},
    "garden-orchard": lambda w: {"slug": w["orchard"].slug},
    "garden": lambda w: {"slug": w["garden"].slug},
    "lending-item": lambda w: {"slug": w["lending_item"].slug},
    "lending-loan": lambda w: {"pk": w["loan"].pk},
    "digital-place": lambda w: {"pk": w["digital_place"].pk},
    "rights-aid": lambda w: {"slug": w["aid"].slug},
    "rights-place": lambda w: {"slug": w["rights_place"].slug},
    "rights-appointment": lambda w: {"pk": w["appointment"].pk},
    "rights-mandate": lambda w: {"pk": w["mandate"].pk},
    "repairs-record": lambda w: {"pk": w["repair_record"].pk},
}


def api_kwargs(name: str, world: dict) -> dict:
    route = name.partition(":")[2]
    if route.endswith("-list") or route in ("api-root", "me", "schema", "docs", "notification-mark-read"):
        return {}
    for basename in sorted(API_OBJECT, key=len, reverse=True):
        if route.startswith(basename + "-"):
            return API_OBJECT[basename](world)
    return {}


def _repairs(neighbour) -> dict:
    """The demo repair café's next session, one of its records, and the neighbour's calendar secret."""
    from solidarite.repairs import services
    from solidarite.repairs.models import RepairRecord

    session = next(iter(services.upcoming_sessions()), None)
    return {
        "repair_session": session,
        "repair_record": RepairRecord.objects.order_by("pk").first(),
        "repairs_feed_token": services.feed_token(neighbour).token,
    }
