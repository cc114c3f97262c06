"""Locust scenario of `make load` (scripts/load.sh): the demo roles of meeting_minutes
over the JSON-RPC calls the web client makes.

Each virtual user logs in (/web/session/authenticate) as one of the demo users of
its role, loads the views it works with once (get_views, as the web client does
before it caches them) and builds from their arch the specification the web client
sends to web_search_read / web_read / web_save (every field of the view, many2one
with their display name, x2many with the fields of their inline list: the logic of
meeting_minutes/tests/test_performance.py's form_specification). Then:

- attendee: "My meetings" (the list of the landing action), opens a meeting,
  downloads the approved minutes PDF of a distributed meeting;
- recorder: opens their meeting in progress, the Discussion dialog of an agenda item
  (call_button), a new statement line (onchange), saves it (web_save), prints the
  draft PDF (rendered by wkhtmltopdf);
- host: "To Approve", opens submitted minutes, Approve (call_button: renders and
  freezes the official PDF), Distribute, downloads the frozen PDF;
- action owner: "My action items", opens one, writes a remark (web_save), Mark
  Completed (call_button action_done);
- meeting manager: the manager's landing list (their meetings or to approve), the
  kanban grouped by state (web_read_group), opens a meeting.

The records each user works on come from the plan written by
scripts/load_prepare.py (LOAD_PLAN): every host approves distinct minutes, every
recorder types into their own meeting, every owner closes distinct items, so that
no request fails for lack of data or because two virtual users race for the same
record. A JSON-RPC error (a UserError, an AccessError, a traceback) is a failure of
the request; the first occurrences are written with Odoo's traceback to
LOAD_ERRORS. At the end it prints p50/p95/p99 per request kind, requests per second
and failures, and writes them as Markdown to LOAD_SUMMARY.
"""

# pylint: disable=print-used,missing-return
import itertools
import json
import os
import random
import time
import xml.etree.ElementTree as ET

from locust import HttpUser, between, events, task
from locust.stats import StatsEntry

PLAN = json.load(open(os.environ["LOAD_PLAN"], encoding="utf-8"))
DB = PLAN["database"]
MINUTES_REPORT = PLAN["minutes_report"]
ERRORS_FILE = os.environ.get("LOAD_ERRORS")
SUMMARY_FILE = os.environ.get("LOAD_SUMMARY")
MAX_ERRORS_LOGGED = 50
# Odoo's own fixed costs, apart from the addon's requests in the summary: the
# password hashing of a login, the views of a model compiled and cached by each
# worker at its first get_views (then the client's cache)
FIXED_COSTS = ("login", "get_views ")

# the work to share out: popped by the virtual users, never given twice
SUBMITTED = {login: list(ids) for login, ids in PLAN["submitted"].items()}
IN_PROGRESS = {login: list(items) for login, items in PLAN["in_progress"].items()}
ACTIONS = {login: list(ids) for login, ids in PLAN["actions"].items()}
ERRORS_LOGGED = [0]


def log_error(name, error):
    if not ERRORS_FILE or ERRORS_LOGGED[0] >= MAX_ERRORS_LOGGED:
        return
    ERRORS_LOGGED[0] += 1
    with open(ERRORS_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"request": name, "error": error}) + "\n")


def view_spec(arch, model, models):
    """The web client's specification for the fields of a view (see the module
    docstring)."""
    fields_info = models[model]["fields"]

    def spec_of(node, model_fields):
        spec = {}
        for child in node:
            if child.tag == "field":
                name = child.get("name")
                info = model_fields.get(name)
                if info is None:
                    continue
                if info["type"] == "many2one":
                    spec[name] = {"fields": {"display_name": {}}}
                elif info["type"] in ("one2many", "many2many"):
                    sub_list = child.find("list")
                    relation = info["relation"]
                    if sub_list is not None and relation in models:
                        spec[name] = {
                            "fields": spec_of(sub_list, models[relation]["fields"]),
                            "limit": 40,
                        }
                    else:
                        spec[name] = {"fields": {"display_name": {}}}
                else:
                    spec[name] = {}
                # a sub-view belongs to the field: not this level
                continue
            spec.update(
                {k: v for k, v in spec_of(child, model_fields).items() if k not in spec}
            )
        return spec

    return spec_of(ET.fromstring(arch), fields_info)


