"""Extractors: ``AnnotatedDoc -> list[Mention]`` for money, dates and percentages.

Each runs its yargy grammar only on the sentences that :mod:`pipeline.extractors.prefilter` says can
hold a match, and reports document offsets.
"""
