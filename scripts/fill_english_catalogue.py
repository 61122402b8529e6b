"""Tidy the catalogues; English is the source, so copy msgids into `locale/en`.

Run by `make messages` so `locale/en` is complete without hand edits; English
strings that read differently from their msgid keep their translation.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for po_path in ROOT.glob("locale/*/LC_MESSAGES/*.po"):
    catalogue = polib.pofile(str(po_path))
    language = po_path.parts[-3]
    catalogue.metadata_is_fuzzy = False
    catalogue.metadata["Language"] = language
    catalogue.metadata["Project-Id-Version"] = "dijon-international"
    if language != "en":
        catalogue.save()
        continue
    for entry in catalogue:
        if "fuzzy" in entry.flags:
            # msgmerge's guess from a similar msgid: never right for English.
            entry.msgstr = ""
            entry.msgstr_plural = {}
            entry.previous_msgid = entry.previous_msgid_plural = None
        if entry.msgid_plural:
            if not any(entry.msgstr_plural.values()):
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        elif not entry.msgstr:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save()