class OdooUser(HttpUser):
    """A person using the web client: logged in, views loaded once."""

    abstract = True
    wait_time = between(2, 6)
    logins = ()
    # {model: [view types]} this role opens
    views = {}
    _rank = None

    def on_start(self):
        cls = type(self)
        if cls._rank is None:
            cls._rank = itertools.count()
        self.login = self.logins[next(cls._rank) % len(self.logins)]
        self.uid = PLAN["uids"][self.login]
        self.request_id = itertools.count(1)
        result = self.rpc(
            "/web/session/authenticate",
            {"db": DB, "login": self.login, "password": PLAN["passwords"][self.login]},
            "login",
        )
        if not result:
            raise RuntimeError(f"{self.login} cannot log in")
        self.odoo_context = {
            "lang": result["user_context"].get("lang", "en_US"),
            "tz": result["user_context"].get("tz") or "UTC",
            "uid": self.uid,
            "allowed_company_ids": [result["user_companies"]["current_company"]],
        }
        self.specs = {}
        for model, view_types in self.views.items():
            result = self.call_kw(
                model,
                "get_views",
                [[[False, view_type] for view_type in view_types]],
                {"options": {"load_filters": True, "toolbar": True}},
                name=f"get_views {model}",
            )
            for view_type in view_types:
                arch = result["views"][view_type]["arch"]
                self.specs[model, view_type] = view_spec(arch, model, result["models"])
        self.meeting_ids = []

    # --- JSON-RPC --------------------------------------------------------------

    def rpc(self, url, params, name):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self.request_id),
            "params": params,
        }
        with self.client.post(
            url, json=payload, name=name, catch_response=True
        ) as resp:
            if resp.status_code != 200:
                resp.failure(f"HTTP {resp.status_code}")
                log_error(name, {"status": resp.status_code, "body": resp.text[:2000]})
                return None
            try:
                data = resp.json()
            except ValueError:
                resp.failure("response is not JSON")
                log_error(name, {"body": resp.text[:2000]})
                return None
            if "error" in data:
                error = data["error"]
                details = error.get("data") or {}
                resp.failure(
                    f"{details.get('name', error.get('message'))}: "
                    f"{details.get('message', '')}"[:300]
                )
                log_error(name, {"login": self.login, **error})
                return None
            resp.success()
            return data["result"]

    def call_kw(self, model, method, args, kwargs=None, name=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.odoo_context, **kwargs.get("context", {})}
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
            name or f"{method} {model}",
        )

    def call_button(self, model, method, record_id, name=None):
        return self.rpc(
            f"/web/dataset/call_button/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": [[record_id]],
                "kwargs": {"context": dict(self.odoo_context)},
            },
            name or f"call_button {model}.{method}",
        )

    def search_read(self, model, domain, name):
        result = self.call_kw(
            model,
            "web_search_read",
            [],
            {
                "domain": domain,
                "specification": self.specs[model, "list"],
                "offset": 0,
                "order": "",
                "limit": 80,
                "count_limit": 10001,
                "context": {"bin_size": True},
            },
            name=name,
        )
        return [record["id"] for record in result["records"]] if result else []

    def read_form(self, model, record_id, name=None):
        return self.call_kw(
            model,
            "web_read",
            [[record_id]],
            {"specification": self.specs[model, "form"], "context": {"bin_size": True}},
            name=name or f"web_read {model} (form)",
        )

    def download_pdf(self, meeting_id, name):
        with self.client.get(
            f"/report/pdf/{MINUTES_REPORT}/{meeting_id}", name=name, catch_response=True
        ) as resp:
            if resp.status_code != 200 or not resp.content.startswith(b"%PDF"):
                resp.failure(f"HTTP {resp.status_code}, not a PDF")
                log_error(name, {"status": resp.status_code, "body": resp.text[:2000]})
            else:
                resp.success()

    # --- what everyone does --------------------------------------------------

    def my_meetings(self):
        ids = self.search_read(
            "meeting.minutes",
            [("member_user_ids", "in", self.uid)],
            "web_search_read meeting.minutes (My meetings)",
        )
        if ids:
            self.meeting_ids = ids
        return ids

    def open_some_meeting(self):
        if not self.meeting_ids:
            self.my_meetings()
        if self.meeting_ids:
            self.read_form("meeting.minutes", random.choice(self.meeting_ids))


class Attendee(OdooUser):
    logins = tuple(PLAN["passwords"])
    views = {"meeting.minutes": ["list", "form"]}

    @task(3)
    def open_my_meetings(self):
        self.my_meetings()

    @task(3)
    def open_meeting(self):
        self.open_some_meeting()

    @task(1)
    def download_approved_pdf(self):
        readable = PLAN["readable"].get(self.login)
        if readable:
            self.download_pdf(
                random.choice(readable), "GET /report/pdf (approved, stored)"
            )


