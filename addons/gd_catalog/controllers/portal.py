from odoo import http
from odoo.addons.gd_catalog.controllers.portal_access import portal_record
from odoo.addons.gd_catalog.text import clean_text
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.http import request

class CatalogPortal(http.Controller):
    """The portal catalogue ("etalage"): browse by topic or life event, search, read a product page.

    Everything is read as the logged-in user: the record rules show portal users published items only,
    and the desk-only fields are not in these templates at all.
    """

    _items_per_page = 24

    def _clean_search(self, search):
        return clean_text(request.env, search or "").strip()[:100]

    def _prepare_catalog_values(self, url, page, search, financing, topic=None, event=None):
        Product = request.env["product.template"]
        search = self._clean_search(search)
        financing_labels = dict(Product._selection_financing_class())
        if financing not in financing_labels:
            financing = ""
        domain = Product._get_portal_catalog_domain(
            search=search, financing_class=financing, topic=topic, event=event)
        total = Product.search_count(domain)
        url_args = {key: value for key, value in (("search", search), ("financing", financing)) if value}
        pager = portal_pager(url=url, total=total, page=page, step=self._items_per_page, url_args=url_args)
        items = Product.search(domain, limit=self._items_per_page, offset=pager["offset"], order="name, id")
        published = Product._get_portal_catalog_domain()
        topic_counts = Product._count_per_relation(published, "topic_ids")
        event_counts = Product._count_per_relation(published, "event_ids")
        return {
            "page_name": "catalog",
            "items": items,
            "total": total,
            "pager": pager,
            "search": search,
            "financing": financing,
            "financing_labels": financing_labels,
            "level_labels": dict(Product._selection_question_level()),
            "topic": topic,
            "event": event,
            "topics": request.env["gd.catalog.topic"].search([("id", "in", list(topic_counts))]),
            "events": request.env["gd.catalog.event"].search([("id", "in", list(event_counts))]),
            "topic_counts": topic_counts,
            "event_counts": event_counts,
            "base_url": url,
        }

    @http.route(["/catalog", "/catalog/page/<int:page>"], type="http", auth="user", website=True)
    def catalog(self, page=1, search=None, financing=None, **kw):
        values = self._prepare_catalog_values("/catalog", page, search, financing)
        return request.render("gd_catalog.portal_catalog", values)

    @http.route(["/catalog/topic/<int:topic_id>", "/catalog/topic/<int:topic_id>/page/<int:page>"],
                type="http", auth="user", website=True)
    def catalog_topic(self, topic_id, page=1, search=None, financing=None, **kw):
        topic = portal_record("gd.catalog.topic", topic_id)
        values = self._prepare_catalog_values(
            "/catalog/topic/%s" % topic.id, page, search, financing, topic=topic)
        return request.render("gd_catalog.portal_catalog", values)

    @http.route(["/catalog/event/<int:event_id>", "/catalog/event/<int:event_id>/page/<int:page>"],
                type="http", auth="user", website=True)
    def catalog_event(self, event_id, page=1, search=None, financing=None, **kw):
        event = portal_record("gd.catalog.event", event_id)
        values = self._prepare_catalog_values(
            "/catalog/event/%s" % event.id, page, search, financing, event=event)
        return request.render("gd_catalog.portal_catalog", values)

    @http.route(["/catalog/product/<int:product_id>"], type="http", auth="user", website=True)
    def catalog_product(self, product_id, **kw):
        Product = request.env["product.template"]
        item = portal_record("product.template", product_id, Product._get_portal_catalog_domain())
        blocks = item.pattern_component_ids.mapped("product_tmpl_id").filtered(
            lambda block: block.is_catalog_item and block.is_published) if item.is_pattern else Product
        values = {
            "page_name": "catalog_product",
            "item": item,
            "blocks": blocks,
            "request_url": item._get_portal_request_url(),
            "financing_labels": dict(Product._selection_financing_class()),
            "level_labels": dict(Product._selection_question_level()),
            "lead_time_units": dict(Product._selection_lead_time_unit()),
        }
        return request.render("gd_catalog.portal_catalog_product", values)


class ServicePortal(http.Controller):
    """The service page ("service"-pagina): the virtual front door of the service desk for every employee.

    Everything on it comes from records the desk maintains, read as the logged-in user so the record rules
    apply: quick links, spotlights, news, the contact lines and, in the knowledge search, customer answers only.
    """

    _news_limit = 10
    _knowledge_limit = 20

    def _prepare_service_values(self):
        """The values of the service page. Modules that add a block (e.g. the employee's own cases) extend this."""
        env = request.env
        Product = env["product.template"]
        published = Product._get_portal_catalog_domain()
        topic_counts = Product._count_per_relation(published, "topic_ids")
        event_counts = Product._count_per_relation(published, "event_ids")
        QuickLink = env["gd.catalog.quick.link"]
        Spotlight = env["gd.catalog.spotlight"]
        News = env["gd.catalog.news"]
        return {
            "page_name": "service",
            "quick_links": QuickLink.search(QuickLink._get_service_page_domain()),
            "spotlights": Spotlight.search(Spotlight._get_current_domain()),
            "news_items": News.search(News._get_current_domain(), limit=self._news_limit),
            "contacts": env["gd.catalog.contact"].search([]),
            "topics": env["gd.catalog.topic"].search([("id", "in", list(topic_counts))]),
            "events": env["gd.catalog.event"].search([("id", "in", list(event_counts))]),
            "topic_counts": topic_counts,
            "event_counts": event_counts,
        }

    @http.route(["/service"], type="http", auth="user", website=True)
    def service(self, **kw):
        return request.render("gd_catalog.portal_service", self._prepare_service_values())

    @http.route(["/service/knowledge"], type="http", auth="user", website=True)
    def service_knowledge(self, q=None, **kw):
        question = clean_text(request.env, q or "").strip()[:200]
        Knowledge = request.env["gd.catalog.knowledge"]
        # the portal shows customer answers only, also to desk agents: desk-only answers stay in the backend
        answers = Knowledge._search_answers(question, "customer", self._knowledge_limit) if question else Knowledge
        values = {
            "page_name": "service_knowledge",
            "question": question,
            "answers": answers,
            "contacts": request.env["gd.catalog.contact"].search([]),
        }
        return request.render("gd_catalog.portal_service_knowledge", values)
