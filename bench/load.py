#!/usr/bin/env python3
"""Load benchmark: gunicorn under a mix of reads with a trickle of writes, on SQLite and
PostgreSQL, driven by wrk on loopback.

    .venv/bin/python bench/load.py [--seconds 60] [--databases sqlite,postgresql]
        [--events 20000] [--connections 8] [--json FILE]

For each database it makes a new database, fills it with `manage.py synth --events N
--seed 1`, adds a curator and collects the static files (the pages link their CSS through
the manifest production serves), then starts gunicorn (bench.settings: production settings
without request throttling or the HTTPS redirect; gunicorn.conf.py, with 2 workers of 2
threads) and runs wrk (2 threads, 8 connections by default) for the given time. Each
request is drawn at random: 1 in 100 is a write, a curator's POST /api/events/ of a new
draft event (token authentication), which must answer 201; the others are reads, which
must answer 200, in these proportions out of 99:

    20 /api/events/                                  the first page, no filter
    15 /api/events/?date_after=Y-M&date_before=Y-M   a month of 2000-2025
    12 /api/events/?date_after=2015&date_before=2015&actor=SLUG
    12 /api/events/?q=WORD                           a town (common) or a village (rare)
    20 /api/events/ID/                               a published event
     5 /api/actors/
     3 /api/timeline/?date_after=2015&date_before=2015
     2 /                                             the timeline page
    10 /events/ID/                                   an event's page

It reports requests per second, the latency p50 and p99 (wrk's, over all requests), the
reads and writes answered, and the errors: any other status, and socket errors (connect,
read, write, timeout after 10 s). There must be none: the run exits 1 if there are. It also
reports the share of the CPU other processes took meanwhile: on a small machine a test run
beside the benchmark lowers its figures.

The databases are made and dropped as bench/scale.py does: bench_scale_N on the PostgreSQL
server of BENCH_POSTGRES_URL, bench_scale_N.sqlite3 in BENCH_DIR (default /tmp), N the
number of events. collectstatic writes to staticfiles/ in the checkout, as a deployment
does. wrk comes from Debian's package (apt-get install wrk).
"""

import argparse
import contextlib
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script, bench/ is on the path but not the project

from bench.scale import (  # noqa: E402
    bench_env,
    drop_database,
    free_port,
    last_json,
    machine,
    make_database,
    manage,
)

PYTHON = sys.executable
CURATOR, PASSWORD = "load-curator", "load-benchmark-password-7351"
DRAFT_TITLE = "Load test draft"
WRK_TIMEOUT = "10s"  # a request slower than this counts as a socket error (timeout)

# Real records for the requests to name, drawn before the run (a shell -c snippet).
SAMPLE = """
import json, random
from events.models import Actor, Event, EventType
from events.synth import PLACES
rng = random.Random(1)
published = Event.objects.published()
ids = list(published.values_list("id", flat=True))
in_2015 = published.filter(start_date__year=2015)
actors = list(Actor.objects.filter(event_roles__event__in=in_2015).distinct()
              .order_by("slug").values_list("slug", flat=True))
summaries = published.order_by("id").values_list("summary", flat=True)[:100]
villages = sorted({summary.split(" by ")[1].split(",")[0] for summary in summaries})
print(json.dumps({
    "event_ids": rng.sample(ids, min(500, len(ids))),
    "actors": rng.sample(actors, min(40, len(actors))),
    "words": villages[:20] + PLACES,
    "event_type": EventType.objects.order_by("slug").values_list("slug", flat=True)[0],
}))
"""
DRAFTS_STORED = f"""
from events.models import Event
print(Event.objects.filter(title__startswith="{DRAFT_TITLE}").count())
"""

