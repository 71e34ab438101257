"""underthesea's regex tokenizer, one whitespace-separated chunk at a time, cached.

``underthesea.pipeline.word_tokenize.regex_tokenize.tokenize`` runs one big regex
(URLs, e-mails, dates, numbers, abbreviations, words, symbols) over the sentence,
then normalizes each token. No alternative of that regex matches whitespace and
every look-around looks one character away, so the tokens of a sentence are the
tokens of its whitespace-separated chunks, each found on its own; the only context a
chunk needs is whether ``$`` matches right after it (``[A-ZĐ]+\\.(?!$)`` keeps
"TP." whole except at the end). A news vocabulary repeats, so the chunks are
cached; a miss runs underthesea's own regex and ``token_normalize`` on the chunk.

>>> tokenizer = ChunkTokenizer()
>>> tokenizer.tokenize("Sáng 12/1, PGS.TS. Nguyễn Văn A tới TP.")
['Sáng', '12/1', ',', 'PGS.TS.', 'Nguyễn', 'Văn', 'A', 'tới', 'TP', '.']
"""

from __future__ import annotations

import re

# A chunk longer than this is tokenized every time instead of cached (a 1 MB
# "word" must not sit in memory); real syllables, numbers and URLs are shorter.
MAX_CACHED_CHUNK = 64


class ChunkTokenizer:
    """Tokens equal to ``regex_tokenize.tokenize(sentence)``, with a bounded chunk cache."""

    def __init__(self, max_entries: int = 50_000):
        from underthesea.pipeline.text_normalize import token_normalize
        from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
        from underthesea.pipeline.word_tokenize import regex_tokenize

        # Compiled from the module's pattern list as the module does at import (its
        # global ``patterns`` is replaced after a call with fixed_words).
        self._patterns = re.compile(r"(" + "|".join(regex_tokenize.regex_patterns) + ")",
                                    re.VERBOSE | re.UNICODE)
        self._extract_match = regex_tokenize.extract_match
        self._token_normalize = token_normalize
        self._normalize_characters = normalize_characters_in_text
        self._inside: dict[str, tuple[str, ...]] = {}  # chunk followed by whitespace
        self._at_end: dict[str, tuple[str, ...]] = {}  # chunk where "$" matches after it
        self.max_entries = max_entries

    def _chunk(self, chunk: str, at_end: bool) -> tuple[str, ...]:
        # A space after the chunk stands for the whitespace that follows it in the
        # sentence: no pattern consumes it and "$" no longer matches at the chunk's end.
        text = chunk if at_end else chunk + " "
        tokens = tuple(self._token_normalize(self._extract_match(m)[0]) for m in self._patterns.finditer(text))
        return (chunk,) if tokens == (chunk,) else tokens  # one string object, not two, in the cache

    def _cached(self, cache: dict, chunk: str, at_end: bool) -> tuple[str, ...]:
        tokens = self._chunk(chunk, at_end)
        if len(chunk) <= MAX_CACHED_CHUNK:
            make_room(cache, self.max_entries)
            cache[chunk] = tokens
        return tokens

    def tokenize(self, sentence: str) -> list[str]:
        text = self._normalize_characters(sentence)
        chunks = text.split()
        if not chunks:
            return []
        tail = len(text) - len(text.rstrip())
        # "$" matches at the end of the string and before a final "\n".
        last_at_end = tail == 0 or (tail == 1 and text[-1] == "\n")
        last = chunks.pop()
        inside = self._inside
        out: list[str] = []
        for chunk in chunks:
            tokens = inside.get(chunk)
            if tokens is None:
                tokens = self._cached(inside, chunk, False)
            out += tokens
        cache = self._at_end if last_at_end else inside
        tokens = cache.get(last)
        if tokens is None:
            tokens = self._cached(cache, last, last_at_end)
        out += tokens
        return out

    def cache_entries(self) -> int:
        return len(self._inside) + len(self._at_end)


def make_room(cache: dict, cap: int) -> None:
    """Size cap: when full, drop the older half (dicts keep insertion order)."""
    if len(cache) >= cap:
        for key in list(cache)[: cap // 2]:
            del cache[key]
