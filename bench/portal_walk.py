"""The portal users of the load benchmarks: one log-in, one walk over the portal's pages, one set of figures.

Used by ``bench_portal_load.py`` (one server) and ``bench_scale_out.py`` (two processes on one database). A user
logs in as a browser does (the form, the POST, the page the log-in leads to) before the measured round, and then
walks the service page, the catalogue, their case list and one of their cases until the round ends, reading each
page for 3-5 s before the next as people do (the round starting amid a reading, 0-5 s), or not pausing at all.
The users are threads of the benchmark's process.
"""
import random
import re
import statistics
import threading
import time

import requests

from ministry import PASSWORD

PAGES = ("/service", "/catalog", "/my/tickets", "/my/ticket/%(ticket)s")
PAUSE = (3.0, 5.0)
TIMEOUT = 30


def base_url(port):
    return "http://127.0.0.1:%d" % port


def portal_logins(env, portal_users):
    """[(login, id of the user's newest case)] of the benchmark's portal users."""
    logins = []
    for user in portal_users:
        env.cr.execute("SELECT id FROM helpdesk_ticket WHERE partner_id = %s ORDER BY id DESC LIMIT 1",
                       (user.partner_id.id,))
        row = env.cr.fetchone()
        logins.append((user.login, row[0] if row else 0))
    return logins


def log_in(port, login, browse_port=None):
    """A session of ``login`` made on ``port``: the log-in form, the POST, and the portal's home page /my read on
    ``browse_port`` (the same port unless given). Raises RuntimeError when /my answers with the login form."""
    session = requests.Session()
    page = session.get(base_url(port) + "/web/login", timeout=TIMEOUT).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    session.post(base_url(port) + "/web/login", data={"login": login, "password": PASSWORD, "csrf_token": token},
                 timeout=TIMEOUT)
    response = session.get(base_url(browse_port or port) + "/my", timeout=TIMEOUT)
    if response.status_code != 200 or "/web/login" in response.url:
        raise RuntimeError("the session made on port %d is not known on port %d" % (port, browse_port or port))
    return session


def log_in_all(users, ports):
    """Every user logs in at the same moment, on ``ports[i % len(ports)]``, and browses on the next port.

    Returns ({login: (session, port to browse on)}, [seconds of each log-in], [errors]).
    """
    sessions, timings, errors = {}, [], []

    def one(index, login):
        made, used = ports[index % len(ports)], ports[(index + 1) % len(ports)]
        started = time.perf_counter()
        try:
            session = log_in(made, login, used)
            timings.append(time.perf_counter() - started)
            sessions[login] = (session, used)
        except (requests.RequestException, AttributeError, RuntimeError) as error:
            errors.append("%s log-in on %d: %s" % (login, made, str(error)[:120]))

    run_threads([(one, (index, login)) for index, (login, _ticket) in enumerate(users)])
    return sessions, timings, errors


def walk(session, port, login, ticket_id, until, pause, results, errors):
    """One user's pages until ``until``; appends (port, page, seconds) to ``results``.

    With ``pause`` the user reads each page for 3-5 s before asking the next. The round starts as a moment of
    people at work does: each user is somewhere in reading a page (the page /my their log-in led to), so their
    first page comes after what is left of a reading, 0-5 s; all thirty do not finish reading at once.
    """
    rnd = random.Random(login)
    first = True
    while True:
        for page in PAGES:
            if pause:
                # a person reading the page, not synchronisation
                time.sleep(rnd.uniform(0.0, PAUSE[1]) if first else rnd.uniform(*PAUSE))
                first = False
            if time.time() >= until:
                return
            started = time.perf_counter()
            try:
                response = session.get(base_url(port) + page % {"ticket": ticket_id}, timeout=TIMEOUT)
                seconds = time.perf_counter() - started
                if response.status_code >= 500 or response.status_code in (403, 404):
                    errors.append("%s %s on %d: HTTP %d" % (login, page, port, response.status_code))
                elif "/web/login" in response.url:
                    errors.append("%s %s on %d: the login form (session lost)" % (login, page, port))
                results.append((port, page, seconds))
            except requests.RequestException as error:
                # a page that failed (a time-out) took its time too: it counts in the figures, not only as an error
                results.append((port, page, time.perf_counter() - started))
                errors.append("%s %s on %d: %s" % (login, page, port, type(error).__name__))


def run_round(sessions, users, duration, pause=True):
    """The logged-in users walk for ``duration`` seconds; returns ([(port, page, seconds)], [errors])."""
    results, errors = [], []
    until = time.time() + duration
    run_threads([(walk, sessions[login] + (login, ticket_id, until, pause, results, errors))
                 for login, ticket_id in users if login in sessions])
    return results, errors


def run_threads(calls):
    threads = [threading.Thread(target=function, args=args) for function, args in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))] if values else 0.0


def stats(timings):
    """(median, 95th percentile, maximum) of ``timings``; zeros when there are none."""
    if not timings:
        return 0.0, 0.0, 0.0
    return statistics.median(timings), percentile(timings, 0.95), max(timings)