# The wrk script, after a header defining EVENT_IDS, ACTORS, WORDS, EVENT_TYPE and TOKEN.
# wrk runs one Lua state per thread: each counts what it sent and the statuses it got,
# and done() (in the main state) prints every thread's counts for the driver to add up.
LUA = """
sent_reads, sent_writes, statuses = 0, 0, {}
local threads = {}

local function pick(list) return list[math.random(#list)] end

local function month()
  return string.format("%d-%02d", math.random(2000, 2025), math.random(12))
end

local READS = {
  {20, function() return "/api/events/" end},
  {15, function()
    local m = month()
    return "/api/events/?date_after=" .. m .. "&date_before=" .. m
  end},
  {12, function()
    return "/api/events/?date_after=2015&date_before=2015&actor=" .. pick(ACTORS)
  end},
  {12, function() return "/api/events/?q=" .. pick(WORDS) end},
  {20, function() return "/api/events/" .. pick(EVENT_IDS) .. "/" end},
  {5, function() return "/api/actors/" end},
  {3, function() return "/api/timeline/?date_after=2015&date_before=2015" end},
  {2, function() return "/" end},
  {10, function() return "/events/" .. pick(EVENT_IDS) .. "/" end},
}
local total = 0
for _, read in ipairs(READS) do total = total + read[1] end

local function read_path()
  local ticket = math.random(total)
  for _, read in ipairs(READS) do
    ticket = ticket - read[1]
    if ticket <= 0 then return read[2]() end
  end
end

local function draft()
  -- Titles differ per thread and write, so concurrent writes never race for a slug.
  sent_writes = sent_writes + 1
  local day = string.format("%s-%02d", month(), math.random(28))
  return string.format(
    '{"title": "%s %d-%d", "event_type": "%s", "date": "%s", "status": "draft", '
      .. '"summary": "Written by bench/load.py."}',
    DRAFT_TITLE, thread_number, sent_writes, EVENT_TYPE, day)
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  math.randomseed(thread_number * 7919)
end

function request()
  if math.random(100) == 1 then
    local headers = {
      ["Authorization"] = "Token " .. TOKEN,
      ["Content-Type"] = "application/json",
    }
    return wrk.format("POST", "/api/events/", headers, draft())
  end
  sent_reads = sent_reads + 1
  return wrk.format("GET", read_path())
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    print(string.format("load-sent %d %d", thread:get("sent_reads"), thread:get("sent_writes")))
    for status, count in pairs(thread:get("statuses")) do
      print(string.format("load-status %d %d", status, count))
    end
  end
end
"""


# The driver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long wrk runs")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--events", type=int, default=20000, help="synthetic events to load")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections")
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()
    print(machine(), flush=True)
    results = {}
    for vendor in args.databases.split(","):
        print(f"\n== {vendor}, {args.events:,} events, {args.seconds} s", flush=True)
        results[vendor] = run_database(vendor, args)
        print_result(results[vendor])
    failed = report(results)
    if args.json:
        settings = {key: getattr(args, key) for key in ("seconds", "events", "connections")}
        document = {"machine": machine(), "settings": settings, "databases": results}
        Path(args.json).write_text(json.dumps(document, indent=1) + "\n")
    if failed:
        sys.exit(1)


def run_database(vendor: str, args) -> dict:
    url = make_database(vendor, args.events)
    env = bench_env(url)
    try:
        sample = prepare(env, args.events)
        before = cpu_times()
        with serving(env) as port:
            token = api_token(port)
            warm_up(port, sample)
            database = url.rsplit("/", 1)[1] if vendor == "postgresql" else None
            result = run_wrk(port, lua_script(sample, token), args, database)
        server = result["database_server_cpu_seconds"]
        result["others_cpu_percent"] = others_cpu_percent(before, server)
        result["drafts_stored"] = django_output(env, DRAFTS_STORED)
        return result
    finally:
        drop_database(vendor, args.events)
        if vendor == "sqlite":
            path = url.removeprefix("sqlite:///")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)


def prepare(env: dict, events: int) -> dict:
    """Fill the new database, add the curator and collect the static files (the pages link
    their CSS through the manifest production serves); real records for requests to name."""
    manage(env, "migrate", "-v0")
    manage(env, "synth", "--events", str(events), "--seed", "1")
    manage({**env, "CURATOR_PASSWORD": PASSWORD}, "createcurator", CURATOR, "--no-input")
    manage(env, "collectstatic", "--no-input", "-v0")
    return django_output(env, SAMPLE)


def django_output(env: dict, code: str):
    """What a snippet run by `manage.py shell -c` prints last, as JSON."""
    return last_json(env, [PYTHON, "manage.py", "shell", "-c", code])


