"""The quartier map: discs at the quartiers' centres, their areas counting requests, text for all of it."""

import math
from xml.etree import ElementTree

from solidarite.dashboard import charts, figures

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str):
    return ElementTree.fromstring(str(svg))  # noqa: S314 - our own output


def the_map(table):
    (svg,) = [chart for chart in charts.charts_for(table) if "-carte" in chart]
    return parse(svg)


def groups_by_quartier(root):
    return {group.find(f"{SVG}title").text.split(" : ")[0]: group for group in root.iter(f"{SVG}g")}


def discs(group):
    return [float(circle.get("r")) for circle in group.iter(f"{SVG}circle")]


def test_every_quartier_is_on_the_map_with_its_figures_as_text(world, period):
    root = the_map(figures.help_by_quartier(period))
    assert root.get("role") == "img" and root.get("aria-labelledby")
    groups = groups_by_quartier(root)
    assert len(groups) == 7
    assert groups["Ragon"].find(f"{SVG}title").text == "Ragon : 1 non satisfaite sur 2"
    assert groups["Château"].find(f"{SVG}title").text == "Château : aucune demande terminée"
    description = root.find(f"{SVG}desc").text
    assert "Pont-Rousseau : Satisfaites 1, Non satisfaites 1" in description
    assert "La Houssais : Satisfaites 0, Non satisfaites 0" in description


def test_disc_areas_are_proportional_to_the_requests(world, period):
    table = figures.help_by_quartier(period)
    rows = {row[0]: row for row in table.rows}
    rows["Ragon"][1:3] = [6, 2]  # 8 closed requests, 2 of them unmet: the largest disc
    groups = groups_by_quartier(the_map(table))
    outer, inner = discs(groups["Ragon"])
    assert outer == charts.MAP_MAX_R
    assert math.isclose((inner / outer) ** 2, 2 / 8, rel_tol=0.01)
    outer_pr, inner_pr = discs(groups["Pont-Rousseau"])  # 1 met, 1 unmet
    assert math.isclose((outer_pr / outer) ** 2, 2 / 8, rel_tol=0.01)
    assert math.isclose((inner_pr / outer) ** 2, 1 / 8, rel_tol=0.01)
    assert discs(groups["Château"]) == [4.0]  # no request: a hollow marker only


def test_north_is_up_and_west_is_left(world, period):
    groups = groups_by_quartier(the_map(figures.help_by_quartier(period)))

    def centre(name):
        circle = next(groups[name].iter(f"{SVG}circle"))
        return float(circle.get("cx")), float(circle.get("cy"))

    assert centre("Pont-Rousseau")[1] < centre("Ragon")[1]  # Pont-Rousseau is north of Ragon
    assert centre("Trentemoult-les Isles")[0] < centre("La Blordière")[0]  # Trentemoult is west


def test_the_map_links_to_no_other_host_and_escapes_names(db):
    table = figures.Table("entraide-par-quartier", "Carte", ["Quartier", "Satisfaites", "Non satisfaites", "", ""])
    table.rows = [["<script>Nord</script>", 3, 1, 0, None]]
    table.places = {"<script>Nord</script>": (47.2, -1.55)}
    svg = charts.quartier_map("test", "Carte", table)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    parse(svg)  # one lone quartier still makes a valid picture


def test_no_quartier_no_map(db):
    table = figures.Table("entraide-par-quartier", "Carte", ["Quartier", "Satisfaites", "Non satisfaites", "", ""])
    assert charts.quartier_map("test", "Carte", table) == ""
