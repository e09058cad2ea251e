"""The yearly service delivery report of every organisation at a ministry's size.

On the data set of ``ministry.py`` (a DVA per organisation, about 400,000 deliveries under DVA lines over two
years), account management asks the report of all organisations for the last full year: the figures, the
workbook and the PDF. Compared in the same run with one SQL GROUP BY per line and month over the same
deliveries, whose totals must equal the report's. Targets: figures, xlsx and PDF each under 10 s. The PDF's
HTML size, page count and time in wkhtmltopdf are reported beside it, with the machine's load average.

The PDF is the one a user gets: wkhtmltopdf fetches the report's stylesheets over HTTP from ``report.url``, so
an Odoo server on a port of its own (``GD_BENCH_REPORT_PORT``, default 8479) serves them for the run, and the
stylesheets it served are counted from its log: a stylesheet answered otherwise than 200 fails the PDF.
"""
import io
import os
import re
import statistics
import sys
import time

import odoo
from common import QueryCounter, environment, launch_server, open_registry, read_options, server_config, \
    stop_server, verdict, wait_for_server
from ministry import build

TARGET = 10.0
REPEAT = 3


def timed(env, function):
    timings, queries, result = [], 0, None
    for _ in range(REPEAT):
        env.cache.invalidate()
        with QueryCounter() as counter:
            started = time.perf_counter()
            result = function()
            timings.append(time.perf_counter() - started)
        queries = counter.count
    return statistics.median(timings), min(timings), max(timings), queries, result


def stylesheets_served(logfile, offset):
    """(stylesheet requests answered 200, other answers) in the server log written after ``offset``."""
    with open(logfile, errors="replace") as fh:
        fh.seek(offset)
        answers = re.findall(r'"GET /[^ "?]+\.css(?:\?[^ "]*)? HTTP/[\d.]+" (\d+)', fh.read())
    return sum(1 for code in answers if code == "200"), sum(1 for code in answers if code != "200")


def main():
    tiny = "--tiny" in sys.argv
    sys.argv = [arg for arg in sys.argv if arg != "--tiny"]
    registry = open_registry(__doc__)
    config, database = odoo.tools.config.rcfile, registry.db_name
    with environment(registry) as env:
        users = build(env, "tiny" if tiny else "full")
        client_ids = users["organisations"].ids
        env.cr.execute("SELECT extract(year FROM now())::int - 1")
        year = env.cr.fetchone()[0]
    # The stylesheets of the PDF, served as to a user by a server of its own (threaded: one port, no crons, no
    # job runner); report.url points wkhtmltopdf at it for the run and is put back afterwards.
    port = int(os.environ.get("GD_BENCH_REPORT_PORT", "8479"))
    path = server_config(config, database, port, 0, "report", {"server_wide_modules": "base,web"})
    logfile = dict(read_options(path))["logfile"]
    server = wait_for_server(launch_server(path), port, logfile)
    try:
        with environment(registry) as env:
            report_url = env["ir.config_parameter"].get_param("report.url")
            env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:%d" % port)
        try:
            rows, delivered, floor_delivered, load_start, served = measure(registry, client_ids, year, logfile)
        finally:
            with environment(registry) as env:
                env["ir.config_parameter"].set_param("report.url", report_url or False)
    finally:
        stop_server(server)
    lines = ["## The yearly service delivery report (`bench/bench_compliance.py`)", "",
             "All %d organisations, year %d: %d deliveries under DVA lines (the SQL floor counts %d). Median of %d "
             "(range); load average %.1f at the start, %.1f at the end (2 cores). The PDF's stylesheets served to "
             "wkhtmltopdf by Odoo: %d (%d other answers)." % (
                 len(client_ids), year, delivered, floor_delivered, REPEAT, load_start, os.getloadavg()[0],
                 served[0], served[1]), "",
             "| what | median | range | SQL statements | SQL floor | target | verdict |", "|---|---|---|---|---|---|---|"]
    all_ok = True
    for label, median, low, high, queries, floor_median, ok in rows:
        all_ok = all_ok and ok
        lines.append("| %s | %.2f s | %.2f-%.2f s | %d | %s | < %.0f s | %s |" % (
            label, median, low, high, queries, "%.3f s" % floor_median if floor_median is not None else "-",
            TARGET, verdict(ok)))
    print("\n".join(lines) + "\n")
    return 0 if all_ok else 1


