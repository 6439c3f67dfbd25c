"""Pages print on paper without what only works on a screen (the print stylesheet is static)."""

import re
from pathlib import Path

import pytest

PRINT_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "print.css"


def _hidden_selectors() -> set[str]:
    css = re.sub(r"/\*.*?\*/", "", PRINT_CSS.read_text(), flags=re.S)
    hidden = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"display:\s*none", body):
            hidden |= {selector.strip() for selector in selectors.split(",")}
    return hidden


@pytest.mark.django_db
def test_every_page_links_the_print_stylesheet_after_its_own(client):
    page = client.get("/acces-aux-droits/").content.decode()
    link = '<link rel="stylesheet" href="/static/css/print.css" media="print">'
    head = page[: page.index("</head>")]
    assert link in head
    # Last of the stylesheets: on paper it wins over the pages' own rules (rights.css here).
    assert head.rfind('<link rel="stylesheet"') == head.find(link)


def test_paper_leaves_out_the_menus_the_forms_and_the_maps():
    hidden = _hidden_selectors()
    assert {"header", "nav", "footer", "form", "button", ".leaflet-container"} <= hidden


def test_paper_shows_where_links_lead():
    assert re.search(r'a\[href\^="http"\]::after\s*\{[^}]*attr\(href\)', PRINT_CSS.read_text())
