from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EstimateConfig(AppConfig):
    name = "solidarite.estimate"
    label = "estimate"
    verbose_name = _("Estimation des droits")

    def ready(self):
        from solidarite.accounts import personal_data
        from solidarite.estimate import personal_data as estimate_data

        personal_data.register(estimate_data.handler())
        from solidarite.estimate import mandate_estimates, notices, sharing
        from solidarite.rights import appointments, mandates

        notices.register()
        mandates.register_end_hook(mandate_estimates.end_hook)
        appointments.register_day_links(sharing.day_links)
        # Production loads the tax-benefit system (3-5 s, ~250 MB) in the estimate worker at start-up,
        # so that no person waits for it; the demo and the tests load it on first use (engine.py).
        from django.conf import settings

        if getattr(settings, "ESTIMATE_PRELOAD", False):
            from solidarite.estimate import pool

            pool.start(preload=True)
