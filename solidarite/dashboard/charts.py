"""Server-rendered SVG bar charts: no JavaScript, no external library, readable by screen readers.

Each chart is an ``<svg role="img">`` with a title and a description; every bar carries its value as
text, and the same numbers are always printed in a table next to the chart (and offered as CSV).
Colours come with a written legend, so no meaning rests on colour alone.
"""

from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

PALETTE = ["#1b6e5a", "#b34700", "#5b6470", "#2f5fa7", "#8a3f8f"]
WIDTH = 720
LABEL_W = 210
BAR_H = 22
GAP = 10
TOP = 34


def _number(value) -> float:
    if value is None:
        return 0.0
    return float(value) if isinstance(value, Decimal | int | float) else 0.0


def _fmt(value) -> str:
    number = _number(value)
    text = f"{number:,.1f}" if number % 1 else f"{number:,.0f}"
    return text.replace(",", "\u202f").replace(".", ",")


def _legend(series_names, y) -> list[str]:
    parts, x = [], 0
    for index, name in enumerate(series_names):
        color = PALETTE[index % len(PALETTE)]
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="14" height="14" fill="{}"></rect>'
                '<text x="{}" y="{}" class="legend">{}</text>',
                x,
                y,
                color,
                x + 20,
                y + 12,
                name,
            )
        )
        x += 30 + 8 * len(str(name))
    return parts


def _svg(chart_id: str, title: str, description: str, height: int, body: list[str]):
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe("".join(body)),  # noqa: S308 - every part was built with format_html
    )


def horizontal(chart_id: str, title: str, labels: list[str], series: list[tuple[str, list]]):
    """One bar per label, its series stacked left to right."""
    totals = [sum(_number(values[i]) for _name, values in series) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    scale = (WIDTH - LABEL_W - 70) / peak
    body = _legend([name for name, _values in series], 4)
    for row, label in enumerate(labels):
        y = TOP + row * (BAR_H + GAP)
        body.append(format_html('<text x="0" y="{}" class="label">{}</text>', y + 16, str(label)[:34]))
        x = LABEL_W
        for index, (name, values) in enumerate(series):
            width = _number(values[row]) * scale
            if width > 0:
                body.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} : {}</title></rect>',
                        round(x, 1),
                        y,
                        round(width, 1),
                        BAR_H,
                        PALETTE[index % len(PALETTE)],
                        name,
                        _fmt(values[row]),
                    )
                )
            x += width
        body.append(
            format_html('<text x="{}" y="{}" class="value">{}</text>', round(x + 6, 1), y + 16, _fmt(totals[row]))
        )
    height = TOP + max(len(labels), 1) * (BAR_H + GAP)
    description = "; ".join(
        f"{label} : " + ", ".join(f"{name} {_fmt(values[i])}" for name, values in series)
        for i, label in enumerate(labels)
    )
    return _svg(chart_id, title, description, height, body)


def vertical(chart_id: str, title: str, labels: list[str], series: list[tuple[str, list]]):
    """One column per label (e.g. a month), its series stacked bottom to top."""
    plot_h = 200
    totals = [sum(_number(values[i]) for _name, values in series) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    step = (WIDTH - 20) / max(len(labels), 1)
    bar_w = max(step * 0.6, 4)
    base = TOP + 16 + plot_h
    body = _legend([name for name, _values in series], 4)
    for col, label in enumerate(labels):
        x = 10 + col * step + (step - bar_w) / 2
        y = base
        for index, (name, values) in enumerate(series):
            height = _number(values[col]) / peak * plot_h
            if height > 0:
                y -= height
                body.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} — {} : {}</title></rect>',
                        round(x, 1),
                        round(y, 1),
                        round(bar_w, 1),
                        round(height, 1),
                        PALETTE[index % len(PALETTE)],
                        label,
                        name,
                        _fmt(values[col]),
                    )
                )
        body.append(
            format_html(
                '<text x="{}" y="{}" class="value" text-anchor="middle">{}</text>',
                round(x + bar_w / 2, 1),
                round(y - 4, 1),
                _fmt(totals[col]),
            )
        )
        short = str(label)[:3] + " " + str(label)[-2:] if len(str(label)) > 6 else str(label)
        body.append(
            format_html(
                '<text x="{}" y="{}" class="label" text-anchor="middle">{}</text>',
                round(x + bar_w / 2, 1),
                base + 16,
                short,
            )
        )
    description = "; ".join(
        f"{label} : " + ", ".join(f"{name} {_fmt(values[i])}" for name, values in series)
        for i, label in enumerate(labels)
    )
    return _svg(chart_id, title, description, base + 24, body)


def chart_for(table):
    """The chart that suits each table of ``figures``."""
    labels = [row[0] for row in table.rows]

    def column(index):
        return [row[index] for row in table.rows]

    slug, cols = table.slug, table.columns
    if slug in ("entraide-par-mois",):
        return vertical(slug, table.title, labels, [(cols[i], column(i)) for i in (1, 2, 3)])
    if slug in ("entraide-par-categorie", "entraide-par-quartier"):
        return horizontal(slug, table.title, labels, [(cols[i], column(i)) for i in (1, 2, 3)])
    if slug == "delai-premiere-mise-en-relation":
        return horizontal(slug, table.title, labels, [(cols[2], column(2))])
    if slug == "actions-par-mois":
        return vertical(slug, table.title, labels, [(cols[1], column(1)), (cols[2], column(2))])
    if slug == "occupation-des-salles":
        return horizontal(slug, table.title, labels, [(cols[2], column(2))])
    if slug == "soutiens-par-etat":
        return horizontal(slug, table.title, labels, [(cols[1], column(1))])
    if slug == "enveloppes":
        return horizontal(slug, table.title, labels, [(cols[2], column(2)), (cols[3], column(3))])
    return escape("")
