"""Server-rendered SVG bar charts and a map: no JavaScript, no external library, readable by screen readers.

Each chart is an ``<svg role="img">`` with a title and a description; every bar carries its value as
text, and the same numbers are always printed in a table next to the chart (and offered as CSV).
Colours come with a written legend, so no meaning rests on colour alone.
"""

import math
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidarite import money

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


def horizontal(chart_id: str, title: str, labels: list[str], series: list[tuple[str, list]], fmt=None):
    """One bar per label, its series stacked left to right; ``fmt`` prints a value (default: a count)."""
    fmt = fmt or _fmt
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
                        fmt(values[row]),
                    )
                )
            x += width
        body.append(
            format_html('<text x="{}" y="{}" class="value">{}</text>', round(x + 6, 1), y + 16, fmt(totals[row]))
        )
    height = TOP + max(len(labels), 1) * (BAR_H + GAP)
    description = "; ".join(
        f"{label} : " + ", ".join(f"{name} {fmt(values[i])}" for name, values in series)
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
    # Past a year of columns, one month label out of two: the names would overlap.
    label_every = math.ceil(len(labels) / 12) if labels else 1
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
        if col % label_every:
            continue
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


# --- the map -----------------------------------------------------------------------------------------

MAP_MARGIN_X = 110  # room for a label centred under a disc at the edge
MAP_TOP = 70  # the legend
MAP_BOTTOM = 86
MAP_INNER_W = WIDTH - 2 * MAP_MARGIN_X
MAP_INNER_H = 600
MAP_MAX_R = 38.0
MET_COLOR, UNMET_COLOR, EMPTY_COLOR = PALETTE[0], PALETTE[1], PALETTE[2]


def _project(places: dict[str, tuple[float, float]]) -> tuple[dict[str, tuple[float, float]], float]:
    """Latitude/longitude to SVG x/y (equirectangular, fine at a town's scale), fitted to the width."""
    lats = [lat for lat, _lon in places.values()]
    lons = [lon for _lat, lon in places.values()]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))  # a degree of longitude is shorter than one of latitude
    span_x = (max(lons) - min(lons)) * shrink
    span_y = max(lats) - min(lats)
    scale = min(MAP_INNER_W / max(span_x, 1e-9), MAP_INNER_H / max(span_y, 1e-9))
    # A lone quartier (or a row of them) sits in the middle rather than in a corner.
    offset_x = (MAP_INNER_W - span_x * scale) / 2
    points = {
        name: (
            MAP_MARGIN_X + offset_x + (lon - min(lons)) * shrink * scale,
            MAP_TOP + MAP_MAX_R + (max(lats) - lat) * scale,
        )
        for name, (lat, lon) in places.items()
    }
    return points, MAP_TOP + MAP_MAX_R + span_y * scale + MAP_BOTTOM


def _radius(value: float, peak: float) -> float:
    """Disc *area* proportional to the value: the eye compares areas, not radii."""
    return MAP_MAX_R * math.sqrt(value / peak) if peak else 0.0


