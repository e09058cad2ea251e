from .common import CatalogCase

FIELDS = ["name", "is_catalog_item", "backoffice_id", "financing_class", "question_level", "lead_time",
          "lead_time_unit", "list_price", "topic_ids", "is_published"]
OPTIONS = {"quoting": '"', "separator": ",", "headers": True}


class TestCsvImport(CatalogCase):
    """Catalogue items come in through Odoo's own importer (base_import)."""

    def _import(self, csv_text):
        importer = self.env["base_import.import"].create({
            "res_model": "product.template", "file": csv_text.encode("utf-8"),
            "file_name": "catalogus.csv", "file_type": "text/csv"})
        return importer.with_context(tracking_disable=True).do(FIELDS, OPTIONS)

    def test_import_items(self):
        header = ",".join(FIELDS)
        messages = self._import(
            header + "\n"
            'Imported room service,1,Test Facilities,basis,operational,2,days,0,"Test workplace topic",1\n'
            'Imported phone plan,1,Test ICT,plus,tactical,4,hours,19.95,'
            '"Test travel topic,Test workplace topic",0\n')
        self.assertFalse(messages)
        items = self.env["product.template"].search([("name", "like", "Imported ")], order="name")
        self.assertEqual(items.mapped("name"), ["Imported phone plan", "Imported room service"])
        phone, room = items
        self.assertEqual(phone.backoffice_id, self.bo_ict)
        self.assertEqual(phone.type, "service")
        self.assertEqual((phone.financing_class, phone.question_level), ("plus", "tactical"))
        self.assertEqual((phone.lead_time, phone.lead_time_unit, phone.list_price), (4.0, "hours", 19.95))
        self.assertEqual(phone.topic_ids, self.topic_travel | self.topic_work)
        self.assertFalse(phone.is_published)
        self.assertTrue(room.is_published and room.is_catalog_item)

    def test_import_reports_unknown_back_office(self):
        messages = self._import(
            ",".join(FIELDS) + "\n"
            "Imported orphan,1,No such back office,basis,operational,1,days,0,,1\n")
        self.assertTrue(messages)
        self.assertEqual(messages[0]["type"], "error")
        self.assertFalse(self.env["product.template"].search([("name", "=", "Imported orphan")]))
