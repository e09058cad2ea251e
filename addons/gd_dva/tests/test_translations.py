import io
import os

import polib
from odoo.tests.common import SavepointCase
from odoo.tools.translate import trans_export

I18N = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")


class TestDutch(SavepointCase):

    def test_nl_po_translates_every_string(self):
        buf = io.BytesIO()
        trans_export(False, ["gd_dva"], buf, "po", self.env.cr)
        exported = {entry.msgid for entry in polib.pofile(buf.getvalue().decode("utf-8"))}
        nl = polib.pofile(os.path.join(I18N, "nl.po"))
        translated = {entry.msgid for entry in nl
                      if entry.msgstr.strip() and not entry.obsolete and "fuzzy" not in entry.flags}
        missing = sorted(exported - translated)
        self.assertFalse(missing, "nl.po lacks Dutch for %d strings: %s" % (len(missing), missing[:10]))
        self.assertEqual(nl.metadata.get("Language"), "nl")
