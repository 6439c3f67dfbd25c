"""Staff dashboard: each figure as a chart, a table and a CSV file."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from solidarite.accounts.roles import is_city_staff
from solidarite.dashboard import charts, figures


def _require_staff(request):
    if not is_city_staff(request.user):
        raise PermissionDenied


@login_required
@require_GET
def index(request):
    _require_staff(request)
    sections = [{"table": table, "chart": charts.chart_for(table)} for table in figures.all_tables()]
    return render(request, "dashboard/index.html", {"sections": sections})


@login_required
@require_GET
def table_csv(request, slug):
    _require_staff(request)
    table = next((table for table in figures.all_tables() if table.slug == slug), None)
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if value is None else value for value in row])
    return response
