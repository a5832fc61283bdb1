#!/usr/bin/env python3
"""Scale benchmark: the events API at 10k, 100k and 1M events, on SQLite and PostgreSQL,
against the raw-SQL limit.

    .venv/bin/python bench/scale.py [--sizes 10000,100000,1000000]
        [--databases sqlite,postgresql] [--runs 40] [--rounds 3] [--wrk-seconds 10]
        [--json FILE] [--only-latency]

For each database it makes a new database of each size and fills it with `manage.py synth`
(timed: the bulk load), and then, each in a process of its own:

- latency: p50/p95 of the events list through Django's WSGI handler in process (the whole
  request: middleware, filters, pagination, JSON), for six queries, each beside the raw-SQL
  yardstick (bench/rawsql.py) for the same page in the same process, interleaved; the page
  ids must agree. The runs are taken in rounds that visit every size in turn, so that the
  machine's drift in speed over a run falls on all sizes alike (growth compares sizes). The
  EXPLAIN plan of each query's event query as the app sends it;
- requests per second under gunicorn (2 workers) with wrk on loopback, for /api/events/ and
  for the raw-SQL view /bench/raw-events/, in the same run;
- ingest throughput (MB of text per second, with date and actor extraction) of generated
  news texts into the database at that size;
- peak memory (max RSS) of a process streaming the full CSV export of every event.

PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) names
a server where databases bench_scale_N can be created and dropped. SQLite files go to
BENCH_DIR (default /tmp). wrk comes from Debian's package (apt-get install wrk).
"""

import argparse
import base64
import json
import math
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
QUERIES = ["no filter", "one month", "year + actor", "actor alias", "q (rare term)", "deep cursor"]
EXTRA = ["q (common term)"]
INGEST_FILES, INGEST_PARAGRAPHS = 40, 30