def measure(registry, client_ids, year, logfile):
    rows = []
    load_start = os.getloadavg()[0]
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        # Management reads every client's report; the record rules of a DVA manager are "all", so the
        # superuser reads the same rows.
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "nl_NL", "tz": "Europe/Amsterdam"})
        Compliance = env["gd.dva.compliance"]
        clients = env["res.partner"].browse(client_ids)
        data = {"year": year, "period": "Y", "client_ids": client_ids}

        def figures():
            return Compliance._get_reports_data(clients, year, "Y")

        def floor():
            cr.execute("""
                SELECT w.dva_line_id, date_trunc('month', (w.done_date AT TIME ZONE 'UTC')
                                                  AT TIME ZONE 'Europe/Amsterdam'), count(*),
                       count(*) FILTER (WHERE w.deadline IS NULL OR w.done_date <= w.deadline)
                  FROM gd_servicedesk_work_order w
                 WHERE w.state = 'done' AND w.kind = 'delivery' AND w.dva_line_id IS NOT NULL
                   AND w.client_id IN %s
                   AND (w.done_date AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam'
                       >= make_date(%s, 1, 1)
                   AND (w.done_date AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam'
                       < make_date(%s + 1, 1, 1)
                 GROUP BY 1, 2""", (tuple(client_ids), year, year))
            return cr.fetchall()

        report_xlsx = env.ref("gd_dva.gd_dva_compliance_report_xlsx")
        report_pdf = env.ref("gd_dva.gd_dva_compliance_report_pdf")
        median, low, high, queries, reports = timed(env, figures)
        floor_median, _low, _high, _queries, floor_rows = timed(env, floor)
        delivered = sum(total["delivered"] for report in reports for total in report["totals"])
        floor_delivered = sum(row[2] for row in floor_rows)
        same = delivered == floor_delivered and sum(total["on_time"] for report in reports
                                                    for total in report["totals"]) == sum(r[3] for r in floor_rows)
        rows.append(("figures, %d organisations" % len(clients), median, low, high, queries, floor_median,
                     same and median <= TARGET))
        median, low, high, queries, result = timed(env, lambda: report_xlsx.render_xlsx(client_ids, data=data))
        rows.append(("workbook (xlsx, %d kB)" % (len(result[0]) // 1024), median, low, high, queries, None,
                     median <= TARGET))
        html = report_pdf.render_qweb_html(client_ids, data=data)[0]
        # Time in wkhtmltopdf, per PDF made.
        Report = type(report_pdf)
        run_wkhtmltopdf, spent = Report._run_wkhtmltopdf, []

        def timed_wkhtmltopdf(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                return run_wkhtmltopdf(self, *args, **kwargs)
            finally:
                spent.append(time.perf_counter() - started)
        Report._run_wkhtmltopdf = timed_wkhtmltopdf
        offset = os.path.getsize(logfile) if os.path.exists(logfile) else 0
        try:
            median, low, high, queries, result = timed(
                env, lambda: report_pdf.with_context(force_report_rendering=True).render_qweb_pdf(client_ids,
                                                                                                  data=data))
        finally:
            Report._run_wkhtmltopdf = run_wkhtmltopdf
        served = stylesheets_served(logfile, offset)
        from PyPDF2 import PdfFileReader
        pages = PdfFileReader(io.BytesIO(result[0])).getNumPages()
        rows.append(("PDF (%d kB, %d pages; HTML %d kB, of it wkhtmltopdf %.1f s)" % (
            len(result[0]) // 1024, pages, len(html) // 1024, statistics.median(spent)),
            median, low, high, queries, None, median <= TARGET and not served[1]))
        cr.rollback()
    return rows, delivered, floor_delivered, load_start, served


if __name__ == "__main__":
    sys.exit(main())
