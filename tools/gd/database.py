"""The Odoo databases: whether one exists and is complete, building, finishing and dropping it."""
import os
import shutil
import subprocess

from .base import ROOT, SETUP_LOG, SetupError, log_line, step
from .cluster import psql
from .server import odoo_cmd, run_step
from .venv import tool_env


def db_exists(cfg, name):
    return psql(cfg, "SELECT 1 FROM pg_database WHERE datname = '%s'" % name.replace("'", "''")) == "1"


def drop_db(cfg, name):
    if db_exists(cfg, name):
        psql(cfg, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s'" % name)
        psql(cfg, 'DROP DATABASE "%s"' % name)
    filestore = os.path.join(cfg["data_dir"], "filestore", name)
    if os.path.exists(filestore):
        shutil.rmtree(filestore)


def db_complete(cfg, name):
    """True when the database exists and an earlier set-up finished it."""
    if not db_exists(cfg, name):
        return False
    try:
        done = psql(cfg, "SELECT value FROM ir_config_parameter WHERE key = 'gd.setup_complete'", db=name)
    except SetupError:
        return False
    return bool(done)


def build_database(cfg, conf, name, demo=True, language=None, reason=""):
    step("Creating database %s with %s%s (about 2-4 minutes)%s"
         % (name, ", ".join(cfg.modules), " and demo data" if demo else "", reason))
    args = ["-d", name, "-i", ",".join(cfg.modules),
            "--log-handler=odoo.modules.loading:DEBUG", "--db-filter=^%s$" % name]
    if not demo:
        args.append("--without-demo=all")
    if language:
        args.append("--load-language=%s" % language)
    try:
        seconds = run_step(cfg, conf, "Creating database %s" % name, *args, progress=True)
    except SetupError:
        raise SetupError("Creating database %s failed; the next run detects the unfinished database and rebuilds it.\n"
                         "See the log: %s" % (name, SETUP_LOG))
    if language:
        # A database made with another language leaves Odoo's base language, English, switched off; users who
        # choose it (and the tests, whose fixtures speak the source language) need it.
        psql(cfg, "UPDATE res_lang SET active = true WHERE code = 'en_US'", db=name)
    return seconds


def mark_complete(cfg, name):
    """Mark database ``name`` as finished by a set-up (see db_complete)."""
    psql(cfg, "INSERT INTO ir_config_parameter (key, value) VALUES ('gd.setup_complete', '1')", db=name)


def odoo_shell(cfg, conf, name, script, what):
    """Run a short Python script in Odoo's shell on database ``name``; return its output.

    The shell starts no server of its own even with the production settings: no workers (a prefork shell would
    bind the port of the Odoo just started), no crons, no job runner.
    """
    res = subprocess.run(odoo_cmd(conf, "-d", name, "--log-level=warn", "--workers=0", "--max-cron-threads=0",
                                  "--load=base,web", command="shell"),
                         input=script, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, env=tool_env(cfg), cwd=ROOT)
    log_line(res.stdout)
    if res.returncode != 0 or "Traceback" in res.stdout:
        raise SetupError("%s on database %s failed. See %s." % (what, name, SETUP_LOG))
    return res.stdout


def finish_database(cfg, conf, name, language):
    """Make every user Dutch and mark the database complete."""
    script = (
        "lang = %(lang)r\n"
        "env['res.users'].with_context(active_test=False).search([]).write({'lang': lang})\n"
        "env['ir.default'].set('res.partner', 'lang', lang)\n"
        "env['ir.config_parameter'].set_param('gd.setup_complete', '1')\n"
        "env.cr.commit()\n"
    ) % {"lang": language}
    odoo_shell(cfg, conf, name, script, "Finishing the set-up")


def demo_users(cfg, conf, name):
    """(login, name, role) of the users the gd modules' demo data made."""
    script = (
        "users = env['ir.model.data'].search([('model', '=', 'res.users'), ('module', '=like', 'gd_%')])\n"
        "for data in users.sorted(lambda d: (d.module, d.name)):\n"
        "    user = env['res.users'].browse(data.res_id)\n"
        "    if user.has_group('base.group_portal'):\n"
        "        kind = 'portal: ' + ('client principal' if user.partner_id.is_principal else 'employee')\n"
        "    else:\n"
        "        kind = ', '.join(sorted(g.full_name for g in user.groups_id if g.category_id\n"
        "                                and g.category_id.get_external_id()[g.category_id.id].startswith('gd_')))\n"
        "    print('GDUSER\\t%s\\t%s\\t%s' % (user.login, user.name, kind))\n"
    )
    out = odoo_shell(cfg, conf, name, script, "Listing the demo users")
    return [line.split("\t")[1:] for line in out.splitlines() if line.startswith("GDUSER\t")]
