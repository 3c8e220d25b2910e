"""Reading an office's plan (a .docx, or text pasted from Word or a PDF) into the
structure of a plan, by rules a maintainer can read: one module per part, each
naming the Vietnamese patterns it looks for. Nothing is saved here; every source
line ends up in a recognised part or in ``unrecognised``."""

from campaigns.importing.recognise import ImportedPlan, recognise
from campaigns.importing.source import ImportError_, read_docx, read_text

__all__ = ["ImportError_", "ImportedPlan", "read_docx", "read_text", "recognise"]
