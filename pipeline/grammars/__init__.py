"""yargy grammars and their lexicons, kept as data: numbers, money, dates and percentages.

Every module builds rules only (no parser): the extractors in :mod:`pipeline.extractors` compile
them once per process with the shared tokenizer of :mod:`pipeline.grammars.numbers`.
"""
