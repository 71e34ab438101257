"""The one validator for patterns users write in YAML: regular expressions and CSS selectors.

Config models type such fields as :data:`Regex` or :data:`CssSelector`, so a bad
pattern fails when the file is loaded, and the message (through
:func:`vicorpus.config.describe_error`) names the file, the key and the pattern:

>>> from pydantic import BaseModel
>>> class Rules(BaseModel):
...     patterns: list[Regex] = []
>>> Rules(patterns=[r"^Ảnh:", "(unclosed"])
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Rules
patterns.1
  Value error, bad regular expression '(unclosed': missing ), unterminated subpattern at position 0 ...
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator


def check_regex(pattern: str) -> str:
    """``pattern`` if Python's ``re`` compiles it, else a ValueError quoting it.

    >>> check_regex(r"-(?P<y>\\d{4})\\.htm$")
    '-(?P<y>\\\\d{4})\\\\.htm$'
    """
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"bad regular expression '{pattern}': {exc}") from None  # as written, not repr'd
    return pattern


def check_css_selector(selector: str) -> str:
    """``selector`` if it is CSS that lxml's ``cssselect`` can run on HTML, else a ValueError.

    >>> check_css_selector("div.sapo > p")
    'div.sapo > p'
    >>> check_css_selector("div..sapo")
    Traceback (most recent call last):
    ...
    ValueError: bad CSS selector 'div..sapo': Expected ident, got <DELIM '.' at 4>
    """
    from cssselect import HTMLTranslator, SelectorError

    try:
        HTMLTranslator().css_to_xpath(selector)
    except SelectorError as exc:
        raise ValueError(f"bad CSS selector {selector!r}: {exc}") from None
    return selector


Regex = Annotated[str, AfterValidator(check_regex)]
CssSelector = Annotated[str, AfterValidator(check_css_selector)]
