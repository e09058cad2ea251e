"""Set up, serve and test the GD front office suite (Odoo 11 on Python 3.7).

Run through the ``./gd`` shim, which picks the Python 3.7 interpreter and runs this package.
Standard library only: it runs before the virtual environment exists.

Everything it creates lives in ``.local/`` (ignored by git): the virtual environment, the
node tools, the embedded PostgreSQL cluster, the filestore and the logs. Every step checks
what exists first, so a second run, or a run after an interrupted one, picks up where the
earlier one stopped.

Its modules, each named for what it manages:
  base.py      paths, messages, running a step with its output in .local/log/setup.log, host checks
  config.py    odoo.conf plus the GD_* environment variables
  venv.py      the Python virtual environment and the node tools (lessc, playwright-core, axe-core)
  browser.py   Debian's chromium for the browser journeys
  cluster.py   the PostgreSQL cluster (embedded or external) and psql
  database.py  the Odoo databases: exists, complete, build, finish, drop
  server.py    the Odoo server: command line, serving, stopping
  commands.py  the ./gd commands (cmd_<name>), their usage text and main()
"""
