from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class IrAttachment(models.Model):
    """Closes two holes of Odoo 11's attachments for the suite's customers.

    ``read_group`` skipped the per-document access check that ``search`` applies, so any user could group
    by ``index_content`` or ``datas_fname`` and read every file's text and name. ``search`` itself kept files
    that hang on no document (e.g. the calendar invitations sent by mail, which carry the customer's question),
    which only employees and their creator may read: a customer could find them by their text. And customers
    could create attachments of their own that hang on no document or are public, i.e. downloadable by anyone
    without logging in.
    """

    _inherit = "ir.attachment"

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False, access_rights_uid=None):
        result = super(IrAttachment, self)._search(
            args, offset=offset, limit=limit, order=order, count=False, access_rights_uid=access_rights_uid)
        if self.env.uid != SUPERUSER_ID and result and not self.env.user.has_group("base.group_user"):
            # the rule of check(): a file on no document is for employees and its creator only
            # Port (13+): self.flush(["res_model", "res_id", "public", "create_uid"]) before this statement.
            self.env.cr.execute("""
                SELECT id FROM ir_attachment
                 WHERE id IN %s AND (res_model IS NULL OR res_id IS NULL OR res_id = 0)
                   AND NOT COALESCE(public, FALSE) AND create_uid != %s""", [tuple(result), self.env.uid])
            loose = {row[0] for row in self.env.cr.fetchall()}
            result = [attachment_id for attachment_id in result if attachment_id not in loose]
        return len(result) if count else result

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if self.env.uid != SUPERUSER_ID:
            # search() keeps only the attachments whose documents the user may read; group those only
            domain = [("id", "in", self.search(domain or []).ids)]
        return super(IrAttachment, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.model
    def create(self, values):
        self._check_customer_attachment(values)
        return super(IrAttachment, self).create(values)

    @api.multi
    def write(self, vals):
        if {"public", "res_model", "res_id"} & set(vals):
            for attachment in self:
                self._check_customer_attachment(dict({
                    "public": attachment.public, "res_model": attachment.res_model,
                    "res_id": attachment.res_id}, **vals))
        return super(IrAttachment, self).write(vals)

    @api.model
    def _check_customer_attachment(self, values):
        """Customers attach files to a document they may change, never loose and never public."""
        if self.env.uid == SUPERUSER_ID or not self.env.user.share:
            return
        if values.get("public"):
            raise AccessError(_("Customers cannot publish files."))
        if not (values.get("res_model") and values.get("res_id")):
            raise AccessError(_("Customers can only add files to a document of their own."))
