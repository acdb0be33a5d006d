"""The acceptance tests measure the text layer with the PDF tests' own helpers."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pdf"))
