"""underthesea's CRF word-segmentation tagger, evaluated without feature strings.

underthesea_core builds, for every token, 43 strings such as "T[-1,0].lower=thị
trường", looks each up among the CRFsuite attributes and runs Viterbi over the sums.
Here each template is a dict from its value to a weight, and the feature values
are never joined into strings per sentence:

- the features of a position come from the tokens at offsets -2..2; grouping the
  templates by their first offset, the "slot" of token j (tokens j, j+1, j+2) holds
  what it adds to positions j+2 .. j-2, and each position sums five slot entries;
- slots are cached across sentences and documents (bounded), and so are the
  per-token values (lower case, title case, dictionary membership);
- with two labels only the difference of the two emission scores matters, so
  Viterbi runs on one float per position.

Reordering a float sum changes its last bits, so a decision whose margin is below
a bound on that rounding is re-done the way underthesea_core does it
(:func:`exact_tags`: emissions summed per label in template order, the same
Viterbi with its tie rule), and the result is identical to underthesea's.

>>> from normalize.segment_model import load_model
>>> tagger = FastTagger(load_model())
>>> tagger.tags(["Thủ", "tướng", "Chính", "phủ", "họp", "sáng", "nay"])
['B-W', 'I-W', 'B-W', 'I-W', 'B-W', 'B-W', 'B-W']
"""

from __future__ import annotations

import re

from normalize.segment_model import CRFModel, ModelMismatch
from normalize.segment_tokens import make_room

BOS, EOS = "\x00BOS", "\x00EOS"  # padding tokens; "\x00" is never part of a longer token
_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(lower|isdigit|istitle|is_in_dict))?")
MAX_CACHED_TOKEN = 64
I32 = 2 ** 31


def parse_template(template: str) -> tuple[int, int, str | None]:
    """(first offset, span, function) of a template such as "T[-1,1].is_in_dict"."""
    m = _TEMPLATE.fullmatch(template)
    if not m:
        raise ModelMismatch(f"feature template {template!r} is not one this tagger evaluates")
    first = int(m.group(1))
    span = int(m.group(2)) - first if m.group(2) is not None else 0
    if not 0 <= span <= 2 or not -2 <= first <= 2:
        raise ModelMismatch(f"feature template {template!r} reaches beyond offsets -2..2")
    return first, span, m.group(3)


def is_i32(text: str) -> bool:
    """Rust's ``text.parse::<i32>().is_ok()``, underthesea_core's isdigit.

    >>> [is_i32(t) for t in ("2023", "+5", "-0", "0000000000007", "2147483648", "1.5", "٣", "+")]
    [True, True, True, True, False, False, False, False]
    """
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or not body.isascii() or not body.isdigit():
        return False
    digits = body.lstrip("0")  # leading zeros parse (Rust), and int() of 1 MB of digits must not run
    if len(digits) > 10:
        return False
    return int(digits or "0") <= (I32 if text[0] == "-" else I32 - 1)


class CaseFeatures:
    """Lower case and title test exactly as underthesea_core computes them (Rust).

    Python and Rust agree except on characters whose case mapping changed between
    their Unicode versions, and "Σ" lowers by context. The characters where they
    agree are checked once against underthesea_core at load; a token with any other
    character gets its values from underthesea_core itself.
    """

    # Scripts and symbols seen in Vietnamese news; all other characters are asked of Rust.
    CANDIDATES = "".join(chr(c) for lo, hi in [(0x20, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF),
                                               (0x2000, 0x206F), (0x20A0, 0x20C0), (0x2100, 0x218F),
                                               (0x2190, 0x23FF), (0x2500, 0x27BF)]
                         for c in range(lo, hi + 1))

    def __init__(self):
        from underthesea_core import CRFFeaturizer

        self._rust = CRFFeaturizer(["T[0].lower", "T[0].istitle"], set())
        chars = [c for c in self.CANDIDATES if c not in " Σ"]
        rust = self._rust.process([[[c] for c in chars]])[0]
        agree = [c for c, (low, title) in zip(chars, rust)
                 if low == "T[0].lower=" + c.lower() and title == "T[0].istitle=" + str(c == c.upper())]
        self._other = re.compile(r"[^" + "".join(re.escape(c) for c in agree) + "]")

    def lower_title(self, token: str) -> tuple[str, bool]:
        """(``token.to_lowercase()``, underthesea_core's istitle) for a token without spaces."""
        if token and not self._other.search(token):
            first = token[0]
            return token.lower(), first == first.upper()
        try:
            low, title = self._rust.process([[[token]]])[0][0]
        except UnicodeEncodeError:  # a lone surrogate: underthesea raises, we go on in Python
            return token.lower(), token[:1] == token[:1].upper()
        return low[len("T[0].lower="):], title.endswith("=True")


