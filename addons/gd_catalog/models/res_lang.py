from odoo import api, models, tools


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    @tools.ormcache()
    def _get_frontend_lang_ids(self):
        """(ids of the active languages in Odoo's order, id of the pages' default language or False), cached.

        The portal's pages ask for both several times a request (Odoo's http_routing: the languages on offer and the
        default language, read from the partners' default ``lang``). Changing a language or a default clears the
        registry's caches (``res.lang`` and ``ir.default`` do), so the pages follow at once.
        """
        Lang = self.sudo().with_context(active_test=True)
        languages = Lang.search([])
        code = self.env["ir.default"].sudo().get("res.partner", "lang")
        default = Lang.search([("code", "=", code)], limit=1) if code else languages[:1]
        return tuple(languages.ids), default.id