class Recorder(OdooUser):
    logins = tuple(PLAN["recorders"])
    views = {
        "meeting.minutes": ["list", "form"],
        "meeting.minutes.agenda": ["form"],
    }

    def on_start(self):
        super().on_start()
        pool = IN_PROGRESS.get(self.login) or []
        self.work = pool.pop() if pool else None
        agenda_fields = self.specs["meeting.minutes.agenda", "form"]
        self.statement_spec = agenda_fields["statement_ids"]["fields"]
        self.statements = 0

    @task(2)
    def open_my_meetings(self):
        self.my_meetings()

    @task(4)
    def add_statement(self):
        if not self.work:
            self.open_some_meeting()
            return
        meeting_id = self.work["meeting_id"]
        agenda_id = self.work["agenda_id"]
        self.read_form("meeting.minutes", meeting_id)
        # the Discussion button of the agenda line: a dialog on the agenda item
        if not self.call_button(
            "meeting.minutes.agenda", "action_open_statements", agenda_id
        ):
            return
        self.read_form("meeting.minutes.agenda", agenda_id)
        # a new line in the dialog's list: its defaults
        line = self.call_kw(
            "meeting.minutes.statement",
            "onchange",
            [[], {}, [], self.statement_spec],
            {"context": {"default_agenda_id": agenda_id}},
            name="onchange meeting.minutes.statement (new line)",
        )
        if line is None:
            return
        self.statements += 1
        values = {
            "kind": "opinion",
            "department_id": self.work["department_id"],
            "content": f"Opinion {self.statements} of {self.login}, typed under load",
        }
        self.call_kw(
            "meeting.minutes.agenda",
            "web_save",
            [
                [agenda_id],
                {"statement_ids": [[0, f"virtual_{self.statements}", values]]},
            ],
            {"specification": self.specs["meeting.minutes.agenda", "form"]},
            name="web_save meeting.minutes.agenda (add a statement)",
        )

    @task(1)
    def print_draft(self):
        if self.work:
            self.download_pdf(
                self.work["meeting_id"], "GET /report/pdf (draft, rendered)"
            )


class Host(OdooUser):
    logins = tuple(PLAN["hosts"])
    views = {"meeting.minutes": ["list", "form"]}

    @task(2)
    def to_approve(self):
        self.search_read(
            "meeting.minutes",
            [("state", "=", "submitted")],
            "web_search_read meeting.minutes (To approve)",
        )

    @task(3)
    def approve_and_distribute(self):
        pool = SUBMITTED.get(self.login) or []
        if not pool:
            self.open_some_meeting()
            return
        meeting_id = pool.pop()
        self.read_form("meeting.minutes", meeting_id)
        result = self.call_button(
            "meeting.minutes",
            "action_approve",
            meeting_id,
            name="call_button meeting.minutes.action_approve (renders the PDF)",
        )
        if result is None:
            return
        if isinstance(result, dict):
            # the signature dialog: the company asks the approver to sign
            log_error("approve", {"login": self.login, "unexpected": result})
            return
        self.read_form("meeting.minutes", meeting_id)
        if self.call_button("meeting.minutes", "action_distribute", meeting_id) is None:
            return
        self.read_form("meeting.minutes", meeting_id)
        self.download_pdf(meeting_id, "GET /report/pdf (approved, stored)")


class ActionOwner(OdooUser):
    logins = tuple(login for login, ids in PLAN["actions"].items() if ids)
    views = {"meeting.minutes.action": ["list", "form"]}

    @task(2)
    def my_action_items(self):
        domain = [("is_open", "=", True)]
        if self.login not in PLAN["managers"]:
            domain = [("owner_id", "=", self.uid)] + domain
        self.search_read(
            "meeting.minutes.action",
            domain,
            "web_search_read meeting.minutes.action (My action items)",
        )

    @task(3)
    def mark_done(self):
        pool = ACTIONS.get(self.login) or []
        if not pool:
            self.my_action_items()
            return
        action_id = pool.pop()
        if self.read_form("meeting.minutes.action", action_id) is None:
            return
        saved = self.call_kw(
            "meeting.minutes.action",
            "web_save",
            [
                [action_id],
                {"remarks": f"Done by {self.login} at {time.strftime('%H:%M:%S')}"},
            ],
            {"specification": self.specs["meeting.minutes.action", "form"]},
            name="web_save meeting.minutes.action (remark)",
        )
        if saved is None:
            return
        self.call_button("meeting.minutes.action", "action_done", action_id)
        self.read_form("meeting.minutes.action", action_id)