class FastTagger:
    """B-W / I-W tags equal to underthesea's FastCRFSequenceTagger.predict."""

    # Caps sized so that model and full caches stay well under 200 MiB (bench/segment_bench.py).
    def __init__(self, model: CRFModel, max_slots: int = 60_000, max_parts: int = 30_000):
        if len(model.labels) != 2:
            raise ModelMismatch(f"expected two labels, the model has {model.labels}")
        self.model = model
        self.labels = model.labels
        self.case = CaseFeatures()
        self.templates = [(t, *parse_template(t)) for t in model.templates]
        (t00, t01), (t10, t11) = model.transition
        # prev label of label 0 is 1 iff d > c0; of label 1 iff d > c1 (d = s1 - s0)
        self._c0, self._c1 = t00 - t10, t01 - t11
        if not self._c0 < self._c1:
            raise ModelMismatch("transition weights outside the shape the two-label Viterbi assumes")
        # next d, less the emission difference, in regions 0, 1 (minus d) and 2
        self._k = (t01 - t00, t01 - t10, t11 - t10)
        # Templates by span (0: one token, 1: two, 2: three): (slot index = first offset + 2,
        # function, value -> per-label weights)
        self._groups: list[list[tuple[int, str | None, dict[str, tuple[float, ...]]]]] = [[], [], []]
        for template, first, span, function in self.templates:
            self._groups[span].append((first + 2, function, model.weights[template]))
        self._bos = self._constant_row("BOS", spans=(0, 1, 2))
        self._eos = self._constant_row("EOS", spans=(0, 1, 2))
        self._pair_eos = self._constant_row("EOS", spans=(1,))
        self._triple_eos = self._constant_row("EOS", spans=(2,))
        self._slots: dict[tuple[str, str, str], tuple[float, ...]] = {}
        self._tokens: dict[str, tuple] = {}
        self._pairs: dict[tuple[str, str], tuple] = {}
        self.max_slots, self.max_parts = max_slots, max_parts

    # -- feature values ------------------------------------------------------------
    def _constant_row(self, value: str, spans: tuple[int, ...]) -> tuple[float, ...]:
        row = [0.0] * 5
        for span in spans:
            for k, _, weights in self._groups[span]:
                w = weights.get(value)
                if w is not None:
                    row[k] += w[1] - w[0]
        return tuple(row)

    @staticmethod
    def _row(group, values: dict) -> tuple[float, ...]:
        """Per slot entry, what the templates of ``group`` add to score(I-W) - score(B-W)."""
        row = [0.0] * 5
        for k, function, weights in group:
            w = weights.get(values[function])
            if w is not None:
                row[k] += w[1] - w[0]
        return tuple(row)

    def token_part(self, token: str) -> tuple:
        """(row of one-token templates, lower, istitle) of a token, cached."""
        part = self._tokens.get(token)
        if part is None:
            low, title = self.case.lower_title(token)
            values = {None: token, "lower": low, "istitle": str(title), "isdigit": str(is_i32(token)),
                      "is_in_dict": str(low in self.model.dictionary)}
            part = (self._row(self._groups[0], values), low, title)
            if len(token) <= MAX_CACHED_TOKEN:
                make_room(self._tokens, self.max_parts)
                self._tokens[token] = part
        return part

    def pair_part(self, a: str, b: str) -> tuple:
        """(row of two-token templates, text, lower, istitle) of tokens a b, cached."""
        part = self._pairs.get((a, b))
        if part is None:
            _, low_a, title_a = self.token_part(a)
            _, low_b, title_b = self.token_part(b)
            text, low, title = a + " " + b, low_a + " " + low_b, title_a and title_b
            values = {None: text, "lower": low, "istitle": str(title), "isdigit": "False",
                      "is_in_dict": str(low in self.model.dictionary)}
            part = (self._row(self._groups[1], values), text, low, title)
            if len(text) <= 2 * MAX_CACHED_TOKEN:
                make_room(self._pairs, self.max_parts)
                self._pairs[a, b] = part
        return part

    def _slot(self, a: str, b: str, c: str) -> tuple[float, ...]:
        """What the slot of token a (followed by b, c) adds to the positions a-2 .. a+2 point at."""
        one = self.token_part(a)[0]
        if b == EOS:
            two, three = self._pair_eos, self._triple_eos
        else:
            two, text, low, title = self.pair_part(a, b)
            if c == EOS:
                three = self._triple_eos
            else:
                _, low_c, title_c = self.token_part(c)
                low3 = low + " " + low_c
                values = {None: text + " " + c, "lower": low3, "istitle": str(title and title_c),
                          "isdigit": "False", "is_in_dict": str(low3 in self.model.dictionary)}
                three = self._row(self._groups[2], values)
        return (one[0] + two[0] + three[0], one[1] + two[1] + three[1], one[2] + two[2] + three[2],
                one[3] + two[3] + three[3], one[4] + two[4] + three[4])

    def value(self, function: str | None, parts: list[str]) -> str:
        """The value underthesea_core gives a template over ``parts`` (real tokens)."""
        if function is None:
            return " ".join(parts)
        infos = [self.token_part(p) for p in parts]
        if function == "lower":
            return " ".join(i[1] for i in infos)
        if function == "istitle":
            return str(all(i[2] for i in infos))
        if function == "isdigit":  # a span's text has a space: never an i32
            return str(len(parts) == 1 and is_i32(parts[0]))
        return str(" ".join(i[1] for i in infos) in self.model.dictionary)  # is_in_dict

    # -- tagging -------------------------------------------------------------------
    def tags(self, tokens: list[str]) -> list[str]:
        """One label per token, as underthesea's tagger gives them."""
        names = self.labels
        return [names[1] if x else names[0] for x in self.inside(tokens)]

    def inside(self, tokens: list[str]) -> list[bool]:
        """True where a token continues the word before it (label I-W)."""
        n = len(tokens)
        if n == 0:
            return []
        slots = self._slots
        rows = [self._bos, self._bos]
        for window in zip(tokens, tokens[1:] + [EOS], tokens[2:] + [EOS, EOS]):
            row = slots.get(window)
            if row is None:
                row = self._slot(*window)
                if len(window[0]) + len(window[1]) + len(window[2]) <= 3 * MAX_CACHED_TOKEN:
                    make_room(slots, self.max_slots)
                    slots[window] = row
            rows.append(row)
        rows += (self._eos, self._eos)
        # Viterbi on d = score(I-W) - score(B-W). The best predecessor of B-W is I-W iff
        # d > c0, that of I-W iff d > c1 (c0 < c1), so each step falls in one of three
        # regions: 0 (both from B-W), 1 (B-W from I-W, I-W from B-W), 2 (both from I-W).
        # A margin below eps is a near-tie: the sentence is re-done float for float.
        c0, c1 = self._c0, self._c1
        k0, k1, k2 = self._k
        eps = 1e-12 * (n + 2) ** 2
        regions: list[int] = []
        region = regions.append
        d = None
        for r0, r1, r2, r3, r4 in zip(rows, rows[1:], rows[2:], rows[3:], rows[4:]):
            delta = r0[0] + r1[1] + r2[2] + r3[3] + r4[4]
            if d is None:
                d = delta
            elif d > c1:
                if d - c1 < eps:
                    return self._exact_inside(tokens)
                region(2)
                d = k2 + delta
            elif d > c0:
                if d - c0 < eps or c1 - d < eps:
                    return self._exact_inside(tokens)
                region(1)
                d = k1 - d + delta
            else:
                if c0 - d < eps:
                    return self._exact_inside(tokens)
                region(0)
                d = k0 + delta
        if -eps < d < eps:
            return self._exact_inside(tokens)
        label = d > 0
        path = [label]
        for r in reversed(regions):
            label = r == 2 or (r == 1 and not label)
            path.append(label)
        path.reverse()
        return path

    def _exact_inside(self, tokens: list[str]) -> list[bool]:
        return [tag == self.labels[1] for tag in self.exact_tags(tokens)]

    def attributes(self, tokens: list[str]) -> list[list[tuple[str, str]]]:
        """(template, value) of every feature at every position, in underthesea_core's order.

        "template=value" is the string its CRFFeaturizer builds (tests compare the two).
        """
        n = len(tokens)
        out = []
        for i in range(n):
            row = []
            for template, first, span, function in self.templates:
                j = i + first
                if j < 0:
                    v = "BOS"
                elif j + span >= n:
                    v = "EOS"
                else:
                    v = self.value(function, tokens[j:j + span + 1])
                row.append((template, v))
            out.append(row)
        return out

    def exact_tags(self, tokens: list[str]) -> list[str]:
        """Tags computed the way underthesea_core does, float for float."""
        weights = self.model.weights
        emissions = []
        for row in self.attributes(tokens):
            e0 = e1 = 0.0
            for template, v in row:
                w = weights[template].get(v)
                if w is not None:
                    e0 += w[0]
                    e1 += w[1]
            emissions.append((e0, e1))
        trans = self.model.transition
        score = list(emissions[0])
        back = []
        for e in emissions[1:]:
            new, ptr = [], []
            for y in (0, 1):
                best, prev = float("-inf"), 0
                for yp in (0, 1):
                    s = score[yp] + trans[yp][y]
                    if s > best:
                        best, prev = s, yp
                new.append(best + e[y])
                ptr.append(prev)
            score = new
            back.append(ptr)
        label = 1 if score[1] > score[0] else 0
        path = [label]
        for ptr in reversed(back):
            label = ptr[label]
            path.append(label)
        return [self.labels[y] for y in reversed(path)]

    def cache_entries(self) -> int:
        return len(self._slots) + len(self._tokens) + len(self._pairs)
