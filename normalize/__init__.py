"""HTML -> text: extraction, Vietnamese normalization, LID, quality filters,
PII redaction and word segmentation.

>>> from normalize import normalize_text
>>> normalize_text("Thanh Hoá")
'Thanh Hóa'
"""

# The names below are imported when first asked for (PEP 562), so that importing a light
# module of the package (normalize.index_cache, normalize.work_files) does not import the
# extractor, pyarrow and the rest.
_EXPORTS = {"normalize_text": "normalize.text", "extract_article": "normalize.extract",
            "run_extract": "normalize.stage"}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'normalize' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_EXPORTS[name]), name)
