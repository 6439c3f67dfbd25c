"""What other apps show on an association's page, below its actions (the shops it runs initiatives with).

The apps above the directory register a section from their ``AppConfig.ready()``, so the directory never
imports them (docs/architecture.md: registries point upwards). A section is a template the page includes and
the context it reads, computed with a constant number of queries whatever the association holds.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template_name: str
    # association -> what the template reads, merged into the page's context: name the keys after the app.
    context: Callable[[object], dict]


_SECTIONS: list[Section] = []


def register(section: Section) -> None:
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def context_for(association) -> dict:
    """The page's context for the sections: their templates, in the order registered, and what they read."""
    context = {"association_sections": [section.template_name for section in _SECTIONS]}
    for section in _SECTIONS:
        context.update(section.context(association))
    return context
