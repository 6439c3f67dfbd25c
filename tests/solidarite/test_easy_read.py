"""The pages a first-time user meets read in plain French: short sentences, common (short) words.

Score: Kandel & Moles' adaptation of Flesch's reading ease to French (1958),
    206.835 − 1.015 × words per sentence − 84.6 × syllables per word   (Flesch, English)
    207     − 1.015 × words per sentence − 73.6 × syllables per word   (Kandel & Moles, French)
60 and above reads as « standard » to « easy » (Flesch's scale; 70 and above: « fairly easy »). It is
computed here rather than with textstat (which has a French mode, the same formula): textstat counts
syllables by pyphen's hyphenation points, which are not syllables in French (« ai-de » has one point
and two written syllables, a final mute e none spoken), and brings dictionaries the project does not
need. The count here is the written vowel groups less a final mute e, which is how the formula's
authors counted. Each sentence is also capped in length (one idea per sentence) and, when it is ten
words or more, scored on its own.

What is read is the page's <main> as served in French, form labels and hints included.
"""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.rights.factories import free_starts, make_aid, make_permanence

pytestmark = pytest.mark.django_db

THRESHOLD = 60
MAX_WORDS = 20
# A sentence of ten words or more is scored on its own too: a page of short labels can hide one long,
# heavy sentence in its average.
SENTENCE_THRESHOLD = 55
VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
WORD = re.compile(rf"[a-zA-Z{VOWELS}{VOWELS.upper()}]+(?:['’·-][a-zA-Z{VOWELS}{VOWELS.upper()}]+)*")


def syllables(word: str) -> int:
    word = word.lower()
    count = len(re.findall(rf"[{VOWELS}]+", word))
    # A final mute e (« aide », « demandes », « pensent ») is not a syllable.
    if count > 1 and re.search(r"[^aeiouy]e(s|nt)?$", word):
        count -= 1
    return max(count, 1)


def sentences(text: str) -> list[list[str]]:
    found = []
    for sentence in re.split(r"[.!?:;…\n]+", text):
        words = [w for w in WORD.findall(sentence) if any(c in VOWELS for c in w.lower())]
        if words:
            found.append(words)
    return found


def kandel_moles(text: str) -> float:
    parts = sentences(text)
    words = [word for sentence in parts for word in sentence]
    return 207 - 1.015 * len(words) / len(parts) - 73.6 * sum(map(syllables, words)) / len(words)


def readable_text(html: str) -> str:
    main = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    # Block elements end a sentence even without a full stop (headings, list items, labels, cells).
    main = re.sub(r"</?(h\d|p|li|dt|dd|label|legend|button|th|td|tr|option|div|section|summary)\b[^>]*>", "\n", main)
    return unescape(re.sub(r"<[^>]+>", " ", main)).replace("\xa0", " ").replace("\u202f", " ")


def test_the_score_tells_plain_from_administrative_french():
    plain = "Vous avez besoin d'aide ? Écrivez-nous. Un voisin vous répond vite."
    heavy = (
        "L'instruction administrative des demandes d'accompagnement personnalisé nécessite "
        "préalablement la constitution exhaustive d'un dossier justificatif réglementaire."
    )
    assert kandel_moles(plain) >= 70 > THRESHOLD > kandel_moles(heavy)
    assert [syllables(w) for w in ("aide", "demandes", "voisin", "nécessite", "eau")] == [1, 2, 2, 3, 1]


@pytest.fixture
def pages(client):
    neighbour = UserFactory()
    aid = make_aid()
    permanence = make_permanence()
    start = free_starts(permanence)[0]
    urls = {
        "home": (None, reverse("home")),
        "sign-up": (None, reverse("accounts:sign_up")),
        "ask for help": (neighbour, reverse("help:request_new")),
        "guide of aids": (None, reverse("rights:aids")),
        "an aid": (None, aid.get_absolute_url()),
        "a permanence": (neighbour, permanence.get_absolute_url()),
        "booking an appointment": (
            neighbour,
            reverse("rights:book", args=[permanence.slug])
            + "?"
            + urlencode({"debut": start.isoformat(timespec="minutes")}),
        ),
    }
    return urls


def test_first_pages_read_in_plain_french(client, pages):
    report = []
    for label, (person, url) in pages.items():
        client.logout()
        if person:
            client.force_login(person)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200, url
        text = readable_text(response.content.decode())
        score = kandel_moles(text)
        long = [" ".join(s) for s in sentences(text) if len(s) > MAX_WORDS]
        hard = [" ".join(s) for s in sentences(text) if len(s) >= 10 and kandel_moles(" ".join(s)) < SENTENCE_THRESHOLD]
        if score < THRESHOLD or long or hard:
            report.append(f"{label} {url}: score {score:.0f} (≥ {THRESHOLD}); too long: {long}; too hard: {hard}")
    assert not report, "\n" + "\n".join(report)
