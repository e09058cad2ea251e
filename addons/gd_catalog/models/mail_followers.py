from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class MailFollowers(models.Model):
    """Only who may change a document makes someone follow it.

    Odoo 11 let any user, portal users included, create follower entries on any document by id: on a
    document of another organisation that made its messages arrive by e-mail, and on a quote it made the
    quote readable where the portal rule was follower-based. Following oneself through the web client's
    Follow button is not affected: ``message_subscribe`` checks the document itself and writes as superuser.
    """

    _inherit = "mail.followers"

    @api.model
    def create(self, vals):
        self._check_document_write(vals.get("res_model"), vals.get("res_id"))
        return super(MailFollowers, self).create(vals)

    @api.multi
    def write(self, vals):
        for follower in self:
            self._check_document_write(vals.get("res_model", follower.res_model),
                                       vals.get("res_id", follower.res_id))
        return super(MailFollowers, self).write(vals)

    @api.multi
    def unlink(self):
        partner = self.env.user.partner_id
        for follower in self.filtered(lambda follower: follower.partner_id != partner):
            self._check_document_write(follower.res_model, follower.res_id)
        return super(MailFollowers, self).unlink()

    @api.model
    def _check_document_write(self, res_model, res_id):
        if self.env.uid == SUPERUSER_ID:
            return
        if not res_model or res_model not in self.env or not res_id:
            raise AccessError(_("Followers belong to a document."))
        document = self.env[res_model].browse(res_id)
        document.check_access_rights("write")
        document.check_access_rule("write")
