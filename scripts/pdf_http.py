"""The addon's PDFs downloaded over HTTP from the running server (scripts/load.sh):
the minutes and the action tracking of a meeting with 10 and with 100 action items,
the monthly compliance report, against Odoo's rendering floor.

The floor is a QWeb PDF report that scripts/load_prepare.py creates in the load
copy: the minutes report's paper format and company layout around an empty page.
It is downloaded through the same route (/report/pdf/<report>/<id>), from the same
server, by the same user: what every PDF costs whatever its content (the request,
the report action, the layout and assets, one wkhtmltopdf process). The difference
is what the content costs. Two floors: printed as the addon's reports are (no
JavaScript delay), and as any other addon's report is (Odoo's
``report.print_delay``, one second by default). The meetings are in progress:
nothing is frozen, every download renders.

    python scripts/pdf_http.py --url http://127.0.0.1:8400 --plan plan.json --runs 5

The plan of scripts/load_prepare.py, or one with its own "cases" (label, report,
record id, login), as scripts/compare_peer.py writes for the peer's PDF beside ours.

Prints the median seconds (and min/max) of each, after one warm-up download.
Exit status 1 when a download is not a PDF.
"""

# pylint: disable=print-used
import argparse
import json
import re
import statistics
import sys
import time

import requests


def load_cases(plan, login):
    """The PDFs of scripts/load_prepare.py's plan, downloaded as ``login``."""
    meetings = plan["pdf_meetings"]
    floor, other_floor = plan["floor_reports"]
    cases = [
        ("floor: empty page, same paper format", floor, meetings["10"]),
        ("empty page, Odoo's JavaScript delay", other_floor, meetings["10"]),
        ("minutes, 10 action items", plan["minutes_report"], meetings["10"]),
        ("minutes, 100 action items", plan["minutes_report"], meetings["100"]),
        ("action tracking, 10 items", plan["actions_report"], meetings["10"]),
        ("action tracking, 100 items", plan["actions_report"], meetings["100"]),
        (
            f"compliance, {plan['compliance_month'][:7]}",
            plan["compliance_report"],
            plan["compliance_wizard"],
        ),
    ]
    return [(label, report, record_id, login) for label, report, record_id in cases]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--save", help="a folder to keep the last PDF of each in")
    args = parser.parse_args()
    with open(args.plan, encoding="utf-8") as handle:
        plan = json.load(handle)
    sessions = {}

    def session_of(login):
        if login in sessions:
            return sessions[login]
        session = sessions[login] = requests.Session()
        response = session.post(
            f"{args.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": plan["database"],
                    "login": login,
                    "password": plan["passwords"][login],
                },
            },
            timeout=60,
        )
        response.raise_for_status()
        if "error" in response.json():
            sys.exit(f"login failed: {response.json()['error']}")
        return session

    if "cases" in plan:
        cases = [tuple(case) for case in plan["cases"]]
    else:
        cases = load_cases(plan, args.login)
    results = []
    for label, report, record_id, login in cases:
        session = session_of(login)
        url = f"{args.url}/report/pdf/{report}/{record_id}"
        times = []
        size = pages = 0
        for run in range(args.runs + 1):
            started = time.perf_counter()
            response = session.get(url, timeout=600)
            seconds = time.perf_counter() - started
            if response.status_code != 200 or not response.content.startswith(b"%PDF"):
                sys.exit(f"{label}: HTTP {response.status_code}, not a PDF")
            size = len(response.content)
            # wkhtmltopdf writes one page object per page
            pages = len(re.findall(rb"/Type\s*/Page\b", response.content))
            if args.save:
                name = re.sub(r"[^\w-]+", "_", label.split(":")[0]).strip("_")
                with open(f"{args.save}/{name}.pdf", "wb") as handle:
                    handle.write(response.content)
            if run:  # the first one warms the worker up
                times.append(seconds)
        results.append(
            (label, statistics.median(times), min(times), max(times), size, pages)
        )

    floor = results[0][1]
    print(f"PDF over HTTP ({args.url}, {args.runs} downloads each after a warm-up):")
    print(f"| {'PDF':<38} | median s | min s | max s | KiB | pages | over the floor |")
    print(f"|{'-' * 40}|---------:|------:|------:|----:|------:|---------------:|")
    for label, median, low, high, size, pages in results:
        over = "" if label.startswith("floor") else f"{median - floor:+.2f} s"
        print(
            f"| {label:<38} | {median:8.2f} | {low:5.2f} | {high:5.2f} "
            f"| {size // 1024:3d} | {pages:5d} | {over:>14} |"
        )


if __name__ == "__main__":
    main()