class Manager(OdooUser):
    logins = tuple(PLAN["managers"])
    views = {"meeting.minutes": ["list", "form"]}

    @task(3)
    def landing(self):
        ids = self.search_read(
            "meeting.minutes",
            ["|", ("member_user_ids", "in", self.uid), ("state", "=", "submitted")],
            "web_search_read meeting.minutes (Manager: mine or to approve)",
        )
        if ids:
            self.meeting_ids = ids

    @task(1)
    def kanban_by_state(self):
        self.call_kw(
            "meeting.minutes",
            "web_read_group",
            [],
            {
                "domain": [("member_user_ids", "in", self.uid)],
                "fields": ["state"],
                "groupby": ["state"],
                "lazy": True,
            },
            name="web_read_group meeting.minutes (kanban by state)",
        )

    @task(3)
    def open_meeting(self):
        self.open_some_meeting()


@events.test_start.add_listener
def warm_up(environment, **_kwargs):
    """Before the users come: each worker process loads the registry and compiles
    the views on its first requests (seconds); a server in production has done so
    long before. Twice as many parallel sessions as workers (LOAD_WORKERS) log in
    and load the views and lists the roles use; not counted in the figures."""
    import requests
    from gevent.pool import Pool

    host = environment.host
    logins = list(PLAN["passwords"])

    def session(rank):
        login = logins[rank % len(logins)]
        http = requests.Session()

        def call(url, params):
            http.post(
                f"{host}{url}",
                json={"jsonrpc": "2.0", "method": "call", "params": params},
                timeout=300,
            )

        call(
            "/web/session/authenticate",
            {"db": DB, "login": login, "password": PLAN["passwords"][login]},
        )
        for model in (
            "meeting.minutes",
            "meeting.minutes.action",
            "meeting.minutes.agenda",
        ):
            call(
                f"/web/dataset/call_kw/{model}/get_views",
                {
                    "model": model,
                    "method": "get_views",
                    "args": [[[False, "list"], [False, "form"]]],
                    "kwargs": {"options": {"load_filters": True, "toolbar": True}},
                },
            )
            call(
                f"/web/dataset/call_kw/{model}/web_search_read",
                {
                    "model": model,
                    "method": "web_search_read",
                    "args": [],
                    "kwargs": {
                        "domain": [],
                        "specification": {"display_name": {}},
                        "limit": 80,
                    },
                },
            )

    started = time.perf_counter()
    workers = int(os.environ.get("LOAD_WORKERS", "4"))
    Pool(2 * workers).map(session, range(2 * workers))
    print(
        f"warm-up: {2 * workers} sessions in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


@events.quitting.add_listener
def summary(environment, **_kwargs):
    """The figures of the run: printed, written as Markdown, and the exit code."""
    stats = environment.stats
    rows = []
    for entry in sorted(stats.entries.values(), key=lambda e: (e.method, e.name)):
        rows.append(
            (
                entry.name,
                entry.num_requests,
                entry.num_failures,
                entry.get_response_time_percentile(0.5),
                entry.get_response_time_percentile(0.95),
                entry.get_response_time_percentile(0.99),
                entry.total_rps,
            )
        )
    total = stats.total
    fixed = StatsEntry(stats, "Odoo's fixed costs (login, get_views)", "")
    addon = StatsEntry(stats, "The addon's requests (all but login, get_views)", "")
    for entry in stats.entries.values():
        (fixed if entry.name.startswith(FIXED_COSTS) else addon).extend(entry)
    for entry in (fixed, addon, total):
        rows.append(
            (
                entry.name if entry is not total else "All requests",
                entry.num_requests,
                entry.num_failures,
                entry.get_response_time_percentile(0.5),
                entry.get_response_time_percentile(0.95),
                entry.get_response_time_percentile(0.99),
                entry.total_rps,
            )
        )
    lines = [
        "| request | count | failures | p50 ms | p95 ms | p99 ms | req/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, count, failures, p50, p95, p99, rps in rows:
        lines.append(
            f"| {name} | {count} | {failures} | {p50:.0f} | {p95:.0f} | {p99:.0f} "
            f"| {rps:.2f} |"
        )
    text = "\n".join(lines)
    print("\n" + text + "\n", flush=True)
    if SUMMARY_FILE:
        with open(SUMMARY_FILE, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    # failed requests, or an exception in the scenario itself (locust logs it)
    exceptions = len(getattr(environment.runner, "exceptions", {}) or {})
    if total.num_failures or exceptions or not total.num_requests:
        environment.process_exit_code = 1
