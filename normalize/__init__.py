"""HTML -> text: extraction, Vietnamese normalization, LID, quality filters,
PII redaction and word segmentation.

>>> from normalize import normalize_text
>>> normalize_text("Thanh Hoá")
'Thanh Hóa'
"""

from normalize.text import normalize_text
from normalize.extract import extract_article
from normalize.stage import run_extract

__all__ = ["normalize_text", "extract_article", "run_extract"]