def quartier_map(chart_id: str, title: str, table) -> str:
    """A proportional-symbol map: at each quartier's centre, a disc whose area counts its help requests.

    The orange inner disc counts the unmet requests; the green ring around it, the met ones (the whole
    disc: met + unmet, on one scale for every quartier). No boundaries are drawn: we only know centres.
    """
    met_name, unmet_name = table.columns[1], table.columns[2]
    rows = [row for row in table.rows if row[0] in table.places]
    if not rows:
        return ""
    points, height = _project({row[0]: table.places[row[0]] for row in rows})
    peak = max(_number(row[1]) + _number(row[2]) for row in rows)
    body = [
        format_html(
            '<circle cx="10" cy="12" r="8" fill="{}" stroke="#fff" stroke-width="1.5"></circle>'
            '<text x="24" y="17" class="legend">{}</text>'
            '<circle cx="190" cy="12" r="8" fill="{}"></circle><circle cx="190" cy="12" r="4" fill="{}" '
            'stroke="#fff" stroke-width="1.5"></circle><text x="204" y="17" class="legend">{}</text>',
            UNMET_COLOR,
            unmet_name,
            MET_COLOR,
            UNMET_COLOR,
            _("anneau : %(name)s") % {"name": met_name},
        ),
        format_html(
            '<text x="0" y="42" class="legend">{}</text>',
            _("Surface des disques proportionnelle au nombre de demandes ; centre approximatif de chaque quartier."),
        ),
    ]
    # Larger discs first, so that a small one next to them stays on top and visible.
    for row in sorted(rows, key=lambda row: -(_number(row[1]) + _number(row[2]))):
        name, met, unmet = row[0], _number(row[1]), _number(row[2])
        x, y = points[name]
        outer, inner = _radius(met + unmet, peak), _radius(unmet, peak)
        if met + unmet:
            summary = ngettext(
                "%(unmet)s non satisfaite sur %(total)s", "%(unmet)s non satisfaites sur %(total)s", int(unmet)
            ) % {"unmet": _fmt(unmet), "total": _fmt(met + unmet)}
        else:
            summary = _("aucune demande terminée")
        shapes = []
        if outer:
            shapes.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="0.9"></circle>',
                    round(x, 1),
                    round(y, 1),
                    round(outer, 1),
                    MET_COLOR,
                )
            )
        if inner:
            shapes.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#fff" stroke-width="1.5"></circle>',
                    round(x, 1),
                    round(y, 1),
                    round(inner, 1),
                    UNMET_COLOR,
                )
            )
        if not outer:
            # Nothing met or unmet: a hollow dot still marks where the quartier is.
            shapes.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4" fill="#fff" stroke="{}" stroke-width="2"></circle>',
                    round(x, 1),
                    round(y, 1),
                    EMPTY_COLOR,
                )
            )
        label_y = y + max(outer, 4) + 16
        body.append(
            format_html(
                '<g><title>{} : {}</title>{}<text x="{}" y="{}" class="label map-name" text-anchor="middle">{}</text>'
                '<text x="{}" y="{}" class="label" text-anchor="middle">{}</text></g>',
                name,
                summary,
                mark_safe("".join(shapes)),  # noqa: S308 - built with format_html
                round(x, 1),
                round(label_y, 1),
                name,
                round(x, 1),
                round(label_y + 16, 1),
                summary,
            )
        )
    description = _(
        "Carte des quartiers : à leur centre approximatif, un disque dont la surface compte les demandes "
        "d'entraide, non satisfaites au cœur, satisfaites en anneau. %(figures)s"
    ) % {"figures": "; ".join(f"{row[0]} : {met_name} {_fmt(row[1])}, {unmet_name} {_fmt(row[2])}" for row in rows)}
    return _svg(chart_id, title, description, round(height), body)


def charts_for(table) -> list[str]:
    """The charts that suit each table of ``figures`` (a map and bars for quartiers, one chart otherwise)."""
    labels = [row[0] for row in table.rows]

    def column(index):
        return [row[index] for row in table.rows]

    slug, cols = table.slug, table.columns
    if slug == "entraide-par-quartier":
        bars = horizontal(slug, table.title, labels, [(cols[i], column(i)) for i in (1, 2, 3)])
        the_map = quartier_map(f"{slug}-carte", _("Carte : %(title)s") % {"title": table.title}, table)
        return [chart for chart in (the_map, bars) if chart]
    if slug == "entraide-par-mois":
        return [vertical(slug, table.title, labels, [(cols[i], column(i)) for i in (1, 2, 3)])]
    if slug == "entraide-par-categorie":
        return [horizontal(slug, table.title, labels, [(cols[i], column(i)) for i in (1, 2, 3)])]
    if slug == "delai-premiere-mise-en-relation":
        return [horizontal(slug, table.title, labels, [(cols[2], column(2))])]
    if slug == "actions-par-mois":
        return [vertical(slug, table.title, labels, [(cols[1], column(1)), (cols[2], column(2))])]
    if slug == "occupation-des-salles":
        return [horizontal(slug, table.title, labels, [(cols[2], column(2))])]
    if slug == "soutiens-par-etat":
        return [horizontal(slug, table.title, labels, [(cols[1], column(1))])]
    if slug == "enveloppes":
        series = [(cols[2], column(2)), (cols[3], column(3))]
        return [horizontal(slug, table.title, labels, series, fmt=money.euros)]
    return []
