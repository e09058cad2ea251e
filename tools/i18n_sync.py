"""Merge a module's freshly exported .pot into its nl.po and list what still lacks Dutch.

``python i18n_sync.py addons/gd_x/i18n/gd_x.pot addons/gd_x/i18n/nl.po``
Existing translations are kept (matched on msgid), new strings are added untranslated,
strings no longer in the .pot are dropped. Exit code 1 while any string lacks Dutch.
"""
import sys

import polib


def merge(pot_path, po_path):
    pot = polib.pofile(pot_path, wrapwidth=78)
    pot.save(pot_path)  # Odoo writes long lines unwrapped; wrapped like nl.po, diffs show what changed
    try:
        old = {e.msgid: e for e in polib.pofile(po_path)}
    except (IOError, OSError):
        old = {}
    po = polib.POFile()  # wrapped at 78 like Odoo's own export, so diffs stay small
    po.metadata = dict(pot.metadata)
    po.metadata.update({"Language": "nl", "Language-Team": "Dutch",
                        "Plural-Forms": "nplurals=2; plural=(n != 1);",
                        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": ""})
    missing = []
    for entry in pot:
        previous = old.get(entry.msgid)
        entry.msgstr = previous.msgstr if previous else ""
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        po.append(entry)
        if not entry.msgstr.strip():
            missing.append(entry.msgid)
    po.save(po_path)
    return missing


if __name__ == "__main__":
    missing = merge(sys.argv[1], sys.argv[2])
    for msgid in missing:
        print("untranslated: %r" % msgid)
    print("%s: %d strings lack Dutch" % (sys.argv[2], len(missing)))
    sys.exit(1 if missing else 0)
