"""The guide's filters are written by ``QuickSelect`` (fast): the same options, groups, choice and error
attributes a person and their screen reader get from Django's own ``<select>``."""

import re

from django import forms

from solidarite.rights.forms import AidSearchForm, QuickSelect


def options(html: str) -> list[tuple]:
    found, group = [], None
    for tag in re.finditer(r'<optgroup label="([^"]*)">|</optgroup>|<option value="([^"]*)"( selected)?>([^<]*)', html):
        if tag.group(0).startswith("<optgroup"):
            group = tag.group(1)
        elif tag.group(0) == "</optgroup>":
            group = None
        else:
            found.append((group, tag.group(2), bool(tag.group(3)), tag.group(4)))
    return found


def test_quick_select_says_what_djangos_select_says():
    form = AidSearchForm({"theme": "numerique", "public": "famille", "institution": "<b>"})
    form.is_valid()
    for name in ("theme", "public", "institution"):
        field = form[name]
        quick = str(field)
        plain = forms.Select(choices=field.field.choices).render(
            field.html_name, field.value(), field.build_widget_attrs({"id": field.auto_id})
        )
        assert options(quick) == options(plain) and options(quick)
    assert 'aria-invalid="true"' in str(form["institution"]) and "<b>" not in str(form["institution"])
    assert isinstance(form.fields["theme"].widget, QuickSelect)
