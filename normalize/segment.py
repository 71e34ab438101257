"""Word segmentation: underthesea's output, compounds joined by "_", paragraphs kept.

Sentences are split per paragraph (underthesea.sent_tokenize) so a line break
never joins two paragraphs and "PGS.TS." stays inside its sentence. Each sentence
is segmented exactly as ``underthesea.word_tokenize(sentence, format="text")``
would segment it, by underthesea's own model read from its installed files
(normalize/segment_model.py) but evaluated many times faster: a cached chunk
tokenizer (normalize/segment_tokens.py) and a CRF tagger without feature strings
(normalize/segment_crf.py). When the installed underthesea's model or code differs
from the verified version, a warning is logged and underthesea itself is called.
``VICORPUS_SEGMENTER=underthesea`` forces that path (benchmarks compare the two).

>>> segment_text("Chính phủ ban hành nghị định.\\n\\nNgười dân đồng tình.")
'Chính_phủ ban_hành nghị_định .\\n\\nNgười_dân đồng_tình .'
"""

from __future__ import annotations

import logging
import os
import re
from functools import lru_cache

log = logging.getLogger(__name__)

_PUNCT_ONLY = re.compile(r"^[\W_]+$", re.UNICODE)
# Punctuation underthesea may detach from the start or end of a written token.
# "<" and ">" are absent on purpose: "<PHONE>" placeholders stay whole.
DETACHABLE = set(".,;:!?…()[]{}\"'“”‘’«»-–—")
_SEPARATORS = re.compile("([ _])")
ENGINE_VARIABLE = "VICORPUS_SEGMENTER"


class Segmenter:
    """``word_tokenize(sentence)`` equal to underthesea's ``format="text"`` output.

    ``engine`` is "fast" (underthesea's model, evaluated here) or "underthesea"
    (the library's own word_tokenize); "fast" falls back to "underthesea" with a
    warning when the installed model is not the verified one.
    """

    def __init__(self, engine: str = "fast"):
        from underthesea import sent_tokenize

        self.sent_tokenize = sent_tokenize
        self.engine = "underthesea"
        if engine == "fast":
            from normalize.segment_crf import FastTagger
            from normalize.segment_model import ModelMismatch, load_model
            from normalize.segment_tokens import ChunkTokenizer

            try:
                self.tagger = FastTagger(load_model())
                self.tokenizer = ChunkTokenizer()
                self.engine = "fast"
            except ModelMismatch as err:
                log.warning("word segmentation calls underthesea directly (slower): %s", err)
        elif engine != "underthesea":
            raise ValueError(f"{ENGINE_VARIABLE} must be 'fast' or 'underthesea', not {engine!r}")
        if self.engine == "underthesea":
            self._library_word_tokenize("Khởi động mô hình.")  # load the CRF model now, once

    def word_tokenize(self, sentence: str) -> str:
        """One sentence, words joined by "_", tokens by spaces (underthesea's text format)."""
        if self.engine == "fast":
            try:
                return self._fast_word_tokenize(sentence)
            except Exception:  # noqa: BLE001 - a bug here must not lose the document
                log.warning("fast segmenter failed on %r; calling underthesea", sentence[:80], exc_info=True)
        return self._library_word_tokenize(sentence)

    def _fast_word_tokenize(self, sentence: str) -> str:
        tokens = self.tokenizer.tokenize(sentence)
        words: list[str] = []
        for inside, token in zip(self.tagger.tags(tokens), tokens):
            if inside == "I-W" and words:
                words[-1] = words[-1] + " " + token
            else:
                words.append(token)
        return " ".join(word.replace(" ", "_") for word in words)

    @staticmethod
    def _library_word_tokenize(sentence: str) -> str:
        from underthesea import word_tokenize

        try:
            return word_tokenize(sentence, format="text")
        except BaseException as err:  # noqa: BLE001 - underthesea_core panics are BaseExceptions
            if not isinstance(err, Exception) and type(err).__name__ != "PanicException":
                raise
            return " ".join(sentence.split())  # underthesea cannot segment it: syllables as written

    def segment_text(self, text: str) -> str:
        """Word-segmented ``text``: one line per paragraph joined by "\\n\\n"."""
        paragraphs = []
        for paragraph in text.split("\n\n"):
            paragraph = paragraph.strip()
            if not paragraph:
                continue
            lines = []
            for line in paragraph.split("\n"):
                if line.strip():
                    sentences = self.sent_tokenize(line) or [line]
                    joined = " ".join(self.word_tokenize(s) for s in sentences)
                    lines.append(keep_written_tokens(" ".join(line.split()), joined))
            paragraphs.append("\n".join(lines))
        return "\n\n".join(paragraphs)


@lru_cache(maxsize=1)
def _segmenter() -> Segmenter:
    return Segmenter(os.environ.get(ENGINE_VARIABLE, "fast"))


def load_segmenter() -> None:
    """Load the segmentation model in this process (call once per worker)."""
    _segmenter()


def segment_text(text: str) -> str:
    """Word-segmented ``text``: one line per paragraph joined by "\\n\\n"."""
    return _segmenter().segment_text(text)


def keep_written_tokens(original: str, segmented: str) -> str:
    """Undo underthesea's splits inside a written token, except detached end punctuation.

    underthesea writes "13/2023/NĐ-CP." as "13/2023 / NĐ-CP ."; a legal document
    number must stay whole, so only leading/trailing punctuation keeps its space.
    ``segmented`` is walked against ``original`` one run between separators (" ", "_")
    at a time; if underthesea changed a character, its output is kept as is.

    >>> keep_written_tokens("theo 13/2023/NĐ-CP.", "theo 13/2023 / NĐ-CP .")
    'theo 13/2023/NĐ-CP .'
    """
    out: list[str] = []
    i = 0  # position in original
    token_start = 0  # where the written token holding position i starts
    n = len(original)
    runs = _SEPARATORS.split(segmented)  # run, separator, run, separator, ..., run
    for index in range(0, len(runs), 2):
        run = runs[index]
        if run:
            if not original.startswith(run, i):
                return segmented  # underthesea changed a character: keep its output as is
            out.append(run)
            i += len(run)
        if index + 1 == len(runs):
            break
        b = runs[index + 1]
        a = original[i] if i < n else ""
        if a == b or (b == "_" and a == " "):
            if a == " ":
                token_start = i + 1
            out.append(b)
            i += 1
        elif a:  # a split (or join) inside a written token
            end = original.find(" ", i)
            end = n if end < 0 else end
            lead, rest = original[token_start:i], original[i:end]
            if all(c in DETACHABLE for c in lead) or all(c in DETACHABLE for c in rest):
                out.append(" ")
        else:
            return segmented
    return "".join(out) if i == n else segmented


def count_words(segmented: str) -> int:
    """Words in segmented text, punctuation tokens excluded.

    >>> count_words("Chính_phủ ban_hành nghị_định , ngày 12/1 .")
    5
    """
    return sum(1 for token in segmented.split() if not _PUNCT_ONLY.match(token))
