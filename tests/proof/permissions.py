"""THE permissions table: who may reach each route (read by tests/proof/test_permissions_matrix.py).

Roles (see the test's docstring for who they are in the demo world):
    visitor · neighbour (author of the help request, one side of its match) · other (another neighbour)
    manager (of another association) · shopkeeper (of another shop) · staff (city staff)

Each route maps HTTP methods to the roles allowed, in the order of ROLES ("nobody" when none is).
POST routes are sent an empty form: an allowed role gets a form error or a redirect, a refused one a
403/404 or the sign-in page. A new route fails the test until it is added here.
"""

ROLES = ["visitor", "neighbour", "other", "manager", "shopkeeper", "staff"]
ALL = " ".join(ROLES)
SIGNED_IN = "neighbour other manager shopkeeper staff"

METHODS_BODY = {"POST": {"data": {}}}

# Routes the matrix does not request, and why.
SKIPPED = {
    "accounts:logout": "signs the client out (tested in tests/accounts)",
    "accounts:confirm_email": "needs a one-time token (tested in tests/accounts and the e2e journey)",
    "accounts:password_reset_confirm": "needs a one-time token (Django's own view)",
    "accounts:delete_account": "deletes the account (tested in tests/accounts and the e2e journey)",
    "set_language": "Django's language switch, no data",
    "api:api-root": "DRF's index of the API routes",
}