# gunicorn


@contextlib.contextmanager
def serving(env: dict):
    """gunicorn with gunicorn.conf.py (read from the checkout), 2 workers of 2 threads."""
    port = free_port()
    command = [PYTHON, "-m", "gunicorn", "timeline.wsgi", "--workers", "2", "--threads", "2"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        wait_until_answering(port, server)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def wait_until_answering(port: int, server: subprocess.Popen) -> None:
    # Until a worker answers, not just until the port is bound: workers import Django first.
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/", timeout=5).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer")


def api_token(port: int) -> str:
    body = json.dumps({"username": CURATOR, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/token/",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        return json.load(response)["token"]


def warm_up(port: int, sample: dict) -> None:
    """Every kind of read a few times, so that each worker has connected and loaded its
    templates and caches before the clock starts; a failure stops the run here."""
    event = sample["event_ids"][0]
    paths = [
        "/api/events/",
        "/api/events/?date_after=2015-06&date_before=2015-06",
        f"/api/events/?date_after=2015&date_before=2015&actor={sample['actors'][0]}",
        f"/api/events/?q={sample['words'][0]}",
        f"/api/events/{event}/",
        "/api/actors/",
        "/api/timeline/?date_after=2015&date_before=2015",
        "/",
        f"/events/{event}/",
    ]
    for _ in range(4):
        for path in paths:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()


# Other processes


def cpu_times() -> tuple[float, float, float]:
    """CPU seconds the whole machine has been busy, and those this process and its waited-for
    children (gunicorn and its workers once stopped, wrk) have used."""
    fields = [int(value) for value in open("/proc/stat").readline().split()[1:9]]
    idle = fields[3] + fields[4]  # idle and iowait
    busy = (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")
    own = sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )
    return busy, own, time.monotonic()


def backend_cpu(database: str) -> dict[int, float]:
    """The CPU seconds each live backend of the PostgreSQL server for ``database`` has used,
    by process id: the server's share of the work, not another process's."""
    seconds = {}
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            title = cmdline.read_bytes()  # "postgres: 15/main: user database host(port) state"
            if not title.startswith(b"postgres: ") or f" {database} ".encode() not in title:
                continue
            fields = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        pid = int(cmdline.parent.name)
        seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def others_cpu_percent(before: tuple[float, float, float], server: float) -> float:
    """The share of the machine's CPU that other processes (a test run, say) took while
    gunicorn ran, which the figures then had to do without; ``server`` is what the
    database server did for gunicorn, which is no other process's."""
    busy, own, now = (after - start for after, start in zip(cpu_times(), before, strict=True))
    return round(100 * (busy - own - server) / (now * os.cpu_count()), 1)


# wrk


def lua_script(sample: dict, token: str) -> str:
    def table(values) -> str:
        return "{" + ", ".join(json.dumps(value) for value in values) + "}"

    header = [
        f"EVENT_IDS = {table(sample['event_ids'])}",
        f"ACTORS = {table(sample['actors'])}",
        f"WORDS = {table(sample['words'])}",
        f"EVENT_TYPE = {json.dumps(sample['event_type'])}",
        f"DRAFT_TITLE = {json.dumps(DRAFT_TITLE)}",
        f"TOKEN = {json.dumps(token)}",
    ]
    return "\n".join(header) + "\n" + LUA


def run_wrk(port: int, script: str, args, database: str | None) -> dict:
    """wrk's figures, and the CPU seconds the PostgreSQL server's backends for ``database``
    used (none for SQLite, which works inside gunicorn's processes)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency"]
        command += ["--timeout", WRK_TIMEOUT, "-s", file.name, f"http://127.0.0.1:{port}/"]
        wrk = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        backends: dict[int, float] = {}
        output = None
        while output is None:
            # A connection is replaced when 60 s old (CONN_MAX_AGE) and its backend ends:
            # sample the backends every second while they live.
            backends.update(backend_cpu(database) if database else {})
            try:
                output = wrk.communicate(timeout=1)[0]
            except subprocess.TimeoutExpired:
                pass
    if wrk.returncode:
        raise SystemExit(f"wrk failed with status {wrk.returncode}")
    backends.update(backend_cpu(database) if database else {})
    return {**parse_wrk(output), "database_server_cpu_seconds": round(sum(backends.values()), 1)}


def parse_wrk(output: str) -> dict:
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    non_2xx_3xx = int(non_2xx.group(1)) if non_2xx else 0
    socket_errors = parse_socket_errors(output)
    reads_sent, writes_sent, statuses = parse_script_counts(output)
    unexpected = {status: n for status, n in statuses.items() if status not in ("200", "201")}
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+(\S+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": milliseconds(percentiles["50"]),
        "p99_ms": milliseconds(percentiles["99"]),
        "reads_sent": reads_sent,
        "writes_sent": writes_sent,
        "reads_ok": statuses.get("200", 0),
        "writes_ok": statuses.get("201", 0),
        "unexpected_statuses": unexpected,
        "socket_errors": socket_errors,
        "wrk_non_2xx_3xx": non_2xx_3xx,
        # wrk's own count as well, should a response not reach the script's tally.
        "errors": max(sum(unexpected.values()), non_2xx_3xx) + sum(socket_errors.values()),
    }


def parse_socket_errors(output: str) -> dict:
    names = ("connect", "read", "write", "timeout")
    found = re.search("Socket errors: " + ", ".join(rf"{name} (\d+)" for name in names), output)
    # wrk prints the line only when there were socket errors.
    return dict(zip(names, map(int, found.groups()) if found else [0] * 4, strict=True))


def parse_script_counts(output: str) -> tuple[int, int, dict]:
    """What the script's done() printed, added up over wrk's threads: the reads and writes
    sent (those still in flight when the time was up among them) and each status's count."""
    reads, writes, statuses = 0, 0, {}
    for line in output.splitlines():
        kind, *numbers = line.split() or [""]
        if kind == "load-sent":
            reads, writes = reads + int(numbers[0]), writes + int(numbers[1])
        elif kind == "load-status":
            statuses[numbers[0]] = statuses.get(numbers[0], 0) + int(numbers[1])
    return reads, writes, statuses


def milliseconds(text: str) -> float:
    """wrk's durations ("850.00us", "12.31ms", "1.02s", "2.00m") in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


# The report


def print_result(result: dict) -> None:
    server = result["database_server_cpu_seconds"]
    cpu = f"the database server used {server} s of CPU; " if server else ""
    print(
        f"requests/s {result['requests_per_second']:.1f}, p50 {result['p50_ms']:.1f} ms, "
        f"p99 {result['p99_ms']:.1f} ms, {result['requests']:,} requests\n"
        f"reads answered 200: {result['reads_ok']:,} (of {result['reads_sent']:,} sent); "
        f"writes answered 201: {result['writes_ok']:,} (of {result['writes_sent']:,} sent; "
        f"{result['drafts_stored']:,} drafts stored)\n"
        f"errors: {result['errors']} (other statuses {result['unexpected_statuses']}, "
        f"socket {result['socket_errors']})\n"
        f"{cpu}other processes took {result['others_cpu_percent']}% of the machine meanwhile",
        flush=True,
    )


def report(results: dict) -> bool:
    """The summary table; whether any database had errors (printed loudly)."""
    print("\n## Summary\n")
    print(
        f"{'database':12} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'reads':>8} {'writes':>7}"
        f" {'errors':>7} {'others CPU':>11}"
    )
    for vendor, result in results.items():
        print(
            f"{vendor:12} {result['requests_per_second']:8.1f} {result['p50_ms']:8.1f} "
            f"{result['p99_ms']:8.1f} {result['reads_ok']:8,} {result['writes_ok']:7,} "
            f"{result['errors']:7} {result['others_cpu_percent']:10.1f}%"
        )
    failed = {vendor: result for vendor, result in results.items() if result["errors"]}
    for vendor, result in failed.items():
        print(
            f"\n!!! {vendor}: {result['errors']} ERRORS: statuses "
            f"{result['unexpected_statuses']}, socket {result['socket_errors']}"
        )
    return bool(failed)


if __name__ == "__main__":
    main()
