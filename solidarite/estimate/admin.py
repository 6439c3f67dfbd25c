"""Admin: only the anonymous tally, shown and never edited (the counts are the dashboard's). Saved estimates
and claims are the person's alone (tests/solidarite/test_admin.py: THE_PERSONS_ALONE)."""

from django.contrib import admin

from solidarite.admin_bases import AuditAdmin
from solidarite.estimate.models import EstimateTally


@admin.register(EstimateTally)
class EstimateTallyAdmin(AuditAdmin):
    list_display = ["month", "aid_code", "estimates", "found"]
    list_filter = ["aid_code"]
    search_fields = ["aid_code"]
    date_hierarchy = "month"
