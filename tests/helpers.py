"""Small helpers shared by the tests: the page as a person reads it, the link of the last e-mail."""

import html
import re

from django.core import mail

LINK_RE = re.compile(r"https?://\S+")


def link_in_last_mail() -> str:
    """The path of the only link in the last e-mail sent."""
    links = LINK_RE.findall(mail.outbox[-1].body)
    assert len(links) == 1, links
    return re.sub(r"^https?://[^/]+", "", links[0])


def text(response) -> str:
    """The page as a person reads it: HTML entities (such as ``&#x27;``) decoded."""
    return html.unescape(response.content.decode())


def plain(message: str) -> str:
    """French typography puts (narrow) no-break spaces before « » : ; ! ? — compare with plain spaces."""
    return message.replace("\xa0", " ").replace("\u202f", " ")
