"""Measuring a parsed document: 字数 counting, page estimates and the length limits it is held to.

Sits between :mod:`wenfeng.sources` (which it reads) and :mod:`wenfeng.rules` (which uses it).
"""
