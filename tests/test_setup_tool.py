"""The set-up tool (./gd, the package tools/gd/) fails with clear messages, never a traceback."""
import configparser
import os
import socket
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))

from gd import base, cluster, commands, config, database, server  # noqa: E402  (the tool is not installed)

sys.path.remove(os.path.join(ROOT, "tools"))


def test_shim_without_python37_says_so(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "none")}
    res = subprocess.run([os.path.join(ROOT, "gd"), "status"], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True)
    assert res.returncode == 2
    assert "Python 3.7 was not found" in res.stderr
    assert "GD_PYTHON" in res.stderr
    assert "Traceback" not in res.stderr


def test_busy_port_is_refused_clearly():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        with pytest.raises(base.SetupError) as err:
            base.check_port_free(port, "Odoo", "GD_HTTP_PORT=...")
    assert "Port %d is already in use" % port in str(err.value)
    assert "GD_HTTP_PORT" in str(err.value)


def test_free_port_passes():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base.check_port_free(port, "Odoo", "GD_HTTP_PORT=...")  # nothing listens: no error


def test_missing_postgres_binaries_say_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("GD_PG_BIN", str(tmp_path))
    with pytest.raises(base.SetupError) as err:
        cluster.pg_bindir()
    assert "apt-get install -y postgresql" in str(err.value)


def test_failing_step_names_the_log_and_full_disk_is_recognised(monkeypatch, tmp_path):
    monkeypatch.setattr(base, "SETUP_LOG", str(tmp_path / "setup.log"))
    with pytest.raises(base.SetupError) as err:
        base.run_logged(["sh", "-c", "echo step output; exit 3"], "A step")
    assert "A step failed (exit 3)" in str(err.value)
    assert "step output" in str(err.value)
    with pytest.raises(base.SetupError) as err:
        base.run_logged(["sh", "-c", "echo 'write: No space left on device'; exit 1"], "Installing")
    assert "The disk is full" in str(err.value)
    assert "step output" in (tmp_path / "setup.log").read_text()


def test_low_disk_before_install_is_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(base, "VENV", str(tmp_path / "venv"))
    monkeypatch.setattr(base.shutil, "disk_usage", lambda path: type("U", (), {"free": 10 * 1024 ** 2})())
    with pytest.raises(base.SetupError) as err:
        base.check_disk()
    assert "The disk is full" in str(err.value)


def test_main_turns_setup_errors_into_a_message(monkeypatch, capsys):
    def broken_config():
        raise base.SetupError("odoo.conf is missing")
    monkeypatch.setattr(commands, "Config", broken_config)
    assert commands.main(["run"]) == 1
    err = capsys.readouterr().err
    assert "gd: odoo.conf is missing" in err
    assert "Traceback" not in err


def test_environment_overrides_reach_the_effective_config(monkeypatch, tmp_path):
    monkeypatch.setenv("GD_DB_PORT", "55555")
    monkeypatch.setenv("GD_DB_NAME", "other")
    monkeypatch.setenv("GD_EMBEDDED_PG", "0")
    cfg = config.Config()
    assert cfg.db_port == 55555
    assert cfg.embedded is False
    path = cfg.write(str(tmp_path / "odoo.conf"), http_port=9999)
    text = open(path).read()
    assert "db_name = other" in text
    assert "dbfilter = ^other$" in text
    assert "http_port = 9999" in text
    assert "addons_path = %s" % os.path.join(ROOT, "addons") in text


def test_unfinished_database_is_not_taken_for_complete():
    """A database without the completion marker is rebuilt by the next run."""
    cfg = config.Config()
    name = "gd_unfinished_check"
    database.drop_db(cfg, name)
    cluster.psql(cfg, 'CREATE DATABASE "%s"' % name)
    try:
        assert database.db_exists(cfg, name)
        assert not database.db_complete(cfg, name)
    finally:
        database.drop_db(cfg, name)
    assert not database.db_exists(cfg, name)


def test_help_never_acts(monkeypatch, capsys):
    def must_not_run(cfg, args):
        raise AssertionError("a command ran on --help")
    monkeypatch.setitem(commands.COMMANDS, "test", must_not_run)
    assert commands.main(["test", "--help"]) == 0
    assert "usage: ./gd COMMAND" in capsys.readouterr().out


def test_bench_results_keep_sections_that_did_not_run(tmp_path):
    path = str(tmp_path / "RESULTS.md")
    commands.write_bench_results(path, {"bench_a": "## A (`bench/bench_a.py`)\n\nold a",
                                  "bench_b": "## B (`bench/bench_b.py`)\n\nold b"})
    commands.write_bench_results(path, {"bench_b": "## B (`bench/bench_b.py`)\n\nnew b"})
    text = open(path).read()
    assert "old a" in text and "new b" in text and "old b" not in text


