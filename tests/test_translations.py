"""Every gd module ships a .pot matching its current strings and a complete Dutch nl.po."""
import io
import os

import polib
from odoo.tests.common import SavepointCase
from odoo.tools.translate import trans_export

ADDONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons")
MODULES = sorted(m for m in os.listdir(ADDONS) if m.startswith("gd_"))


class TestTranslations(SavepointCase):

    def _exported_msgids(self, module):
        buf = io.BytesIO()
        trans_export(False, [module], buf, "po", self.env.cr)
        return {entry.msgid for entry in polib.pofile(buf.getvalue().decode("utf-8"))}

    def test_pot_matches_code_and_nl_complete(self):
        problems = []
        for module in MODULES:
            i18n = os.path.join(ADDONS, module, "i18n")
            pot_path = os.path.join(i18n, "%s.pot" % module)
            nl_path = os.path.join(i18n, "nl.po")
            if not (os.path.exists(pot_path) and os.path.exists(nl_path)):
                problems.append("%s: i18n/%s.pot or i18n/nl.po is missing" % (module, module))
                continue
            exported = self._exported_msgids(module)
            stale = exported - {entry.msgid for entry in polib.pofile(pot_path)}
            if stale:
                problems.append("%s.pot is out of date (run ./gd i18n %s): %s"
                                % (module, module, sorted(stale)[:10]))
            nl = polib.pofile(nl_path)
            translated = {e.msgid for e in nl if e.msgstr.strip() and not e.obsolete and "fuzzy" not in e.flags}
            missing = exported - translated
            if missing:
                problems.append("%s/i18n/nl.po lacks Dutch for %d strings: %s"
                                % (module, len(missing), sorted(missing)[:10]))
        self.assertFalse(problems, "\n".join(problems))

    def test_helpdesk_mgmt_terms_have_dutch(self):
        """OCA helpdesk_mgmt ships no Dutch; gd_servicedesk's i18n_extra/nl.po supplies every term."""
        nl = polib.pofile(os.path.join(ADDONS, "gd_servicedesk", "i18n_extra", "nl.po"))
        translated = {e.msgid for e in nl if e.msgstr.strip() and not e.obsolete and "fuzzy" not in e.flags}
        missing = self._exported_msgids("helpdesk_mgmt") - translated
        self.assertFalse(missing, "gd_servicedesk/i18n_extra/nl.po lacks Dutch for helpdesk_mgmt's %d strings: %s"
                         % (len(missing), sorted(missing)[:10]))
