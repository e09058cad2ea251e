{
    "name": "GD Service Level Agreements (DVA)",
    "summary": "Framework agreement and service level agreements (DVAs) per client organisation, entitlement at intake, custom-work quotes and measured compliance.",
    "version": "11.0.1.0.0",
    "category": "GD Front Office",
    "license": "AGPL-3",
    "author": "GD Front Office",
    "depends": ["gd_servicedesk", "sale_management", "report_xlsx"],
    "data": [
        "security/gd_dva_groups.xml",
    ],
    "installable": True,
    "application": False,
}