def test_production_process_with_jobs_and_a_further_one_that_serves_pages_only(tmp_path):
    cfg = config.Config()
    options, sections = config.production_options(cfg)
    assert options["max_cron_threads"] != "0"
    assert sections == {"queue_job": {"channels": "root:1"}}, "the first process runs the job runner"
    assert "queue_job_channels" not in options
    further, further_sections = config.production_options(cfg, port=8079, jobs=False)
    assert (further["http_port"], further["longpolling_port"]) == ("8079", "8082")
    assert further["max_cron_threads"] == "0"
    assert further_sections == {"queue_job": {"channels": "root:0"}}, "no job runner in the further process"
    assert further["workers"] == options["workers"] and further["server_wide_modules"] == options["server_wide_modules"]
    written = cfg.write(str(tmp_path / "odoo-8079.conf"), sections=further_sections, **further)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(written)
    assert parser["queue_job"]["channels"] == "root:0"
    assert parser["options"]["data_dir"] == cfg["data_dir"], "filestore and sessions are shared"
    assert parser["options"]["db_name"] == cfg["db_name"]


def test_further_process_options_are_refused_clearly(monkeypatch, capsys):
    assert commands.run_options(["--production", "--port", "8079", "--no-jobs"]) == (True, 8079, False)
    assert commands.run_options(["--production"]) == (True, None, True)
    for args in (["--port", "8079"], ["--no-jobs"], ["--production", "--port"], ["--production", "--port", "x"]):
        monkeypatch.setattr(commands, "prepare", lambda cfg: pytest.fail("acted on %s" % args))
        assert commands.main(["run"] + args) == 1
        err = capsys.readouterr().err
        assert "--port" in err and "Traceback" not in err


def test_stop_stops_the_further_processes_too(monkeypatch, tmp_path):
    monkeypatch.setattr(server, "RUN_DIR", str(tmp_path))
    monkeypatch.setattr(server, "ODOO_PID", str(tmp_path / "odoo.pid"))
    stopped = []
    monkeypatch.setattr(server, "stop_odoo", lambda path: stopped.append(os.path.basename(path)) or True)
    (tmp_path / "odoo-8079.pid").write_text("1")
    assert server.stop_all_odoo()
    assert stopped == ["odoo.pid", "odoo-8079.pid"]


def test_status_names_the_further_processes(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(server, "RUN_DIR", str(tmp_path))
    (tmp_path / "odoo-8079.pid").write_text(str(os.getpid()))  # a process that runs: this one
    (tmp_path / "odoo-8089.pid").write_text("not a pid")
    real = server.odoo_pid
    monkeypatch.setattr(commands, "odoo_pid", lambda path=None: real(path) if path else None)  # first: stopped
    assert commands.cmd_status(config.Config(), []) == 0
    out = capsys.readouterr().out
    assert "Odoo: stopped" in out
    assert "pages only: running (pid %d) on http://localhost:8079" % os.getpid() in out
    assert "8089" not in out


def test_shell_steps_start_no_server_next_to_the_production_one(monkeypatch):
    """./gd run --production lists the demo users through Odoo's shell after the server started: with the
    production settings the shell would start a prefork server of its own on the same port."""
    ran = []

    def run(cmd, **kwargs):
        ran.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, stdout="GDUSER\tdemo\tDemo\tportal: employee\n")
    monkeypatch.setattr(database.subprocess, "run", run)
    assert database.demo_users(config.Config(), "/nowhere/odoo.conf", "gd") == [["demo", "Demo", "portal: employee"]]
    assert "shell" in ran[0]
    assert {"--workers=0", "--max-cron-threads=0", "--load=base,web"} <= set(ran[0])


def test_setup_steps_start_no_workers(tmp_path):
    """Updating the modules before ./gd run --production replaces the running Odoo: a step with the production
    workers would bind the port that Odoo still holds."""
    cfg = config.Config()
    options, sections = config.production_options(cfg)
    conf = cfg.write(str(tmp_path / "odoo.conf"), sections=sections, **options)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(server.console_conf(conf))
    assert (parser["options"]["workers"], parser["options"]["max_cron_threads"]) == ("0", "0")
    assert parser["options"]["logfile"] == ""
    assert parser["queue_job"]["channels"] == sections["queue_job"]["channels"]
