{
    "name": "GD Product and Service Catalogue (iPDC)",
    "summary": "The interactive product and service catalogue of the shared-services directorates: back offices, catalogue items, topics, life events and patterns.",
    "version": "11.0.1.0.0",
    "category": "GD Front Office",
    "license": "AGPL-3",
    "author": "GD Front Office",
    "depends": ["product", "portal", "mail", "resource"],
    "data": [
        "security/gd_catalog_groups.xml",
        "security/ir.model.access.csv",
        "security/gd_catalog_security.xml",
    ],
    "demo": [
    ],
    "installable": True,
    "application": True,
}
