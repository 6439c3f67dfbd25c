"""Text helpers: accent-insensitive search keys and sanitised HTML for what managers write."""

import re
import unicodedata

import nh3

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'"})
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"}


def normalize(text: str) -> str:
    """Lower-case, accents stripped, spaces collapsed: "Théâtre  Œuvre" -> "theatre oeuvre".

    Stored in a ``search_text`` column so that a plain ``LIKE`` finds "Théâtre" from "theatre" on SQLite and
    PostgreSQL alike, with no collation or extension (unaccent) to install.
    """
    text = (text or "").lower().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped).strip()


def search_terms(query: str) -> list[str]:
    return [term for term in normalize(query).split(" ") if term][:8]


def sanitize_html(text: str) -> str:
    """Keep a few formatting tags; links get rel="nofollow ugc" and only http(s)/mailto targets."""
    return nh3.clean(
        text or "",
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc",
    ).strip()
