"""The settlement benchmark at a tiny size, so that it keeps working: bench/bench_billing_run.py."""
import importlib.util
import os
import sys

from odoo.tests.common import SavepointCase

BENCH_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, os.pardir, "bench")


def load_bench():
    """The benchmark module, imported from the checkout (it imports its neighbour ``common``)."""
    if BENCH_DIR not in sys.path:
        sys.path.insert(0, BENCH_DIR)
    spec = importlib.util.spec_from_file_location("gd_bench_billing_run",
                                                  os.path.join(BENCH_DIR, "bench_billing_run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestBenchSmoke(SavepointCase):

    def test_tiny_month_equals_the_floor(self):
        bench = load_bench()
        data = bench.set_up(self.env, organisations=4, prefix="Smoke settlement", code="SMK")
        small = bench.measure_month(self.env, data, "2023-05-01", 600, repeat=2)
        heavy = bench.measure_month(self.env, data, "2023-06-01", 1200, repeat=1)
        for figures in (small, heavy):
            self.assertEqual(figures["wrong"], [], "every statement equals the hand-written SQL to the cent")
            self.assertEqual(figures["basis_delta"], 0.0)
            self.assertEqual(figures["unbooked"], 0, "confirming books every line")
            self.assertGreaterEqual(figures["statements"], 4)
            self.assertTrue(figures["linked"], "pay-per-use work orders are linked to their lines")
            self.assertAlmostEqual(figures["charged"], figures["floor_total"], places=2)
            self.assertTrue(figures["xlsx_bytes"])
        text, _ok = bench.report(small, heavy, 100.0)
        self.assertIn("totals equal the floor's to the cent | 0 organisations differ, basis +0.00 | met", text)
