"""Staff dashboard: each figure as a chart, a table and a CSV file, over a period staff pick."""

import csv
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from solidarite.accounts.roles import require_city_staff
from solidarite.dashboard import charts, figures
from solidarite.dashboard.forms import PeriodForm


@login_required
@require_GET
def index(request):
    require_city_staff(request.user)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "dashboard/index.html", {"form": form, "period": None, "sections": []}, status=400)
    period = form.get_period()
    sections = [{"table": table, "charts": charts.charts_for(table)} for table in figures.all_tables(period)]
    context = {
        "form": form,
        "period": period,
        "sections": sections,
        "query": urlencode({"period": form.cleaned_data["period"]}),
    }
    return render(request, "dashboard/index.html", context)


@login_required
@require_GET
def table_csv(request, slug):
    require_city_staff(request.user)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return HttpResponse(" ".join(form.errors["period"]), status=400, content_type="text/plain; charset=utf-8")
    period = form.get_period()
    table = next((table for table in figures.all_tables(period) if table.slug == slug), None)
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{period.slug}.csv"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(table.columns)
    # For people (a spreadsheet): amounts the French way, as on the page.
    for row in table.display_rows:
        writer.writerow(["" if value is None else value for value in row])
    return response
