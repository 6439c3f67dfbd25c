"""How a page shows a service's refusal: one way for every app.

Services raise a ``ValidationError`` with French messages (``docs/adding-an-app.md``). A view that
re-renders a form puts it on the form (``show_service_error``): on the field the error names, or on
the field the view says it is about, else at the top of the form. A view that redirects says it in a
flash message (``error_text``).
"""

from django.core.exceptions import ValidationError


def show_service_error(form, error: ValidationError, *, field: str | None = None, aliases=None) -> None:
    """``error`` on ``form``: each message on the field it names (``aliases`` renames a service's field
    to the form's, e.g. ``point`` → ``quartier``), else on ``field``, else at the top of the form."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            name = aliases.get(name, name)
            form.add_error(name if name in form.fields else field, messages)
    else:
        form.add_error(field, error.messages)


def error_text(error: ValidationError) -> str:
    """The error's messages as one sentence sequence, for a flash message or an error page."""
    return " ".join(error.messages)
