from odoo import api, models, tools


class IrRule(models.Model):
    """The companies of a multi-company rule are worked out once per user, not at every access check.

    Odoo 11's company rules say ``company_id child_of [user.company_id.id]``. The rule's domain is cached per
    user, model and mode, but ``child_of`` is expanded again each time the domain becomes SQL: a search of the
    company tree before every access check (a desk agent's intake of a pattern made 85 of them). The cached
    domain here holds the expanded ids (``in``) instead. Any change of a company or of a user's company
    clears the registry's caches (res.company and res.users do), so the list follows the company tree.
    """

    _inherit = "ir.rule"

    @api.model
    @tools.ormcache("self._uid", "model_name", "mode")
    def _compute_domain(self, model_name, mode="read"):
        domain = super(IrRule, self)._compute_domain(model_name, mode)
        if not domain:
            return domain
        return [self._gd_expand_company_leaf(model_name, leaf) for leaf in domain]

    @api.model
    def _gd_expand_company_leaf(self, model_name, leaf):
        """``(field, 'in', ids)`` for a leaf ``(field, 'child_of', ids)`` on companies, else the leaf."""
        if not (isinstance(leaf, (list, tuple)) and len(leaf) == 3 and leaf[1] == "child_of"):
            return leaf
        name, _operator, value = leaf
        model = self.env[model_name]
        if name == "id":
            target = model_name
        else:
            field = model._fields.get(name)
            target = field.comodel_name if field is not None and field.type == "many2one" else None
        ids = [value] if isinstance(value, int) else value
        if target != "res.company" or not isinstance(ids, (list, tuple)) \
                or not all(isinstance(record_id, int) for record_id in ids):
            return leaf
        # As the rule's own expansion does: as superuser, the whole tree below the given companies.
        return (name, "in", self.env["res.company"].sudo().search([("id", "child_of", list(ids))]).ids)
