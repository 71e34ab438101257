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
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

log = logging.getLogger(__name__)

# A whitespace-separated token made only of punctuation, symbols and "_" (not a word).
_PUNCT_TOKEN = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")
# Punctuation underthesea may detach from the start or end of a written token.
# "<" and ">" are absent on purpose: "<PHONE>" placeholders stay whole.
DETACHABLE = set(".,;:!?…()[]{}\"'“”‘’«»-–—")
_ALL_DETACHABLE = re.compile("[" + re.escape("".join(sorted(DETACHABLE))) + "]*")
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
            from vicorpus.errors import UsageError

            raise UsageError(f"{ENGINE_VARIABLE} must be 'fast' or 'underthesea', not {engine!r}")
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
        if not tokens:
            return ""
        # tokens never hold a space (regex matches stop at whitespace), so joining a word
        # with "_" equals underthesea's " ".join(word.replace(" ", "_")); a leading I-W
        # starts a word
        inside = self.tagger.inside(tokens)
        return tokens[0] + "".join([("_" if i else " ") + t for i, t in zip(inside[1:], tokens[1:])])

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
    If underthesea changed a character, its output is kept as is.

    >>> keep_written_tokens("theo 13/2023/NĐ-CP.", "theo 13/2023 / NĐ-CP .")
    'theo 13/2023/NĐ-CP .'
    """
    runs = segmented.replace("_", " ").split(" ")  # the runs between separators
    if "_" in original or "  " in original or original[:1] == " " or original[-1:] == " " or not all(runs):
        return _walk_written_tokens(original, segmented)
    # With no "_" in the original, the runs between separators tile its written tokens:
    # a separator where a written token ends stands for its space, any other one is a
    # split (or join) inside a written token, which becomes " " or nothing.
    written = original.split(" ")
    if "".join(runs) != "".join(written):
        return segmented  # underthesea changed a character: keep its output as is
    run_ends = list(accumulate(map(len, runs)))
    word_ends = list(accumulate(map(len, written)))
    if not set(word_ends).issubset(run_ends):
        return segmented
    splits = sorted(set(run_ends[:-1]).difference(word_ends))
    if not splits:
        return segmented
    edits: list[tuple[int, str]] = []
    for end in splits:
        w = bisect_left(word_ends, end)  # the written token holding the split
        token = written[w]
        cut = end - word_ends[w] + len(token)
        keep = _ALL_DETACHABLE.fullmatch(token, 0, cut) or _ALL_DETACHABLE.fullmatch(token, cut)
        at = end + bisect_left(run_ends, end)  # the separator's index in ``segmented``
        if not keep or segmented[at] != " ":
            edits.append((at, " " if keep else ""))
    if not edits:
        return segmented
    out, prev = [], 0
    for at, text in edits:
        out += (segmented[prev:at], text)
        prev = at + 1
    out.append(segmented[prev:])
    return "".join(out)


def _walk_written_tokens(original: str, segmented: str) -> str:
    """keep_written_tokens for any input: ``segmented`` walked against ``original`` run by run."""
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
    return len(segmented.split()) - len(_PUNCT_TOKEN.findall(segmented))
