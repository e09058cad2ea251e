import psycopg2
from psycopg2 import errorcodes

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, UserError

# The context key under which a transition of one model runs (see GdTransitionMixin._transition).
TRANSITION_KEY = "gd_transition"
# A row another transaction holds (NOWAIT), or changed since this transaction's snapshot.
CONCURRENT_PGCODES = (errorcodes.LOCK_NOT_AVAILABLE, errorcodes.SERIALIZATION_FAILURE)


class TransitionToken(object):
    """Marks an environment as running a transition, by user ``uid``, that may set the transition fields of
    ``models``.

    It is a Python object, so no client can put it in a context: XML-RPC and JSON-RPC carry data only. It
    holds for the user who started the transition only: records that leave the transition and are then
    used as another user (``sudo(user)``) are guarded again.
    """

    __slots__ = ("models", "uid")

    def __init__(self, models, uid):
        self.models = frozenset(models)
        self.uid = uid

    def __repr__(self):
        return "<transition of %s by %s>" % (", ".join(sorted(self.models)), self.uid)


class GdTransitionMixin(models.AbstractModel):
    """State fields and what a transition sets are written by the transition methods only.

    A model lists those fields in ``_get_transition_fields()``, and in ``_get_fixed_fields()`` those set
    when the record is made and never changed after (its links to what it is made from). ``create()`` and
    ``write()`` refuse them
    for every user short of the superuser, unless the model's own transition writes them through
    ``_transition_write()`` / ``_transition_create()`` (or ``self._transition()`` inside an override).
    ``_lock_for_transition()`` takes the rows a transition changes, refusing at once when another
    transaction holds them, so that of two users acting at once one wins and the other is told.
    """

    _name = "gd.transition.mixin"
    _description = "Fields changed by transitions only"

    @api.model
    def _get_transition_fields(self):
        """The names of the fields only the transitions of this model write."""
        return set()

    @api.model
    def _get_fixed_fields(self):
        """The names of the fields given at creation that nothing changes afterwards."""
        return set()

    # ------------------------------------------------------------------ CRUD

    @api.model
    def create(self, vals):
        self._check_transition_vals(vals, creating=True)
        return super(GdTransitionMixin, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_transition_vals(vals)
        return super(GdTransitionMixin, self).write(vals)

    # ------------------------------------------------------------------ guard

    @api.model
    def _may_write_transition_fields(self):
        """The superuser, or a transition of this model."""
        return self.env.uid == SUPERUSER_ID or self._in_transition()

    @api.model
    def _in_transition(self):
        token = self.env.context.get(TRANSITION_KEY)
        return isinstance(token, TransitionToken) and self._name in token.models and token.uid == self.env.uid

    @api.model
    def _transition(self, *also):
        """These records in an environment that runs a transition of this model.

        ``also`` names the other models whose records the transition creates or changes (an intake creates
        work orders). For a transition method's own body and overrides' ``super()``; the environment must
        not travel back to callers: return records with ``with_env(<the caller's env>)``.
        """
        return self.with_context(**{TRANSITION_KEY: TransitionToken((self._name,) + also, self.env.uid)})

    @api.multi
    def _transition_write(self, vals):
        """Write as the transition of this model: the transition fields are allowed."""
        return self._transition().write(vals)

    @api.model
    def _transition_create(self, vals):
        """Create as a transition of this model; the record comes back in the caller's environment."""
        return self._transition().create(vals).with_env(self.env)

    @api.model
    def _check_transition_vals(self, vals, creating=False):
        if self._may_write_transition_fields():
            return
        names = self._get_transition_fields() & set(vals)
        if creating and names:
            # A new record may name the value it gets anyway (the default, or nothing).
            defaults = self.default_get(list(names))
            names = {name for name in names if vals[name] and vals[name] != defaults.get(name)}
        elif not creating:
            names |= self._get_fixed_fields() & set(vals)
        if names:
            labels = sorted(self._fields[name].get_description(self.env)["string"] for name in names)
            raise AccessError(
                _("%(fields)s of %(model)s change only through its actions (buttons), not directly.")
                % {"fields": ", ".join(labels), "model": self.env["ir.model"]._get(self._name).name})

    # ------------------------------------------------------------------ concurrency

    @api.multi
    def _lock_for_transition(self):
        """Lock these rows until the end of the transaction; see ``lock_rows()``."""
        return lock_rows(self)


def lock_rows(records):
    """Lock the rows of ``records`` until the end of the transaction; refuse at once when someone else holds them.

    Odoo runs transactions in REPEATABLE READ: a row another transaction changed and committed after this one
    began is refused the same way, so the caller never acts on a state that is gone. ``NO KEY UPDATE`` leaves
    rows that only point at these (new work orders of a ticket, messages) free to be made meanwhile.
    """
    if not records.ids:
        return True
    cr = records.env.cr
    # Port (13+): records.flush() first, so that what this transaction changed is written before the lock.
    query = 'SELECT id FROM "%s" WHERE id IN %%s FOR NO KEY UPDATE NOWAIT' % records._table
    try:
        with cr.savepoint():
            cr.execute(query, (tuple(records.ids),), log_exceptions=False)
    except psycopg2.OperationalError as error:
        if error.pgcode not in CONCURRENT_PGCODES:
            raise
        context = records.env.context  # noqa: F841 (where _() finds the language)
        raise UserError(_("%(records)s is being changed by someone else right now. Reload it and try again.")
                        % {"records": ", ".join(records.sudo().mapped("display_name"))})
    return True
