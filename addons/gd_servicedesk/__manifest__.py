{
    "name": "GD Service Desk",
    "summary": "The one front office: requests from every channel, intake onto catalogue items, work orders routed to the back offices, progress, notices and deadlines.",
    "version": "11.0.1.0.0",
    "category": "GD Front Office",
    "license": "AGPL-3",
    "author": "GD Front Office",
    "depends": ["gd_catalog", "helpdesk_mgmt"],
    "data": [
        "security/gd_servicedesk_groups.xml",
    ],
    "installable": True,
    "application": True,
}