# The driver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=40, help="timed requests per query")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of latency runs over the sizes"
    )
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument(
        "--only-latency",
        action="store_true",
        help="measure the load and the latencies, not wrk, ingest or export",
    )
    parser.add_argument("--json", help="also write every figure to this file")
    parser.add_argument("--markdown", help="print the tables of a --json file and stop")
    parser.add_argument("part", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:  # a measuring process, started by the driver with DATABASE_URL set
        setup_django()
        result = {"latency": measure_latency, "export": measure_export}[args.part](args)
        print(json.dumps(result))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.markdown:
        markdown(json.loads(Path(args.markdown).read_text()), sizes)
        return
    results = {}
    print(machine())
    for vendor in args.databases.split(","):
        results.update(run_vendor(vendor, sizes, args))
    report(results, sizes, args.databases.split(","))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        "unknown CPU",
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    python = sys.version.split()[0]
    return f"Machine: {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB; Python {python}"


def run_vendor(vendor: str, sizes: list[int], args) -> dict:
    """Every figure of one database engine, at each size."""
    results, envs = {}, {}
    for size in sizes:
        print(f"\n== {vendor}, {size:,} events: load", flush=True)
        envs[size] = bench_env(make_database(vendor, size))
        manage(envs[size], "migrate", "-v0")
        started = time.perf_counter()
        manage(envs[size], "synth", "--events", str(size), "--seed", "1")
        results[size] = {"load_seconds": time.perf_counter() - started}
        print(f"bulk load: {results[size]['load_seconds']:.1f} s", flush=True)
    rounds = {size: [] for size in sizes}
    runs = str(math.ceil(args.runs / args.rounds))
    for number in range(args.rounds):
        for size in sizes:
            print(f"latency round {number + 1} of {args.rounds}: {size:,} events", flush=True)
            rounds[size].append(part(envs[size], "latency", "--runs", runs))
    for size in sizes:
        print(f"\n== {vendor}, {size:,} events", flush=True)
        results[size].update(pooled(rounds[size]))
        print_latency(results[size])
        if not args.only_latency:
            results[size].update(others(envs[size], args))
        drop_database(vendor, size)
    return {f"{vendor}/{size}": result for size, result in results.items()}


def pooled(rounds: list[dict]) -> dict:
    """The percentiles of every round's runs of each query together; the first round's
    plans."""
    out = {"queries": {}, "plans": rounds[0]["plans"]}
    for name, first in rounds[0]["queries"].items():
        api = [ms for one in rounds for ms in one["queries"][name]["api"]]
        raw = [ms for one in rounds for ms in one["queries"][name]["raw"]]
        out["queries"][name] = {
            "path": first["path"],
            "events": first["events"],
            "runs": len(api),
            "api": percentiles(api),
            "raw": percentiles(raw),
        }
    return out


def others(env: dict, args) -> dict:
    """Requests per second under wrk, ingest throughput and the export's peak memory."""
    result = {"wrk": run_wrk(env, args.wrk_seconds)}
    print(f"wrk: {result['wrk']}", flush=True)
    result["ingest"] = run_ingest(env)
    print(f"ingest: {result['ingest']}", flush=True)
    result["export"] = part(env, "export")
    print(f"CSV export: {result['export']}", flush=True)
    return result


def bench_env(url: str) -> dict:
    """The environment the benchmarks run the project in: production settings, loopback."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
    }


def make_database(vendor: str, size: int) -> str:
    if vendor == "sqlite":
        path = Path(os.environ.get("BENCH_DIR", "/tmp")) / f"bench_scale_{size}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    drop_database(vendor, size)
    psql(server, f"CREATE DATABASE bench_scale_{size}")
    return server.rsplit("/", 1)[0] + f"/bench_scale_{size}"


def drop_database(vendor: str, size: int) -> None:
    if vendor == "postgresql":
        server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        psql(server, f"DROP DATABASE IF EXISTS bench_scale_{size} WITH (FORCE)")


def psql(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(statement)


def manage(env: dict, *arguments: str) -> None:
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


def part(env: dict, name: str, *arguments: str) -> dict:
    return last_json(env, [PYTHON, __file__, name, *arguments])


def last_json(env: dict, command: list[str]):
    """The last line a command run in the project prints, read as JSON."""
    output = subprocess.run(
        command, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# Latency, in a process of its own


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def measure_latency(args) -> dict:
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import rawsql

    handler = WSGIHandler()
    out = {"queries": {}, "plans": {}}
    for name, (params, query) in benchmark_queries().items():
        path = "/api/events/?" + urlencode(params)
        api_ids = [event["id"] for event in json.loads(call(handler, path))["results"]]
        with connection.cursor() as cursor:
            raw_ids = [event["id"] for event in rawsql.page(cursor, connection.vendor, query)]
        if api_ids != raw_ids:
            raise SystemExit(f"{name}: the API and the raw SQL disagree on the page")
        api, raw = [], []
        started = time.perf_counter()
        while len(api) < args.runs and (len(api) < 5 or time.perf_counter() - started < 30):
            api.append(timed(lambda p=path: call(handler, p)))
            raw.append(timed(lambda q=query: rawsql.document(q)))
        with CaptureQueriesContext(connection) as queries:
            call(handler, path)
        out["queries"][name] = {"path": path, "events": len(api_ids), "api": api, "raw": raw}
        # The query that reads the page (an actor's page first names the actor).
        paged = next(q["sql"] for q in queries.captured_queries if " LIMIT 51" in q["sql"])
        out["plans"][name] = explain(connection, paged)
    return out


def benchmark_queries() -> dict:
    """Each query as API parameters and as the raw-SQL yardstick takes it."""
    import datetime

    from events.models import Actor, ActorAlias, Event

    actors = Actor.objects.filter(slug__startswith="s1-").order_by("id")
    tenth = actors[9]
    alias = ActorAlias.objects.filter(actor=actors[19]).order_by("id").first()
    # A village that about ten events name, whatever the size (see events/synth.py).
    rare = Event.objects.order_by("id").values_list("summary", flat=True)[0].split(" by ")[1]
    rare = rare.split(",")[0]
    common = actors[0].name
    published = Event.objects.published().order_by("start_date", "end_date", "id")
    middle = published.values_list("start_date", "end_date", "id")[published.count() // 2]
    cursor = {"o": "start_date,end_date,id", "v": [str(middle[0]), str(middle[1]), middle[2]]}
    cursor = base64.urlsafe_b64encode(json.dumps({**cursor, "r": False}).encode()).decode()
    month = (datetime.date(2015, 6, 1), datetime.date(2015, 6, 30))
    year = (datetime.date(2015, 1, 1), datetime.date(2015, 12, 31))
    return {
        "no filter": ({}, {}),
        "one month": ({"date_after": "2015-06", "date_before": "2015-06"}, {"window": month}),
        "year + actor": (
            {"date_after": "2015", "date_before": "2015", "actor": tenth.slug},
            {"window": year, "actor": tenth.slug},
        ),
        "actor alias": ({"actor": alias.name}, {"actor": alias.name}),
        "q (rare term)": ({"q": rare}, {"q": rare}),
        "deep cursor": ({"cursor": cursor}, {"after": middle}),
        "q (common term)": ({"q": common}, {"q": common}),
    }


def call(handler, path: str) -> bytes:
    from wsgiref.util import setup_testing_defaults

    route, _, query = path.partition("?")
    environ = {"PATH_INFO": route, "QUERY_STRING": query, "HTTP_HOST": "127.0.0.1"}
    setup_testing_defaults(environ)
    status = []
    body = b"".join(handler(environ, lambda code, headers, *rest: status.append(code)))
    if not status[0].startswith("200"):
        raise SystemExit(f"{path}: {status[0]}: {body[:300]!r}")
    return body


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def percentiles(milliseconds: list[float]) -> dict:
    cuts = statistics.quantiles(milliseconds, n=20, method="inclusive")
    return {"p50": statistics.median(milliseconds), "p95": cuts[18]}


def explain(connection, sql: str) -> list[str]:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    if connection.vendor == "sqlite":
        return [f"{row[1]:>3} {row[3]}" for row in rows]
    return [row[0] for row in rows]


# Export memory, in a process of its own


def measure_export(args) -> dict:
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler

    environ = {
        "PATH_INFO": "/api/events/",
        "QUERY_STRING": "format=csv",
        "HTTP_HOST": "127.0.0.1",
    }
    setup_testing_defaults(environ)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, size, lines = time.perf_counter(), 0, 0
    for chunk in WSGIHandler()(environ, lambda *status: None):
        size += len(chunk)
        lines += chunk.count(b"\n")
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "megabytes": round(size / 1e6, 1),
        "lines": lines,
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


# wrk against gunicorn


def run_wrk(env: dict, seconds: int) -> dict:
    if not shutil.which("wrk"):
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "timeline.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            # No worker recycling (gunicorn.conf.py's max_requests): a restart would land in
            # whichever endpoint's run reached the limit, and be measured as its slowness.
            "--max-requests",
            "0",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(port)
        results = {}
        for name, path in [("api", "/api/events/"), ("raw", "/bench/raw-events/")]:
            url = f"http://127.0.0.1:{port}{path}"
            for _ in range(20):  # every worker imports, connects and warms up first
                urllib.request.urlopen(url).read()
            results[name] = wrk(url, seconds)
        results["ratio"] = round(results["raw"]["rps"] / results["api"]["rps"], 2)
        return results
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def wrk(url: str, seconds: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    rps = float(next(line for line in output.splitlines() if "Requests/sec" in line).split()[1])
    errors = sum(
        int(part.split()[-1].rstrip(","))
        for line in output.splitlines()
        if "Non-2xx" in line
        for part in [line]
    )
    p99 = next(line.split()[1] for line in output.splitlines() if line.strip().startswith("99%"))
    return {"rps": rps, "p99": p99, "non_2xx": errors}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("gunicorn did not start")


# Ingest throughput


def run_ingest(env: dict) -> dict:
    """Ingest generated news texts (dates in many written forms, known actors' names) into
    the database at its size, with extraction and draft proposals."""
    with tempfile.TemporaryDirectory() as folder:
        size = write_news(Path(folder))
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "manage.py", "ingest", folder, "--published", "2024-12-01"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
    return {
        "megabytes": round(size / 1e6, 2),
        "seconds": round(seconds, 1),
        "mb_per_s": round(size / 1e6 / seconds, 3),
    }


def write_news(folder: Path) -> int:
    import random

    rng = random.Random(7)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    paragraphs = [
        line.strip()
        for seed in seeds
        for line in seed.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 80
    ]
    total = 0
    for number in range(INGEST_FILES):
        chosen = rng.sample(paragraphs, min(INGEST_PARAGRAPHS, len(paragraphs)))
        text = f"Bench report {number}\n\n" + "\n\n".join(chosen) + "\n"
        (folder / f"bench-{number:03d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


# The report


def print_latency(result: dict) -> None:
    for name, figures in result["queries"].items():
        api, raw = figures["api"], figures["raw"]
        print(
            f"{name:16} api p50 {api['p50']:7.2f} ms p95 {api['p95']:7.2f} | raw p50 "
            f"{raw['p50']:7.2f} ms p95 {raw['p95']:7.2f} | ratio {api['p50'] / raw['p50']:.2f}",
            flush=True,
        )
    for name, plan in result["plans"].items():
        print(f"-- plan: {name}")
        for line in plan:
            print(f"   {line}")


def report(results: dict, sizes: list[int], vendors: list[str]) -> None:
    print("\n## Summary")
    for vendor in vendors:
        small, large = f"{vendor}/{sizes[0]}", f"{vendor}/{sizes[-1]}"
        if small not in results or large not in results:
            continue
        growth = f"growth {sizes[0]:,} to {sizes[-1]:,}"
        print(f"\n{vendor}: p50 ms (ratio to raw SQL) at each size; {growth}")
        for name in QUERIES + EXTRA:
            cells = []
            for size in sizes:
                figures = results[f"{vendor}/{size}"]["queries"][name]
                ratio = figures["api"]["p50"] / figures["raw"]["p50"]
                cells.append(f"{figures['api']['p50']:6.2f} ({ratio:.2f})")
            growth = (
                results[large]["queries"][name]["api"]["p50"]
                / results[small]["queries"][name]["api"]["p50"]
            )
            print(f"  {name:16} " + "  ".join(cells) + f"  growth {growth:.2f}")
        for size in sizes:
            one = results[f"{vendor}/{size}"]
            line = f"  {size:>9,}: load {one['load_seconds']:.0f} s"
            if "wrk" in one:
                line += (
                    f"; wrk {one['wrk']}; ingest {one['ingest']['mb_per_s']} MB/s; export "
                    f"peak {one['export']['peak_rss_mb']} MB"
                )
            print(line)


def markdown(results: dict, sizes: list[int]) -> None:
    """The README's tables: latency beside the raw SQL, growth, and the other figures."""
    vendors = sorted({key.split("/")[0] for key in results}, reverse=True)
    header = " | ".join(f"{size:,}" for size in sizes)
    for vendor in vendors:
        print(f"\n**{vendor}**: p50 (p95) in ms, API / raw SQL = ratio\n")
        print(f"| query | {header} | growth |")
        print("|---" * (len(sizes) + 2) + "|")
        for name in QUERIES + EXTRA:
            cells = []
            for size in sizes:
                figures = results[f"{vendor}/{size}"]["queries"][name]
                api, raw = figures["api"], figures["raw"]
                cells.append(
                    f"{api['p50']:.1f} ({api['p95']:.1f}) / {raw['p50']:.1f} = "
                    f"**{api['p50'] / raw['p50']:.2f}**"
                )
            first = results[f"{vendor}/{sizes[0]}"]["queries"][name]["api"]["p50"]
            last = results[f"{vendor}/{sizes[-1]}"]["queries"][name]["api"]["p50"]
            print(f"| {name} | " + " | ".join(cells) + f" | {last / first:.2f} |")
        print()
        print(f"| {vendor} | {header} |")
        print("|---" * (len(sizes) + 1) + "|")
        rows = {
            "bulk load (synth), s": lambda one: f"{one['load_seconds']:.0f}",
            "wrk req/s, API / raw view": lambda one: (
                f"{one['wrk']['api']['rps']:.0f} / {one['wrk']['raw']['rps']:.0f}"
            ),
            "wrk p99 API, non-2xx": lambda one: (
                f"{one['wrk']['api']['p99']}, {one['wrk']['api']['non_2xx']}"
            ),
            "ingest, MB/s": lambda one: f"{one['ingest']['mb_per_s']}",
            "full CSV export: s, MB, peak RSS MB": lambda one: (
                f"{one['export']['seconds']}, {one['export']['megabytes']}, "
                f"{one['export']['peak_rss_mb']}"
            ),
        }
        for label, cell in rows.items():
            if "wrk" not in results[f"{vendor}/{sizes[0]}"] and "load" not in label:
                continue  # a run with --only-latency
            row = [cell(results[f"{vendor}/{size}"]) for size in sizes]
            print(f"| {label} | " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
