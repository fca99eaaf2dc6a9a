"""doculens: a research workbook for documentary and interview transcripts."""

__version__ = "0.1.0"
