from odoo import _, api, fields, models

# The searchable text of an answer, as one weighted PostgreSQL document: the question and the keywords weigh
# most, the answer text (tags stripped) least. The same expression backs the GIN index made in init().
KNOWLEDGE_DOCUMENT = """(
    setweight(to_tsvector('dutch', coalesce(gd_catalog_knowledge.name, '')), 'A')
    || setweight(to_tsvector('dutch', coalesce(gd_catalog_knowledge.keywords, '')), 'B')
    || setweight(to_tsvector('dutch', regexp_replace(coalesce(gd_catalog_knowledge.answer, ''), '<[^>]*>', ' ', 'g')), 'D')
)"""


class GdCatalogKnowledge(models.Model):
    """A knowledge answer: a question customers or desk agents ask, with its answer.

    Answers for customers are shown on the service page; desk-only answers (internal procedures) are read by
    the service desk only, which the record rules enforce.
    """

    _name = "gd.catalog.knowledge"
    _description = "Knowledge answer"
    _order = "sequence, name, id"

    name = fields.Char(string="Question", required=True)
    answer = fields.Html(required=True)
    product_tmpl_ids = fields.Many2many(
        "product.template", "gd_catalog_knowledge_product_rel", "knowledge_id", "product_tmpl_id",
        string="Catalogue items", domain=[("is_catalog_item", "=", True)])
    keywords = fields.Char(
        help="Words customers use for this question, separated by commas: synonyms and word forms "
             "(e.g. zaal, zalen, vergaderruimte, reserveren).")
    audience = fields.Selection(
        "_selection_audience", required=True, default="customer", index=True,
        help="Customers: shown on the service page. Desk only: internal procedures, read by the service desk.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    @api.model
    def _selection_audience(self):
        return [("customer", _("Customers")), ("desk", _("Desk only"))]

    @api.model_cr
    def init(self):
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS gd_catalog_knowledge_document_idx
            ON gd_catalog_knowledge USING gin (%s)""" % KNOWLEDGE_DOCUMENT)

    @api.model
    def _search_answers(self, text, audience=None, limit=10):
        """The answers the user may read that best match a free-text question, best first.

        One query: PostgreSQL full-text search in Dutch (stemmed, stop words dropped) where any word of the
        question may match, ranked by how many words match and where (question and keywords before answer).
        ``audience`` 'customer' or 'desk' restricts to that audience; the record rules always apply.
        """
        text = (text or "").strip()[:200]
        if not text:
            return self.browse()
        domain = [("audience", "=", audience)] if audience else []
        query = self._where_calc(domain)
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, where_params = query.get_sql()
        # Port (13+): self.flush() first: from Odoo 13 on the ORM writes lazily and this statement reads the table.
        # plainto_tsquery joins the words with AND; an answer matching part of the question still counts,
        # so the words are joined with OR instead and the rank rewards answers matching more of them.
        self.env.cr.execute("""
            WITH question AS (
                SELECT replace(plainto_tsquery('dutch', %%s)::text, '&', '|')::tsquery AS query
            )
            SELECT gd_catalog_knowledge.id
              FROM %s, question
             WHERE %s
               AND question.query <> ''::tsquery
               AND %s @@ question.query
             ORDER BY ts_rank(%s, question.query, 1) DESC, gd_catalog_knowledge.sequence,
                      gd_catalog_knowledge.id
             LIMIT %%s""" % (from_clause, where_clause or "TRUE", KNOWLEDGE_DOCUMENT, KNOWLEDGE_DOCUMENT),
            [text] + where_params + [limit])
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.multi
    def _get_published_items(self):
        """The related catalogue items a customer may open."""
        return self.mapped("product_tmpl_ids").filtered(lambda item: item.is_catalog_item and item.is_published)
