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
]


def render_markdown():
    """The table as it stands in the README's security section."""
    header = "| model | %s |" % " | ".join(title for _key, title in ROLES)
    rule = "|---|%s|" % "|".join("---" for _role in ROLES)
    lines = [header, rule]
    for model, label, cells in MATRIX:
        lines.append("| %s (`%s`) | %s |" % (label, model, " | ".join(cells)))
    return "\n".join(lines)
