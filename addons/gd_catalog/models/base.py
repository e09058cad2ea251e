from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class Base(models.AbstractModel):
    """A field restricted with ``groups=`` stays restricted in every method, on every model.

    Odoo 11 checks ``groups=`` in ``read`` and ``write`` only: ``search`` (a domain on the field is an
    oracle for its value), the order of a search, and ``read_group`` (which returns the values as group
    keys) went straight to the column. These checks refuse the field there too, for users outside its groups.
    """

    _inherit = "base"

    @api.model
    def _gd_check_fields_readable(self, names):
        """Raise AccessError when the current user may not read one of the fields ``names`` of this model."""
        if self.env.uid == SUPERUSER_ID:
            return
        for name in names:
            field = self._fields.get(name)
            if field is not None and field.groups and not self.user_has_groups(field.groups):
                raise AccessError(
                    _("You may not search, sort or group on the field %(field)s of %(model)s.")
                    % {"field": field.string or name, "model": self._description or self._name})

    @api.model
    def _where_calc(self, domain, active_test=True):
        if self.env.uid != SUPERUSER_ID and domain:
            self._gd_check_fields_readable({
                leaf[0].split(".", 1)[0] for leaf in domain
                if isinstance(leaf, (list, tuple)) and leaf and isinstance(leaf[0], str)})
        return super(Base, self)._where_calc(domain, active_test=active_test)

    @api.model
    def _generate_order_by_inner(self, alias, order_spec, query, reverse_direction=False, seen=None):
        if self.env.uid != SUPERUSER_ID and order_spec:
            self._gd_check_fields_readable({part.strip().split(" ")[0] for part in order_spec.split(",")})
        return super(Base, self)._generate_order_by_inner(
            alias, order_spec, query, reverse_direction=reverse_direction, seen=seen)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if self.env.uid != SUPERUSER_ID:
            groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
            if not fields:
                # Odoo aggregates every stored field when none are named: only those the user may read
                fields = [name for name, field in self._fields.items() if field.store and (
                    not field.groups or self.user_has_groups(field.groups))]
            self._gd_check_fields_readable(
                {name.split(":", 1)[0] for name in list(fields) + groupbys if isinstance(name, str)})
        return super(Base, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
