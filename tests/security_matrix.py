"""Who may do what: roles x models x create/read/write/delete, as data.

``test_security_matrix.py`` checks every cell through the ORM as a user of that role, on the two organisations
of ``isolation_data``, and checks that the README's security section shows this very table
(``render_markdown()``).

A cell holds the letters of what the role may do: ``c`` create, ``r`` read, ``w`` write, ``d`` delete; ``-``
nothing. Read means the role reads records of the model in the two organisations' data (its access rights
and record rules let some through); create, write and delete mean its access rights allow it, and the record
rules then narrow which records (a customer: their own organisation's; a back-office member: their own units'
work; see the README).
"""

ROLES = [
    # key, header in the table
    ("anonymous", "anonymous"),
    ("employee", "portal employee"),
    ("principal", "client principal"),
    ("desk", "desk agent"),
    ("backoffice", "back-office member"),
    ("account_manager", "account manager"),
    ("dva_manager", "DVA manager"),
    ("finance", "finance"),
    ("catalog_manager", "catalogue manager"),
]

# model, label, then one cell per role in the order of ROLES
MATRIX = [
    ('product.template', 'catalogue item', ['-', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'crwd']),
    ('gd.backoffice', 'back office', ['-', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'crwd']),
    ('gd.catalog.desk.info', 'desk-only information', ['-', '-', '-', 'r', '-', '-', '-', '-', 'crwd']),
    ('helpdesk.ticket', 'ticket', ['-', 'r', 'r', 'crw', 'r', 'rw', '-', '-', '-']),
    ('gd.servicedesk.work.order', 'work order', ['-', '-', '-', 'crw', 'rw', 'crw', '-', '-', '-']),
    ('calendar.event', 'appointment', ['-', 'r', '-', 'crwd', 'crwd', 'cwd', 'cwd', 'cwd', 'cwd']),
    ('gd.dva.framework', 'framework agreement', ['-', '-', '-', 'r', 'r', 'r', 'crwd', '-', '-']),
    ('gd.dva.agreement', 'DVA', ['-', '-', 'r', 'r', 'r', 'crw', 'crwd', '-', '-']),
    ('gd.dva.line', 'DVA line', ['-', '-', 'r', 'r', 'r', 'crwd', 'crwd', '-', '-']),
    ('gd.dva.compliance', 'compliance', ['-', '-', 'r', '-', '-', 'r', 'r', '-', '-']),
    ('gd.dva.compliance.request', 'report request', ['-', '-', '-', '-', '-', '-', 'd', '-', '-']),
    ('sale.order', 'quote for custom work', ['-', '-', 'r', '-', '-', 'crw', 'cw', '-', '-']),
    ('gd.billing.run', 'settlement run', ['-', '-', '-', '-', '-', '-', '-', 'crwd', '-']),
    ('gd.billing.statement', 'statement', ['-', '-', 'r', '-', '-', 'r', '-', 'crwd', '-']),
    ('gd.billing.line', 'statement line', ['-', '-', 'r', '-', '-', 'r', '-', 'crwd', '-']),
    ('gd.billing.budget', 'basis budget', ['-', '-', '-', '-', '-', '-', '-', 'crwd', '-']),
    ('ir.attachment', 'attachment', ['-', 'cr', 'cr', 'crwd', 'crwd', 'crwd', 'crwd', 'crwd', 'crwd']),
    ('mail.mail', 'outgoing mail', ['-', '-', '-', 'crw', 'cw', 'cw', 'cw', 'cw', 'cw']),
    ('mail.followers', 'follower', ['-', 'r', 'r', 'crw', 'crw', 'crw', 'crw', 'crw', 'crw']),
    ('auditlog.log', 'audit log', ['-', '-', '-', '-', '-', '-', '-', '-', '-']),
]


def render_markdown():
    """The table as it stands in the README's security section."""
    header = "| model | %s |" % " | ".join(title for _key, title in ROLES)
    rule = "|---|%s|" % "|".join("---" for _role in ROLES)
    lines = [header, rule]
    for model, label, cells in MATRIX:
        lines.append("| %s (`%s`) | %s |" % (label, model, " | ".join(cells)))
    return "\n".join(lines)
