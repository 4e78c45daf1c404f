"""Text pages as if written in a language the text lexicon has never seen.

The training pages are nearly all English, and the text model's lexicon is
English words.  On a page in another language the lexicon knows next to
nothing, and a model that has only seen English leans on it anyway: in
domain-grouped CV, text F1 fell by 0.05 (WCXB) to 0.08 (Scrapinghub) on such
copies of the pages.  ``bench/train.py`` therefore also trains on two copies of
every text page (``copy_languages``).  In the first, each English word becomes
a made-up word of the same length and case, and each English function word one
of another language's (from the shipped stopword lists, by rank), so that a
page keeps its shape, punctuation, digits and density of function words but
none of its vocabulary.  In the second, function words are made up too, and no
word is a listed one: a language the lists lack (Greek, Hebrew, Latvian...),
where no line reads as prose by its function words.  The gold is rewritten the
same way, word for word.

Trained on the first copies only, the model read the second ones worse
(domain-grouped CV, mean of the three styles: Scrapinghub 0.856, WCXB 0.812);
trained on both, 0.868 and 0.820, and the first copies gained as well (0.855 ->
0.865, 0.818 -> 0.821), while the pages as they are moved by +0.001
(Scrapinghub) and -0.001 (WCXB).  Half weight for the copies scored lower on
all of them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

STOPWORDS = Path(__file__).resolve().parent.parent / "src" / "dechaff" / "data" / "stopwords.txt"
#: The languages copies are written in, one per page (by its id): European
#: languages with Latin letters, whose function words the lists hold.
LANGUAGES = ("de", "fr", "es", "it", "nl", "sv", "pl", "pt")
#: A language the function-word lists lack: every word of its copies is made
#: up, function words too, and none is a listed one (``_unlisted_word``).
UNLISTED = "unlisted"
#: A word, or one part of a glued run ("HomeAboutContact", "callDIY", "HTMLParser"):
#: rewritten part by part, the case changes inside the run survive, and with them
#: the places where ``blocks.text_page`` splits a naive dump's glued lines.
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_CONSONANTS, _VOWELS = "bcdfghklmnprstvwz", "aeiou"


def language_for(page_id: str) -> str:
    """The listed language of a page's copy: fixed by its id, spread over ``LANGUAGES``."""
    return LANGUAGES[int(hashlib.md5(page_id.encode()).hexdigest(), 16) % len(LANGUAGES)]


def copy_languages(page_id: str) -> tuple[str, str]:
    """The languages a text page is copied into for training: a listed one and ``UNLISTED``."""
    return language_for(page_id), UNLISTED


@lru_cache(maxsize=None)
def _function_words() -> dict[str, list[str]]:
    words = {}
    for line in STOPWORDS.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, *listed = line.split()
            words[code] = listed
    return words


@lru_cache(maxsize=1)
def _listed_words() -> frozenset[str]:
    return frozenset(word for words in _function_words().values() for word in words)


def _made_up(word: str, language: str) -> str:
    """A pronounceable made-up word as long as ``word``, always the same for it in ``language``."""
    digest = hashlib.md5(f"{language}:{word}".encode()).digest()
    return "".join(_CONSONANTS[digest[i % 16] % len(_CONSONANTS)] if i % 2 == 0
                   else _VOWELS[digest[i % 16] % len(_VOWELS)] for i in range(len(word)))


def _unlisted_word(word: str) -> str:
    """A made-up word for ``word`` that no function-word list holds ("de", "la",
    "to" are made up often enough: then a longer one is)."""
    new = _made_up(word, UNLISTED)
    while new in _listed_words():
        word += "'"
        new = _made_up(word, UNLISTED)
    return new


@lru_cache(maxsize=None)
def rewriter(language: str) -> Callable[[str], str]:
    """The function rewriting an English text as if in ``language`` (see the module)."""
    lists = _function_words()
    function_words = dict(zip(lists["en"], lists[language])) if language != UNLISTED else {}
    made_up = lru_cache(maxsize=None)(_unlisted_word) if language == UNLISTED else (
        lambda lower: _made_up(lower, language))

    def word(match: re.Match[str]) -> str:
        original = match.group()
        lower = original.lower()
        new = function_words.get(lower) or made_up(lower)
        if original.isupper() and len(original) > 1:
            return new.upper()
        return new[:1].upper() + new[1:] if original[0].isupper() else new

    return lambda text: _WORD.sub(word, text)
