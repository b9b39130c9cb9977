"""Large-print booklets and posters (WeasyPrint): what `python -m generator print` writes.

    build_all(directory, out_dir) -> list[PrintedDocument]

renders every edition's booklet, one poster per activity in print and one "what's on near here"
poster per place in site_config/places.yml.
"""

from generator.printing.build import build_all
from generator.printing.document import PrintedDocument

__all__ = ["build_all", "PrintedDocument"]