ROUTES: dict[str, dict[str, str]] = {
    # --- pages
    "home": {"GET": ALL},
    "accessibility": {"GET": ALL},
    "legal": {"GET": ALL},
    "privacy": {"GET": ALL},
    "healthz": {"GET": ALL},
    # --- accounts
    "accounts:sign_up": {"GET": ALL, "POST": ALL},
    "accounts:login": {"GET": ALL, "POST": ALL},
    "accounts:password_change": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "accounts:password_change_done": {"GET": SIGNED_IN},
    "accounts:password_reset": {"GET": ALL, "POST": ALL},
    "accounts:password_reset_done": {"GET": ALL},
    "accounts:password_reset_complete": {"GET": ALL},
    "accounts:profile": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "accounts:api_token_create": {"POST": SIGNED_IN},
    "accounts:api_token_revoke": {"POST": "neighbour"},
    "accounts:my_data": {"GET": SIGNED_IN},
    "accounts:export_data": {"GET": SIGNED_IN},
    # --- notifications
    "notifications:list": {"GET": SIGNED_IN},
    "notifications:mark_all_read": {"POST": SIGNED_IN},
    # --- help
    "help:feed": {"GET": ALL},
    "help:offer_feed": {"GET": ALL},
    "help:request_new": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "help:offer_new": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "help:my_posts": {"GET": SIGNED_IN},
    "help:request": {"GET": ALL},
    "help:request_edit": {"GET": "neighbour", "POST": "neighbour"},
    "help:request_close": {"POST": "neighbour"},
    "help:offer": {"GET": ALL},
    "help:offer_status": {"POST": "nobody"},
    "help:match": {"GET": "neighbour", "POST": "neighbour"},
    "help:match_transition": {"POST": "neighbour"},
    "help:report": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "help:moderation": {"GET": "staff"},
    "help:moderate": {"GET": "staff", "POST": "staff"},
    # --- rooms
    "rooms:list": {"GET": ALL},
    "rooms:mine": {"GET": SIGNED_IN},
    "rooms:new_feed_token": {"POST": SIGNED_IN},
    "rooms:queue": {"GET": "staff"},
    "rooms:cancel": {"GET": "nobody", "POST": "nobody"},
    "rooms:decide": {"POST": "staff"},
    "rooms:private_feed": {"GET": ALL},  # a capability URL: the token is the key
    "rooms:association_feed": {"GET": ALL},
    "rooms:week": {"GET": ALL},
    "rooms:book": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "rooms:daily": {"GET": "staff"},
    "rooms:room_feed": {"GET": ALL},
    "rooms:photo": {"GET": ALL},
    # --- support
    "support:mine": {"GET": SIGNED_IN},
    "support:new": {"GET": "manager", "POST": "manager"},
    "support:queue": {"GET": "staff"},
    "support:envelopes": {"GET": "staff"},
    "support:detail": {"GET": "nobody"},
    "support:edit": {"GET": "nobody", "POST": "nobody"},
    "support:step": {"POST": "nobody"},
    "support:message": {"POST": "nobody"},
    "support:upload": {"POST": "nobody"},
    "support:attachment": {"GET": "nobody"},
    "support:delete_attachment": {"POST": "nobody"},
    "support:note": {"POST": "nobody"},
    "support:assign": {"POST": "nobody"},
    "support:grant": {"POST": "nobody"},
    # --- dashboard
    "dashboard:index": {"GET": "staff"},
    "dashboard:csv": {"GET": "staff"},
    # --- pages
    "scdl_subventions": {"GET": ALL},  # open data
    # --- directory
    "directory:list": {"GET": ALL, "POST": ALL},
    "directory:request": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "directory:verification": {"GET": "staff", "POST": "staff"},
    "directory:structures_json": {"GET": ALL, "POST": ALL},
    "directory:structures_csv": {"GET": ALL, "POST": ALL},
    "directory:detail": {"GET": ALL, "POST": ALL},
    "directory:edit": {"GET": "nobody", "POST": "nobody"},
    "directory:managers": {"GET": "staff", "POST": "staff"},  # and the association's own managers
    "directory:invitation_revoke": {"POST": "staff"},
    "directory:leave": {"POST": "nobody"},
    "directory:action_create": {"GET": "nobody", "POST": "nobody"},
    "directory:verify": {"POST": "staff"},
    "directory:refuse": {"POST": "staff"},
    "directory:hide": {"POST": "staff"},
    "directory:show": {"POST": "staff"},
    "directory:merge": {"POST": "staff"},
    "directory:postal_code_exception": {"GET": "staff", "POST": "staff"},
    "directory:association_ics": {"GET": ALL, "POST": ALL},
    "directory:association_rss": {"GET": ALL, "POST": ALL},
    "directory:association_atom": {"GET": ALL, "POST": ALL},
    "directory:agenda": {"GET": ALL, "POST": ALL},
    "directory:agenda_ics": {"GET": ALL, "POST": ALL},
    "directory:agenda_rss": {"GET": ALL, "POST": ALL},
    "directory:agenda_atom": {"GET": ALL, "POST": ALL},
    # An invitation to manage the world's association, sent to the neighbour's address: the link shows
    # a visitor how to sign in; of the signed-in, only the invited address's account may see and answer it.
    "directory:invitation": {"GET": "visitor neighbour"},
    "directory:my_invitations": {"GET": SIGNED_IN},
    "directory:invitation_answer": {"POST": "neighbour"},
    "directory:action": {"GET": ALL, "POST": ALL},
    "directory:action_edit": {"GET": "nobody", "POST": "nobody"},
    "directory:action_cancel": {"POST": "nobody"},
    "directory:participate": {"POST": SIGNED_IN},
    "directory:withdraw": {"POST": SIGNED_IN},
    # --- shops
    "shops:list": {"GET": ALL, "POST": ALL},
    "shops:map": {"GET": ALL, "POST": ALL},
    "shops:create": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "shops:mine": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "shops:verification": {"GET": "staff", "POST": "staff"},
    "shops:claim_approve": {"POST": "staff"},
    "shops:claim_reject": {"POST": "staff"},
    "shops:initiatives": {"GET": ALL, "POST": ALL},
    "shops:initiatives_rss": {"GET": ALL, "POST": ALL},
    "shops:initiatives_atom": {"GET": ALL, "POST": ALL},
    "shops:initiative": {"GET": ALL, "POST": ALL},
    "shops:initiative_edit": {"GET": "nobody", "POST": "nobody"},
    "shops:initiative_end": {"POST": "nobody"},
    "shops:detail": {"GET": ALL, "POST": ALL},
    "shops:edit": {"GET": "nobody", "POST": "nobody"},
    "shops:claim": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "shops:verify": {"POST": "staff"},
    "shops:hide": {"POST": "staff"},
    "shops:show": {"POST": "staff"},
    "shops:initiative_create": {"GET": "nobody", "POST": "nobody"},
    # --- access to rights (guide of aids, points d'accueil): reading is public, editing is city staff's
    "rights:aids": {"GET": ALL},
    "rights:aid_create": {"GET": "staff", "POST": "staff"},
    "rights:aid": {"GET": ALL},
    "rights:aid_edit": {"GET": "staff", "POST": "staff"},
    "rights:aid_reviewed": {"POST": "staff"},
    "rights:aid_history": {"GET": "staff"},
    "rights:places": {"GET": ALL},
    "rights:place": {"GET": ALL},
    # permanences: slots are public; booking needs an account; an appointment is its person's (the
    # neighbour here) and its permanence's agents' (the demo agent, none of these roles): 404 to others
    "rights:permanence": {"GET": ALL},
    "rights:book": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "rights:agent_day": {"GET": "nobody"},
    "rights:my_appointments": {"GET": SIGNED_IN},
    "rights:waitlist_join": {"POST": SIGNED_IN},  # refused with a message while a slot is free: a redirect
    "rights:waitlist_withdraw": {"POST": "neighbour"},  # one's own place on a list; 404 for anyone else
    "rights:appointment": {"GET": "neighbour"},
    "rights:appointment_step": {"POST": "neighbour"},
    "rights:agent_feed": {"GET": ALL},  # the secret address is the permission
    # mandates: the demo's one belongs to the mediator's structure (no role here) → staff only; 404 for others
    "rights:mandates": {"GET": SIGNED_IN},
    "rights:mandate_create": {"GET": "nobody", "POST": "nobody"},  # mediators only (tests/rights)
    "rights:mandate": {"GET": "staff"},
    "rights:mandate_print": {"GET": "staff"},
    "rights:mandate_step": {"POST": "staff"},
    "rights:mediators": {"GET": "staff", "POST": "staff"},
    "rights:mediator_withdraw": {"POST": "staff"},
    "rights:services_json": {"GET": ALL},  # open data (data·inclusion)
    "rights:structures_json": {"GET": ALL},
    # --- estimate of rights: open to everybody (answers in the session only; a mediator fills it with a
    # resident on the phone on their own session)
    "estimate:start": {"GET": ALL},
    "estimate:step": {"GET": ALL, "POST": ALL},
    "estimate:compute": {"POST": ALL},
    "estimate:progress": {"GET": ALL},
    "estimate:result": {"GET": ALL},
    "estimate:forget": {"POST": ALL},
    "estimate:save": {"POST": SIGNED_IN},  # nothing to save in an empty session: a message, no row
    "estimate:saved": {"GET": SIGNED_IN},
    "estimate:saved_detail": {"GET": "neighbour"},  # the neighbour's own saved estimate
    "estimate:saved_resume": {"POST": "neighbour"},
    "estimate:saved_delete": {"POST": "neighbour"},
    "estimate:follow": {"POST": "neighbour"},
    "estimate:claims": {"GET": SIGNED_IN},
    "estimate:claim_step": {"POST": "neighbour"},
    "estimate:claim_reminder": {"POST": "neighbour"},  # an empty form: a French message, nothing changed
    "estimate:share": {"POST": "neighbour"},  # no consent ticked: refused with a message, no row
    "estimate:share_revoke": {"POST": "neighbour"},
    # an estimate shared with an appointment: its permanence's agents only (the demo agent, none of these roles)
    "estimate:shared": {"GET": "nobody"},
    # under a mandate: the mediators of its structure only (none of these roles; tests/estimate)
    "estimate:mandate_start": {"POST": "nobody"},
    "estimate:mandate": {"GET": "nobody"},
    "estimate:mandate_estimate_delete": {"POST": "nobody"},
    # --- épicerie sociale: public pages and the household's space (by code, no account: a visitor reaches
    # it and is sent to the code form); prescribers', the till's and managers' pages are for people none
    # of these roles are (the demo's prescriber, volunteer and manager); granting prescribers is staff's
    "grocery:list": {"GET": ALL},
    "grocery:detail": {"GET": ALL},
    "grocery:access": {"GET": ALL, "POST": ALL},
    "grocery:space": {"GET": ALL},
    "grocery:space_book": {"POST": ALL},
    "grocery:space_cancel": {"POST": ALL},
    "grocery:space_basket": {"POST": ALL},
    "grocery:space_leave": {"POST": ALL},
    "grocery:space_link": {"POST": ALL},
    "grocery:orientations": {"GET": "nobody"},
    "grocery:orient": {"GET": "nobody", "POST": "nobody"},
    "grocery:orientation": {"GET": "nobody"},
    "grocery:orientation_step": {"POST": "nobody"},
    "grocery:prescribers": {"GET": "staff", "POST": "staff"},
    "grocery:till": {"GET": "nobody", "POST": "nobody"},
    "grocery:day": {"GET": "nobody"},
    "grocery:volunteers": {"GET": "nobody", "POST": "nobody"},
    "grocery:needs": {"GET": "nobody", "POST": "nobody"},
    "grocery:stock": {"GET": "nobody", "POST": "nobody"},
    "grocery:services_json": {"GET": ALL},  # open data (data·inclusion)
    "grocery:structures_json": {"GET": ALL},
    # surplus: the list shows each signed-in person what is theirs (often nothing); offering needs a
    # verified shop (the demo's shopkeeper owns one); a step is its owner's or a matched manager's
    # --- places of digital help (the world's place is a point d'accueil: staff edit it)
    "digital:places": {"GET": ALL},
    "digital:map": {"GET": ALL},
    "digital:place": {"GET": ALL},
    "digital:place_create": {"GET": "manager shopkeeper staff", "POST": "manager shopkeeper staff"},
    "digital:place_edit": {"GET": "staff", "POST": "staff"},
    "digital:export_json": {"GET": ALL},  # open data (lieux de médiation numérique)
    "digital:export_csv": {"GET": ALL},
    "digital:services_json": {"GET": ALL},  # open data (data·inclusion)
    "digital:structures_json": {"GET": ALL},
    "grocery:surplus": {"GET": SIGNED_IN},
    "grocery:surplus_new": {"GET": "shopkeeper", "POST": "shopkeeper"},
    "grocery:surplus_step": {"POST": "nobody"},
    # --- gardens (the world's garden and orchard are the town's: city staff run them)
    "gardens:list": {"GET": ALL},
    "gardens:mine": {"GET": SIGNED_IN},
    "gardens:offer_step": {"POST": "nobody"},  # an offer made to a demo gardener: a 404 for anyone else
    "gardens:withdraw": {"POST": "nobody"},  # likewise, another person's application
    "gardens:plot_step": {"POST": "staff"},
    "gardens:agreement": {"POST": "staff"},
    "gardens:gardens_geojson": {"GET": ALL},  # open data
    "gardens:trees_geojson": {"GET": ALL},
    "gardens:orchard": {"GET": ALL},
    "gardens:follow": {"POST": SIGNED_IN},
    "gardens:ripe": {"POST": "staff"},
    "gardens:orchard_actions": {"POST": "staff"},
    "gardens:garden": {"GET": ALL},
    "gardens:apply": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "gardens:manage": {"GET": "staff"},
    "gardens:garden_actions": {"POST": "staff"},
    # --- objethèque: the world's loan is the neighbour's booking of a town kit (city staff manage the town's items)
    "lending:items": {"GET": ALL},
    "lending:item": {"GET": ALL, "POST": SIGNED_IN},  # a visitor's POST is sent to sign in
    "lending:waitlist": {"POST": SIGNED_IN},
    "lending:photo": {"GET": ALL},
    "lending:my_loans": {"GET": SIGNED_IN},
    "lending:manage": {"GET": "staff"},
    "lending:handover": {"GET": "staff", "POST": "staff"},
    "lending:loan_step": {"POST": "neighbour staff"},  # cancel: the borrower or the owner's managers
    # The lenders' catalogue: the world's item is a town kit (city staff manage it); the others manage no lender.
    "lending:manage_items": {"GET": "staff"},
    "lending:manage_item_new": {"GET": "staff", "POST": "staff"},  # an empty form: 400
    "lending:manage_item": {"GET": "staff", "POST": "staff"},
    "lending:manage_photo_add": {"POST": "staff"},
    "lending:manage_photo_remove": {"POST": "staff"},
    "lending:manage_item_state": {"POST": "staff"},
    # --- giveaways (dons): the world's gift is the demo's, on offer (public), given by a neighbour who is none of
    # the roles; its match and the wish belong to another demo neighbour: their steps are nobody's here
    "giveaways:list": {"GET": ALL},
    "giveaways:gift_new": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "giveaways:wish_new": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "giveaways:mine": {"GET": SIGNED_IN},
    "giveaways:moderation": {"GET": "staff"},
    "giveaways:moderate": {"POST": "staff"},
    "giveaways:report": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "giveaways:wish": {"GET": "staff"},
    "giveaways:wish_close": {"POST": "nobody"},
    "giveaways:match_step": {"POST": "nobody"},
    "giveaways:gift": {"GET": ALL},
    "giveaways:photo_add": {"POST": "nobody"},
    "giveaways:photo": {"GET": ALL},
    "giveaways:gift_step": {"POST": "nobody"},
    "repairs:index": {"GET": ALL},
    "repairs:mine": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "repairs:follow": {"POST": SIGNED_IN},
    "repairs:session_list_of": {"GET": ALL},
    "repairs:mark": {"POST": "nobody"},  # the organising association's managers
    "repairs:session": {"GET": ALL, "POST": SIGNED_IN},  # an empty pre-registration is a 400
    "repairs:record_step": {"POST": "nobody"},  # the session's volunteers (and a pre-registration's owner)
    "repairs:feed": {"GET": ALL},  # the secret address is the key
    "repairs:ords_csv": {"GET": ALL},  # open data
    # equipment: the world's request is the neighbour's (staff see every one, others get a 404)
    "equipment:home": {"GET": ALL},
    "equipment:ask": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "equipment:mine": {"GET": SIGNED_IN},
    "equipment:request": {"GET": "neighbour staff"},
    "equipment:request_step": {"POST": "neighbour"},  # « book »: the household's step (no slot sent: a message)
    "equipment:batches": {"GET": "nobody", "POST": "nobody"},  # refurbishers only (none among the roles)
    "equipment:device_withdraw": {"POST": "staff"},  # a reserved device: staff may, the state says no
    "equipment:device_keep_for_loans": {"POST": "staff"},  # the same reserved device: staff may, the state says no
    "equipment:request_lend": {"POST": "staff"},  # an empty form: staff get the form's errors (400)
    "equipment:desk": {"GET": "staff"},
    "equipment:refurbishers": {"GET": "staff", "POST": "staff"},
    # --- api
    "api:me": {"GET": SIGNED_IN, "PATCH": SIGNED_IN},
    "api:schema": {"GET": ALL},
    "api:docs": {"GET": ALL},
    "api:docs_area": {"GET": ALL},
    "api:support-request-list": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "api:support-request-detail": {"GET": "nobody", "PATCH": "nobody"},
    "api:support-request-assign": {"POST": "nobody"},
    "api:support-request-attachments": {"POST": "nobody"},
    "api:support-request-grant": {"POST": "nobody"},
    "api:support-request-messages": {"POST": "nobody"},
    "api:support-request-notes": {"GET": "nobody", "POST": "nobody"},
    "api:support-request-transition": {"POST": "nobody"},
    "api:support-envelope-list": {"GET": "staff"},
    "api:support-envelope-detail": {"GET": "staff"},
    "api:association-list": {"GET": ALL, "POST": SIGNED_IN},
    "api:association-detail": {"GET": ALL, "PATCH": "nobody"},
    "api:action-list": {"GET": ALL, "POST": SIGNED_IN},
    "api:action-detail": {"GET": ALL, "PATCH": "nobody"},
    "api:action-cancel": {"POST": "nobody"},
    "api:action-participants": {"GET": "staff"},
    "api:action-participate": {"POST": SIGNED_IN},
    "api:help-category-list": {"GET": ALL},
    "api:help-category-detail": {"GET": ALL},
    "api:help-request-list": {"GET": ALL, "POST": SIGNED_IN},
    "api:help-request-detail": {"GET": ALL},
    "api:help-request-close": {"POST": "neighbour"},
    "api:help-request-matches": {"GET": "neighbour"},
    "api:help-offer-list": {"GET": ALL, "POST": SIGNED_IN},
    "api:help-offer-detail": {"GET": ALL},
    "api:help-offer-close": {"POST": "nobody"},
    "api:help-offer-pause": {"POST": "nobody"},
    "api:help-offer-resume": {"POST": "nobody"},
    "api:help-match-list": {"GET": SIGNED_IN},
    "api:help-match-detail": {"GET": "neighbour"},
    "api:help-match-accept": {"POST": "neighbour"},
    "api:help-match-decline": {"POST": "neighbour"},
    "api:help-match-mark-done": {"POST": "neighbour"},
    "api:help-match-messages": {"GET": "neighbour", "POST": "neighbour"},
    "api:help-match-offer-help": {"POST": "nobody"},
    "api:help-match-withdraw": {"POST": "neighbour"},
    "api:help-report-list": {"POST": SIGNED_IN},
    "api:room-booking-list": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "api:room-booking-detail": {"GET": "nobody"},
    "api:room-booking-approve": {"POST": "nobody"},
    "api:room-booking-cancel": {"POST": "nobody"},
    "api:room-booking-refuse": {"POST": "nobody"},
    "api:room-list": {"GET": ALL},
    "api:room-detail": {"GET": ALL},
    "api:room-availability": {"GET": ALL},
    "api:shop-initiative-list": {"GET": ALL, "POST": SIGNED_IN},
    "api:shop-initiative-detail": {"GET": ALL, "PATCH": "nobody"},
    "api:shop-initiative-end": {"POST": "nobody"},
    "api:shop-list": {"GET": ALL, "POST": SIGNED_IN},
    "api:shop-detail": {"GET": ALL, "PATCH": "nobody"},
    "api:shop-claim": {"POST": SIGNED_IN},
    "api:notification-list": {"GET": SIGNED_IN},
    "api:notification-mark-read": {"POST": SIGNED_IN},
    "api:notification-detail": {"GET": "neighbour"},
    "api:digital-place-list": {"GET": ALL, "POST": SIGNED_IN},  # an empty body is a 400 before any place is read
    "api:digital-place-detail": {"GET": ALL, "PATCH": "staff"},
    "api:grocery-slots": {"GET": ALL},
    "api:grocery-bookings": {"POST": ALL},  # the code in the body is the key (an empty body: 400)
    "api:grocery-basket": {"POST": ALL},  # likewise
    "api:grocery-till": {"POST": "nobody"},
    "api:grocery-visits": {"GET": "nobody", "POST": "nobody"},
    "api:grocery-surplus-list": {"GET": SIGNED_IN, "POST": SIGNED_IN},  # an empty body is a 400 before the shop is read
    "api:grocery-surplus-step": {"POST": SIGNED_IN},  # likewise: the step is read first
    "api:garden-list": {"GET": ALL},
    "api:garden-application-list": {"GET": SIGNED_IN},
    "api:garden-offer-step": {"POST": "nobody"},  # the offer is another person's: 404
    "api:garden-plot-step": {"POST": "staff"},  # the manager is checked before the body (then a 400)
    "api:garden-tree-list": {"GET": ALL},
    "api:garden-orchard-follow": {"POST": SIGNED_IN, "DELETE": SIGNED_IN},
    "api:garden-detail": {"GET": ALL},
    "api:garden-apply": {"POST": SIGNED_IN},  # an empty body: 400 (consent is required)
    "api:lending-item-list": {"GET": ALL},
    "api:lending-item-detail": {"GET": ALL},
    "api:lending-item-availability": {"GET": ALL},
    "api:lending-loan-list": {"GET": SIGNED_IN, "POST": SIGNED_IN},  # an empty body: 400
    "api:lending-loan-detail": {"GET": "neighbour staff"},
    "api:lending-loan-cancel": {"POST": "neighbour staff"},
    "api:lending-loan-hand-over": {"POST": "staff"},  # the borrower is refused before the body is read
    "api:lending-loan-take-back": {"POST": "staff"},
    "api:giveaways-gift-list": {"GET": ALL, "POST": SIGNED_IN},
    "api:giveaways-gift-detail": {"GET": ALL},
    "api:giveaways-gift-step": {"POST": SIGNED_IN},  # an empty body is a 400 before the giver is checked
    "api:giveaways-wish-list": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "api:giveaways-match-list": {"GET": SIGNED_IN},
    "api:giveaways-match-step": {"POST": "nobody"},  # only the matches one is a side of are found
    "api:equipment-rules": {"GET": ALL},
    "api:equipment-requests": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "api:equipment-request": {"GET": "neighbour staff"},
    "api:equipment-request-step": {"POST": "neighbour staff"},  # a request one cannot see is a 404 before the body
    "api:equipment-batches": {"POST": "nobody"},  # refurbishers only
    "api:rights-aid-list": {"GET": ALL},
    "api:rights-aid-detail": {"GET": ALL},
    "api:rights-place-list": {"GET": ALL},
    "api:rights-place-detail": {"GET": ALL},
    "api:rights-slot-list": {"GET": ALL},  # without ?permanence= a 400 (bad input) for everyone
    "api:rights-appointment-list": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "api:rights-appointment-detail": {"GET": "neighbour"},
    "api:rights-appointment-cancel": {"POST": "neighbour"},
    "api:rights-mandate-list": {"GET": SIGNED_IN, "POST": "nobody"},  # recording: mediators only
    "api:rights-mandate-detail": {"GET": "staff"},
    "api:rights-mandate-revoke": {"POST": "staff"},
    "api:quartier-list": {"GET": ALL},
    "api:quartier-detail": {"GET": ALL},
    "api:repairs-sessions": {"GET": ALL},
    "api:repairs-records": {"GET": "nobody", "POST": "nobody"},  # the session's volunteers only
    "api:repairs-preregistrations": {"POST": SIGNED_IN},  # an empty body is a 400
    "api:repairs-record-step": {"POST": SIGNED_IN},  # the step is read before who may take it: an empty body is a 400
}
