from odoo import _, api, fields, models
from odoo.addons.gd_catalog.models.gd_catalog_link_mixin import is_valid_link
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """Catalogue items of the iPDC are service products, so prices, units and quotes come from Odoo."""

    _inherit = "product.template"

    # Fields of product.template the read_group override below can group by although they are many2many.
    _gd_many2many_groupbys = ("topic_ids", "event_ids")

    is_catalog_item = fields.Boolean(
        string="Is a catalogue item", index=True, track_visibility="onchange",
        help="Part of the product and service catalogue (iPDC) of the shared services.")
    backoffice_id = fields.Many2one(
        "gd.backoffice", string="Owner back office", index=True, ondelete="restrict",
        track_visibility="onchange", help="The back office that delivers this item and answers for it.")
    financing_class = fields.Selection(
        "_selection_financing_class", string="Financing class", index=True, track_visibility="onchange",
        help="Basis: centrally budgeted, the same for everyone. Plus: the customer chooses quantity or level "
             "and pays per month. Custom: the customer decides content and size; a quote is made.")
    question_level = fields.Selection(
        "_selection_question_level", string="Level", index=True, track_visibility="onchange",
        help="Operational: standard, handled by the service desk. Tactical: needs an intake by an expert of "
             "the back office. Strategic: crosses back offices, goes to account management.")
    product_sheet = fields.Html(string="Product sheet", help="The description for customers.")
    lead_time = fields.Float(
        string="Lead-time norm", track_visibility="onchange",
        help="Delivery norm, in working hours or working days on the owner back office's calendar.")
    lead_time_unit = fields.Selection("_selection_lead_time_unit", string="Lead-time unit", default="days")
    condition_content = fields.Text(string="Content conditions", help="What exactly is delivered.")
    condition_process = fields.Text(string="Process conditions", help="How and when it is delivered.")
    condition_financial = fields.Text(string="Financial conditions", help="What it costs and how it is charged.")
    request_url = fields.Char(string="Request link", help="Link to the intranet application to request this item.")
    request_email = fields.Char(string="Request e-mail")
    request_phone = fields.Char(string="Request phone")
    request_at_desk = fields.Boolean(string="Request at the desk", help="Can be requested at the physical desk.")
    request_via_portal = fields.Boolean(
        string="Request via the portal", help="Can be requested with the portal request form.")
    topic_ids = fields.Many2many(
        "gd.catalog.topic", "gd_catalog_topic_product_rel", "product_tmpl_id", "topic_id", string="Topics")
    event_ids = fields.Many2many(
        "gd.catalog.event", "gd_catalog_event_product_rel", "product_tmpl_id", "event_id", string="Life events")
    is_published = fields.Boolean(
        string="Published on the portal", index=True, track_visibility="onchange", copy=False)
    needs_mandate = fields.Boolean(
        string="Needs a mandate", track_visibility="onchange",
        help="Only employees mandated by their directorate may request this item.")
    # Desk-only content is kept in gd.catalog.desk.info, which only the desk group can reach by any method.
    desk_procedure = fields.Html(
        string="Desk procedure", groups="gd_catalog.group_desk", compute="_compute_desk_info",
        inverse="_inverse_desk_procedure", search="_search_desk_procedure",
        help="How the service desk handles this item. Never shown to customers.")
    desk_phone = fields.Char(
        string="Internal phone numbers", groups="gd_catalog.group_desk", compute="_compute_desk_info",
        inverse="_inverse_desk_phone", search="_search_desk_phone",
        help="Internal numbers for the service desk. Never shown to customers.")
    is_pattern = fields.Boolean(
        string="Is a pattern", index=True,
        help="A composite product: building blocks of several back offices, chosen by the answers to questions. "
             "The pattern has a financing class and level of its own (a plus pattern is charged on its own, a "
             "tactical one first gets an expert intake); its building blocks keep theirs.")
    pattern_component_ids = fields.One2many(
        "gd.catalog.pattern.component", "pattern_id", string="Building blocks", copy=True)
    pattern_question_ids = fields.One2many(
        "gd.catalog.pattern.question", "pattern_id", string="Questions", copy=True)

    # Selection labels come from methods so that they are translated in the user's language.
    @api.model
    def _selection_financing_class(self):
        return [("basis", _("Basis")), ("plus", _("Plus")), ("custom", _("Custom work"))]

    @api.model
    def _selection_question_level(self):
        return [("operational", _("Operational")), ("tactical", _("Tactical")), ("strategic", _("Strategic"))]

    @api.model
    def _selection_lead_time_unit(self):
        return [("hours", _("Working hours")), ("days", _("Working days"))]

    @api.multi
    def _compute_desk_info(self):
        infos = self.env["gd.catalog.desk.info"]._get_desk_info("product_tmpl_id", self)
        for item in self:
            info = infos.get(item.id)
            item.desk_procedure = info.desk_procedure if info else False
            item.desk_phone = info.desk_phone if info else False

    @api.multi
    def _inverse_desk_procedure(self):
        self.env["gd.catalog.desk.info"]._set_desk_value("product_tmpl_id", self, "desk_procedure")

    @api.multi
    def _inverse_desk_phone(self):
        self.env["gd.catalog.desk.info"]._set_desk_value("product_tmpl_id", self, "desk_phone")

    @api.model
    def _search_desk_procedure(self, operator, value):
        return self.env["gd.catalog.desk.info"]._search_desk_value("product_tmpl_id", "desk_procedure", operator, value)

    @api.model
    def _search_desk_phone(self, operator, value):
        return self.env["gd.catalog.desk.info"]._search_desk_value("product_tmpl_id", "desk_phone", operator, value)

    @api.constrains("is_catalog_item", "is_pattern", "type")
    def _check_catalog_item(self):
        for item in self:
            if item.is_pattern and not item.is_catalog_item:
                raise ValidationError(_("The pattern %(item)s must be a catalogue item.") % {"item": item.name})
            if item.is_catalog_item and item.type != "service":
                raise ValidationError(
                    _("The catalogue item %(item)s must be a service product.") % {"item": item.name})

    @api.constrains("lead_time")
    def _check_lead_time(self):
        for item in self:
            if item.lead_time < 0:
                raise ValidationError(
                    _("The lead-time norm of %(item)s cannot be negative.") % {"item": item.name})

    @api.constrains("request_url")
    def _check_request_url(self):
        for item in self:
            if not is_valid_link(item.request_url):
                raise ValidationError(
                    _("The request link of %(item)s must start with https://, http:// or /.") % {"item": item.name})

    @api.onchange("is_catalog_item", "is_pattern")
    def _onchange_is_catalog_item(self):
        if self.is_pattern:
            self.is_catalog_item = True
        if self.is_catalog_item:
            self.type = "service"

    @api.model
    def create(self, vals):
        return super(ProductTemplate, self).create(self._prepare_catalog_item_vals(vals))

    @api.multi
    def write(self, vals):
        return super(ProductTemplate, self).write(self._prepare_catalog_item_vals(vals))

    @api.model
    def _prepare_catalog_item_vals(self, vals):
        """A pattern is a catalogue item, and a catalogue item is a service (also when imported)."""
        vals = dict(vals)
        if vals.get("is_pattern"):
            vals["is_catalog_item"] = True
        if vals.get("is_catalog_item") and "type" not in vals:
            vals["type"] = "service"
        return vals

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Also group by topic and life event (many2many), one group per topic or event.

        An item with two topics counts in both groups, as in later Odoo versions.
        """
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        many2many = [name for name in (groupby[:1] if lazy else groupby) if name in self._gd_many2many_groupbys]
        if not many2many:
            return super(ProductTemplate, self).read_group(
                domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)
        return self._read_group_many2many(domain or [], fields, groupby, many2many[0], lazy)

    @api.model
    def _read_group_many2many(self, domain, fields, groupby, field_name, lazy):
        rest = [name for name in groupby if name != field_name]
        counts = self._count_per_relation(domain, field_name)
        comodel = self.env[self._fields[field_name].comodel_name]
        keys = [(record.id, record.display_name) for record in comodel.search([("id", "in", list(counts))])]
        none_count = self.search_count(domain + [(field_name, "=", False)])
        if none_count:
            keys.append((False, False))
        groups = []
        for key_id, key_name in keys:
            sub_domain = domain + [(field_name, "=", key_id)]
            count = counts.get(key_id, none_count)
            value = (key_id, key_name) if key_id else False
            if lazy:
                group = {field_name: value, "%s_count" % field_name: count, "__domain": sub_domain}
                if rest:
                    group["__context"] = {"group_by": rest}
                groups.append(group)
            elif rest:
                for row in self.read_group(sub_domain, fields, rest, lazy=False):
                    row[field_name] = value
                    groups.append(row)
            else:
                groups.append({field_name: value, "__count": count, "__domain": sub_domain})
        return groups

    @api.model
    def _count_per_relation(self, domain, field_name):
        """Count the records matching ``domain`` (access rules applied) per related record of a many2many.

        One query for all related records, so topic and event pages stay fast with thousands of items.
        """
        field = self._fields[field_name]
        query = self._where_calc(domain)
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        # Port (13+): self.flush() first (this model and the relation): the ORM writes lazily from Odoo 13 on.
        sql = ('SELECT rel."{col2}", count(*) FROM "{rel}" rel WHERE rel."{col1}" IN '
               '(SELECT "{table}".id FROM {from_clause} {where}) GROUP BY rel."{col2}"').format(
            col1=field.column1, col2=field.column2, rel=field.relation, table=self._table,
            from_clause=from_clause, where=("WHERE %s" % where_clause) if where_clause else "")
        self.env.cr.execute(sql, params)
        return dict(self.env.cr.fetchall())

    @api.multi
    def _pattern_contains(self, target, _visited=None):
        """True when this item is ``target`` or, as a pattern, contains it directly or indirectly."""
        self.ensure_one()
        visited = _visited if _visited is not None else set()
        if self == target:
            return True
        if self.id in visited:
            return False
        visited.add(self.id)
        return any(block._pattern_contains(target, visited)
                   for block in self.pattern_component_ids.mapped("product_tmpl_id"))

    @api.multi
    def _get_pattern_tree(self):
        """This pattern and every pattern nested in it, at any depth."""
        self.ensure_one()
        tree = self
        todo = self
        while todo:
            nested = todo.mapped("pattern_component_ids.product_tmpl_id").filtered("is_pattern") - tree
            tree |= nested
            todo = nested
        return tree

    @api.multi
    def _resolve_pattern(self, options):
        """The building blocks that apply for the answers ``options`` (gd.catalog.pattern.option).

        Returns the leaf building blocks in sequence order; nested patterns are expanded with the same
        answers. A non-pattern item returns itself. Raises ValidationError for answers not belonging to
        the pattern, two answers to one question, an answer to a question that does not apply, or a
        required choice question that applies left unanswered. Text and date answers decide no building
        block: ``_get_pattern_answer_vals`` checks them.
        """
        self.ensure_one()
        options = options or self.env["gd.catalog.pattern.option"]
        if not self.is_pattern:
            return self
        self._check_pattern_answers(options)
        return self._expand_pattern(options, self.browse())

    @api.multi
    def _check_pattern_answers(self, options):
        """Refuse options of another pattern, two options for one question, and an option chosen for a
        question that does not apply (it depends on an option not chosen)."""
        self.ensure_one()
        questions = self._get_pattern_tree().mapped("pattern_question_ids")
        foreign = options.filtered(lambda option: option.question_id not in questions)
        if foreign:
            raise ValidationError(
                _("The answer %(option)s does not belong to a question of the pattern %(pattern)s.")
                % {"option": foreign[0].display_name, "pattern": self.display_name})
        for question in options.mapped("question_id"):
            chosen = options.filtered(lambda option: option.question_id == question)
            if len(chosen) > 1:
                raise ValidationError(
                    _("The question %(question)s takes one answer, not %(answers)s.")
                    % {"question": question.display_name, "answers": ", ".join(chosen.mapped("name"))})
            if not question._applies(options):
                raise ValidationError(self._not_applicable_message(question))

    @api.multi
    def _not_applicable_message(self, question):
        return _("The question %(question)s is not asked for the answers given (only when %(option)s is "
                 "chosen): leave it unanswered.") % {
            "question": question.name, "option": question.depends_on_option_id.display_name}

    @api.multi
    def _get_pattern_answer_vals(self, options, values=None):
        """Check every answer to this pattern and return them in the form a request stores them.

        ``options`` are the chosen options (gd.catalog.pattern.option), ``values`` a dict {question id:
        text or date as sent} for the text and date questions. Refuses (ValidationError) what
        ``_resolve_pattern`` refuses, a required question that applies left unanswered, an answer to a
        question that does not apply, a malformed or out-of-range date and a text for a choice question.
        An empty value is no answer (an optional answer cleared). Returns [{question_id, option_id,
        value_text, value_date}] in the order the questions are asked, one per answered question.
        """
        self.ensure_one()
        options = options or self.env["gd.catalog.pattern.option"]
        self._check_pattern_answers(options)
        values = dict(values or {})
        questions = self._get_pattern_tree().mapped("pattern_question_ids")
        unknown = [key for key, value in values.items()
                   if value and key not in questions.ids]
        if unknown:
            raise ValidationError(_("The pattern %(pattern)s has no such question.") % {"pattern": self.display_name})
        answers = []
        for question in questions:
            applies = question._applies(options)
            value = question._parse_answer(values.get(question.id))
            if question.answer_type == "choice":
                chosen = options & question.option_ids
                if applies and question.is_required and question.option_ids and not chosen:
                    raise ValidationError(self._unanswered_message(question))
                if chosen:
                    answers.append({"question_id": question.id, "option_id": chosen.id,
                                    "value_text": False, "value_date": False})
                continue
            if value and not applies:
                raise ValidationError(self._not_applicable_message(question))
            if not value and applies and question.is_required:
                raise ValidationError(self._unanswered_message(question))
            if value:
                answers.append({"question_id": question.id, "option_id": False,
                                "value_text": value if question.answer_type == "text" else False,
                                "value_date": value if question.answer_type == "date" else False})
        return answers

    @api.multi
    def _unanswered_message(self, question):
        return _("Please answer the question %(question)s of %(pattern)s.") % {
            "question": question.name, "pattern": question.pattern_id.display_name}

    @api.multi
    def _expand_pattern(self, options, path):
        self.ensure_one()
        if self in path:
            raise ValidationError(
                _("The pattern %(pattern)s contains itself.") % {"pattern": self.display_name})
        for question in self.pattern_question_ids:
            if question.answer_type == "choice" and question.is_required and question.option_ids \
                    and question._applies(options) and not (question.option_ids & options):
                raise ValidationError(self._unanswered_message(question))
        blocks = self.browse()
        for component in self.pattern_component_ids:
            if not component._applies_to(options):
                continue
            block = component.product_tmpl_id
            if block.is_pattern:
                blocks |= block._expand_pattern(options, path | self)
            else:
                blocks |= block
        return blocks

    @api.model
    def _get_portal_catalog_domain(self, search=None, financing_class=None, topic=None, event=None):
        """The domain of the portal catalogue: published items, narrowed by the customer's choices.

        ``search`` looks in the name, the product sheet and the topic names; unknown financing classes
        are ignored rather than refused, as they come from a URL a customer may have edited.
        """
        domain = [("is_catalog_item", "=", True), ("is_published", "=", True)]
        if financing_class and financing_class in dict(self._selection_financing_class()):
            domain.append(("financing_class", "=", financing_class))
        if topic:
            domain.append(("topic_ids", "in", topic.ids))
        if event:
            domain.append(("event_ids", "in", event.ids))
        if search:
            domain += ["|", "|", ("name", "ilike", search), ("product_sheet", "ilike", search),
                       ("topic_ids.name", "ilike", search)]
        return domain

    @api.multi
    def _get_portal_request_url(self):
        """The URL of the portal request form for this item; False when it cannot be requested there.

        The catalogue itself has no request form: the service desk module overrides this.
        """
        self.ensure_one()
        return False
