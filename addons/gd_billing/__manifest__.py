{
    "name": "GD Internal Settlement",
    "summary": "The monthly internal settlement per directorate, the basis budget against actual cost, and the exports for finance.",
    "version": "11.0.1.0.0",
    "category": "GD Front Office",
    "license": "AGPL-3",
    "author": "GD Front Office",
    "depends": ["gd_dva", "account"],
    "data": [
        "security/gd_billing_groups.xml",
    ],
    "installable": True,
    "application": False,
}
