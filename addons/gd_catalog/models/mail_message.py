from odoo import SUPERUSER_ID, api, models


class MailMessage(models.Model):
    """Messages are filtered per document by ``_search``; ``read_group`` must see the same messages.

    Odoo 11's ``read_group`` went by the record rules alone, which mail.message does not have: any user could
    group every message of every document by its body. And ``search([])`` by a portal user failed on a domain
    that Odoo itself builds wrongly when no condition is given.
    """

    _inherit = "mail.message"

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        return super(MailMessage, self)._search(
            list(args or []) or [(1, "=", 1)], offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if self.env.uid != SUPERUSER_ID:
            domain = [("id", "in", self.search(domain or []).ids)]
        return super(MailMessage, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
