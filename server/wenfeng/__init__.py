"""wenfeng（文风）：公文写作检查。"""

__version__ = "0.1.0"
