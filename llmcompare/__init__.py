"""llmcompare: compare LLMs and their provider routes, and estimate what they cost."""

__version__ = "0.1.0"
