"""`make bench`: the portal at national scale against the framework's floor.

For each data set (national: the 2020 list of 63 provinces, 707 districts, 10,614 communes;
provincial: Tuyên Quang alone, same density) it drops and recreates a PostgreSQL database,
migrates, generates the data (bench/generate.py), starts gunicorn on loopback with the bench
settings, logs in through the login form (one session per client), and requests every page with
4 concurrent keep-alive clients after a warm-up. Latency is measured by the clients; queries are
counted by the server (X-Bench-Queries). Then, in child processes: the reminder sweep over every
unit, a report PDF and the consolidated PDF, and the 100,000-row .xlsx export (time, peak RSS).

It prints a table with PASS/MISS against the issue's targets and writes var/bench/results.json.

    .venv/bin/python bench/run.py [--scales national,province] [--requests 240] [--skip-generate]

Environment: BENCH_PG (default postgres://postgres@127.0.0.1:5432), DANVAN_VAR_DIR (default
/tmp/danvan-bench), BENCH_PORT (default 8107).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import resource
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
VAR_DIR = os.environ.get("DANVAN_VAR_DIR", "/tmp/danvan-bench")
PORT = int(os.environ.get("BENCH_PORT", "8107"))
HOST = "127.0.0.1"
DATABASES = {"national": "danvan_bench_national", "province": "danvan_bench_province"}
USERS = {"national": "bench_tw", "province": "bench_tinh"}
CLIENTS = 4
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))

# Targets of issue 8.
P50_MAX, P95_MAX, QUERIES_MAX, RATIO_MAX = 50.0, 200.0, 12, 2.0
SWEEP_MAX, PDF_MAX, EXPORT_S_MAX, EXPORT_MB_MAX = 30.0, 3.0, 20.0, 300.0


def env_for(scale: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="danvan.settings.bench",
        DATABASE_URL=f"{PG}/{DATABASES[scale]}",
        DANVAN_VAR_DIR=VAR_DIR,
        PYTHONUNBUFFERED="1",
    )
    return env


class Phases:
    def __init__(self):
        self.started = time.perf_counter()
        self.rows: list[tuple[str, float]] = []

    def run(self, label: str, fn, *args, **kwargs):
        print(f"== {label}", flush=True)
        t = time.perf_counter()
        result = fn(*args, **kwargs)
        elapsed = time.perf_counter() - t
        self.rows.append((label, elapsed))
        print(f"== {label}: {elapsed:.1f} s", flush=True)
        return result


# --- database, data, server ------------------------------------------------------------------
def sh(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def recreate_database(scale: str) -> None:
    import psycopg2

    name = DATABASES[scale]
    conn = psycopg2.connect(f"{PG}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def prepare(scale: str, phases: Phases) -> None:
    env = env_for(scale)
    phases.run(f"{scale}: cơ sở dữ liệu", recreate_database, scale)
    phases.run(f"{scale}: migrate", sh, [PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    phases.run(f"{scale}: sinh dữ liệu", sh, [PY, "bench/generate.py", "--scale", scale], env)


class Server:
    def __init__(self, scale: str):
        self.scale = scale
        self.proc = None

    def __enter__(self):
        cmd = [
            str(Path(PY).parent / "gunicorn"), "danvan.wsgi:application", "--bind", f"{HOST}:{PORT}",
            "--workers", str(WORKERS), "--threads", str(THREADS), "--worker-class", "gthread",
            "--keep-alive", "30", "--log-level", "warning", "--timeout", "120",
        ]  # fmt: skip
        self.proc = subprocess.Popen(cmd, env=env_for(self.scale), cwd=ROOT, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection(HOST, PORT, timeout=5)
                c.request("GET", "/suc-khoe/")
                c.getresponse().read()
                c.close()
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


# --- HTTP clients ----------------------------------------------------------------------------
class Client:
    """One keep-alive connection with its own cookies (its own session)."""

    def __init__(self):
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
                if attempt:
                    raise
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, data

    def login(self, username: str, password: str) -> None:
        response, data = self.request("GET", "/tai-khoan/dang-nhap/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data).group(1).decode()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        response, _ = self.request(
            "POST", "/tai-khoan/dang-nhap/", body,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}:{PORT}/tai-khoan/dang-nhap/"},
        )  # fmt: skip
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {username} failed: HTTP {response.status}")


@dataclass
class Page:
    name: str
    label: str
    url: str | None  # None: the page does not exist yet ("chưa có")
    anonymous: bool = False
    is_list: bool = False
    is_admin: bool = False
    latencies: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    db_ms: list[float] = field(default_factory=list)
    statuses: set = field(default_factory=set)
    load: tuple = ()

    def p(self, q: float) -> float | None:
        if not self.latencies:
            return None
        values = sorted(self.latencies)
        k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
        return values[k]

    @property
    def query_count(self) -> int | None:
        return max(self.queries) if self.queries else None


def page_urls(scale: str) -> list[Page]:
    """The pages to measure, resolved by URL name in a child process (the DB knows the ids)."""
    out = subprocess.run(
        [PY, __file__, "--child", "urls"], env=env_for(scale), cwd=ROOT, check=True, capture_output=True, text=True
    )
    return [Page(**row) for row in json.loads(out.stdout.strip().splitlines()[-1])]


def measure(pages: list[Page], username: str, password: str, requests_per_page: int) -> None:
    clients = []
    for _ in range(CLIENTS):
        c = Client()
        c.login(username, password)
        clients.append(c)
    anon = [Client() for _ in range(CLIENTS)]
    for page in pages:
        if page.url is None:
            continue
        pool = anon if page.anonymous else clients
        for i in range(8):  # warm-up: every worker's caches, the database's buffers
            pool[i % CLIENTS].request("GET", page.url)
        per_client = -(-requests_per_page // CLIENTS)
        lock = threading.Lock()

        def work(client, page=page, per_client=per_client, lock=lock):
            for _ in range(per_client):
                t = time.perf_counter()
                response, _ = client.request("GET", page.url)
                elapsed = (time.perf_counter() - t) * 1000
                with lock:
                    page.latencies.append(elapsed)
                    page.statuses.add(response.status)
                    q = response.headers.get("X-Bench-Queries")
                    if q is not None:
                        page.queries.append(int(q))
                        page.cpu_ms.append(float(response.headers.get("X-Bench-CPU-ms", 0)))
                        page.db_ms.append(float(response.headers.get("X-Bench-DB-ms", 0)))

        threads = [threading.Thread(target=work, args=(c,)) for c in pool]
        load_before = os.getloadavg()[0]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        page.load = (round(load_before, 2), round(os.getloadavg()[0], 2))
        print(
            f"  {page.label}: p50 {page.p(0.5):.1f} ms, p95 {page.p(0.95):.1f} ms, {page.query_count} truy vấn, "
            f"CPU {_median(page.cpu_ms)} ms, CSDL {_median(page.db_ms)} ms, HTTP {sorted(page.statuses)}, "
            f"tải máy {page.load[0]}→{page.load[1]}",
            flush=True,
        )


def _median(values):
    return round(sorted(values)[len(values) // 2], 1) if values else None


# --- child processes (Django loaded with the bench settings) ----------------------------------
def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def child_urls() -> None:
    from django.urls import NoReverseMatch, reverse

    from reports.models import ReportingPeriod

    period = ReportingPeriod.objects.get(receiving_unit__code="08", kind="six_month")

    def url(name, query="", **kwargs):
        try:
            return reverse(name, kwargs=kwargs or None) + query
        except NoReverseMatch:
            return None

    rows = [
        {"name": "floor", "label": "Sàn Django (/bench/floor/)", "url": url("bench_floor")},
        {"name": "dashboard_overview", "label": "Bảng điều khiển toàn quốc/tỉnh", "url": url("dashboards:overview")},
        {"name": "dashboard_province", "label": "Bảng điều khiển tỉnh Tuyên Quang", "url": url("dashboards:unit", code="08")},
        {"name": "list_first", "label": "Danh sách đăng ký, trang 1", "url": url("registrations:list"), "is_list": True},
        {
            "name": "list_page500",
            "label": "Danh sách đăng ký, trang 500",
            "url": url("registrations:list", "?trang=500"),
            "is_list": True,
        },
        {
            "name": "list_filtered",
            "label": "Danh sách lọc (việc làm, đang thực hiện)",
            "url": url("registrations:list", "?kind=task&status=in_progress"),
            "is_list": True,
        },  # fmt: skip
        {
            "name": "list_search",
            "label": "Danh sách tìm “dan van kheo”",
            "url": url("registrations:list", "?q=dan+van+kheo"),
            "is_list": True,
        },  # fmt: skip
        {
            "name": "completeness",
            "label": "Tình hình báo cáo kỳ 6 tháng (tỉnh 08)",
            "url": url("reports:period_detail", pk=period.pk),
        },
        {"name": "public_home", "label": "Trang tin công khai", "url": url("public:home"), "anonymous": True},
        {
            "name": "admin_changelist",
            "label": "Django admin: danh sách đăng ký",
            "url": url("admin:registrations_registration_changelist"),
            "is_admin": True,
        },  # fmt: skip
    ]
    print(json.dumps(rows))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_sweep() -> None:
    from notifications.models import Notification
    from reminders.models import Reminder
    from reminders.sweep import sweep

    day = dt.date(2020, 6, 10)  # the due day of the six-month reports and of the plans' registration task
    t = time.perf_counter()
    result = sweep(day=day)
    elapsed = time.perf_counter() - t
    print(json.dumps({"seconds": elapsed, "reminders": result.total, "rows": Reminder.objects.count(),
                      "notifications": Notification.objects.count(), "day": day.isoformat()}))  # fmt: skip


def child_pdf() -> None:
    from core.pdf import render_pdf
    from documents.renderers import spec_for
    from reports.models import ConsolidatedReport, ReportVersion

    version = (
        ReportVersion.objects.filter(report__period__receiving_unit__code="08", report__period__kind="six_month")
        .select_related("report__unit", "report__period")
        .order_by("report__unit__code")
        .first()
    )
    summary = ConsolidatedReport.objects.get(period__receiving_unit__code="08", period__kind="six_month")
    out = {}
    for name, kind, owner in (("report_pdf", "report_version", version), ("summary_pdf", "report_summary", summary)):
        render_pdf(*_spec(spec_for(kind, owner)))  # warm: fonts, templates
        t = time.perf_counter()
        data, pages = render_pdf(*_spec(spec_for(kind, owner)))
        out[name] = {"seconds": time.perf_counter() - t, "pages": pages, "bytes": len(data), "pdf": data[:5] == b"%PDF-"}
    print(json.dumps(out))


def _spec(spec):
    return spec.template, spec.context


def child_export() -> None:
    from registrations.exports import write_xlsx
    from registrations.models import Registration

    before = _rss_mb()
    queryset = Registration.objects.order_by("-updated_at", "-id")[:100_000]
    t = time.perf_counter()
    handle = write_xlsx(queryset, title="DANH SÁCH ĐĂNG KÝ “DÂN VẬN KHÉO”", subtitle="Đo hiệu năng", creator="bench")
    elapsed = time.perf_counter() - t
    peak = _rss_mb()  # the peak of the whole process so far (Django, the query, the writer)
    handle.seek(0, 2)
    size = handle.tell()
    handle.seek(0)
    import zipfile

    rows, tail = 0, b""
    with zipfile.ZipFile(handle) as z, z.open("xl/worksheets/sheet1.xml") as sheet:
        while chunk := sheet.read(1 << 20):  # count the rows without holding the sheet in memory
            rows += (tail + chunk).count(b"<row ")
            tail = chunk[-4:]
    handle.close()
    print(json.dumps({"seconds": elapsed, "peak_rss_mb": peak, "rss_before_mb": before, "bytes": size, "rows": rows - 3}))


def run_child(scale: str, what: str) -> dict:
    out = subprocess.run(
        [PY, __file__, "--child", what], env=env_for(scale), cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- results ---------------------------------------------------------------------------------
def _ms(v):
    return None if v is None else round(v, 1)


def _ratio(a, b):
    return None if a is None or not b else round(a / b, 2)


def build_results(pages: dict[str, list[Page]], offline: dict[str, dict]) -> list[dict]:
    results = []
    by = {scale: {p.name: p for p in ps} for scale, ps in pages.items()}
    nat, prov = by.get("national", {}), by.get("province", {})
    main = nat or prov
    for name, _page in main.items():
        other = prov.get(name)
        for scale, p in (("national", nat.get(name)), ("province", prov.get(name))):
            if p is None:
                continue
            scale_pages = by[scale]
            floor = scale_pages.get("floor")
            admin = scale_pages.get("admin_changelist")
            row = {
                "name": f"{name}@{scale}",
                "page": name,
                "scale": scale,
                "label": p.label,
                "exists": p.url is not None,
                "url": p.url,
                "requests": len(p.latencies),
                "statuses": sorted(p.statuses),
                "p50_ms": _ms(p.p(0.5)),
                "p95_ms": _ms(p.p(0.95)),
                "queries": p.query_count,
                # The request's own CPU time and its wait for the database, server-side (medians):
                # what the page costs whatever else runs on the machine.
                "cpu_ms_p50": _median(p.cpu_ms),
                "db_ms_p50": _median(p.db_ms),
                "load_avg": list(p.load),
                "to_floor": _ratio(p.p(0.5), floor.p(0.5) if floor else None),
                "to_admin": _ratio(p.p(0.5), admin.p(0.5) if admin else None) if p.is_list else None,
                "national_to_provincial": None,
            }
            if scale == "national" and other is not None:
                row["national_to_provincial"] = _ratio(p.p(0.5), other.p(0.5))
                row["queries_provincial"] = other.query_count
            results.append(row)
    for scale, figures in offline.items():
        for name, data in figures.items():
            results.append({"name": f"{name}@{scale}", "page": name, "scale": scale, "p50_ms": _ms(data.get("seconds", 0) * 1000),
                            "p95_ms": None, "queries": None, "to_floor": None, "to_admin": None,
                            "national_to_provincial": None, **data})  # fmt: skip
    for row in results:
        if row["scale"] == "national" and row["page"] in ("sweep", "report_pdf", "summary_pdf", "export_xlsx"):
            other = next((r for r in results if r["page"] == row["page"] and r["scale"] == "province"), None)
            if other:
                row["national_to_provincial"] = _ratio(row["p50_ms"], other["p50_ms"])
    return results


def verdicts(row: dict) -> list[str]:
    out = []
    page = row["page"]
    if row["scale"] != "national" and page in ("sweep", "summary_pdf", "report_pdf", "export_xlsx"):
        return ["(so sánh)"]  # the targets are for the national data set
    if page == "sweep":
        out.append(f"≤{SWEEP_MAX:.0f}s " + ("PASS" if row["seconds"] <= SWEEP_MAX else "MISS"))
    elif page == "summary_pdf":
        out.append(f"≤{PDF_MAX:.0f}s " + ("PASS" if row["seconds"] <= PDF_MAX and row["pages"] else "MISS"))
    elif page == "report_pdf":
        out.append("có trang " + ("PASS" if row["pages"] and row["pdf"] else "MISS"))
    elif page == "export_xlsx":
        ok = row["seconds"] <= EXPORT_S_MAX and row["peak_rss_mb"] <= EXPORT_MB_MAX and row["rows"] >= 100_000
        out.append(f"≤{EXPORT_S_MAX:.0f}s ≤{EXPORT_MB_MAX:.0f}MB " + ("PASS" if ok else "MISS"))
    elif not row.get("exists", True):
        out.append("chưa có")
    elif row["scale"] == "national" or "national_to_provincial" in row:
        if row.get("statuses") and row["statuses"] != [200]:
            out.append(f"HTTP {row['statuses']} MISS")
        if page in ("admin_changelist", "floor"):
            return out + ["(so sánh)"]
        if row["scale"] == "national":
            out.append("p50 " + ("PASS" if row["p50_ms"] <= P50_MAX else "MISS"))
            out.append("p95 " + ("PASS" if row["p95_ms"] <= P95_MAX else "MISS"))
            q, qp = row["queries"], row.get("queries_provincial")
            out.append("q≤12 " + ("PASS" if q is not None and q <= QUERIES_MAX else "MISS"))
            if qp is not None:
                out.append("q= " + ("PASS" if q == qp else f"MISS({qp})"))
            if row["national_to_provincial"] is not None:
                out.append("×2 " + ("PASS" if row["national_to_provincial"] <= RATIO_MAX else "MISS"))
            if row["to_admin"] is not None:
                out.append("<admin " + ("PASS" if row["to_admin"] < 1 else "MISS"))
    return out


def print_table(results: list[dict]) -> str:
    lines = []
    head = (
        f"{'đo':<20} {'quy mô':<8} {'p50 ms':>7} {'p95 ms':>7} {'q':>3} {'CPU':>5} {'CSDL':>5} {'/sàn':>6} {'/admin':>6} "
        f"{'QG/tỉnh':>7} {'tải':>4}  kết quả"
    )
    lines.append(head)
    lines.append("-" * len(head))
    for r in results:

        def f(v, w, fmt="{:.1f}"):
            return f"{'—' if v is None else fmt.format(v):>{w}}"

        load = r.get("load_avg") or []
        lines.append(
            f"{r['page']:<20} {r['scale']:<8} {f(r['p50_ms'], 7)} {f(r['p95_ms'], 7)} {f(r['queries'], 3, '{}')} "
            f"{f(r.get('cpu_ms_p50'), 5)} {f(r.get('db_ms_p50'), 5)} "
            f"{f(r['to_floor'], 6, '{:.2f}')} {f(r['to_admin'], 6, '{:.2f}')} {f(r['national_to_provincial'], 7, '{:.2f}')} "
            f"{f(max(load) if load else None, 4)}  " + " ".join(verdicts(r))
        )
        extra = {k: r[k] for k in ("reminders", "pages", "rows", "peak_rss_mb", "bytes") if k in r}
        if extra:
            lines.append(" " * 22 + ", ".join(f"{k}={v}" for k, v in extra.items()))
    lines.append(
        "p50/p95: latency seen by 4 concurrent clients; q: SQL queries; CPU/CSDL: the request's own CPU time and "
        "database wait (server-side medians, ms); tải: highest 1-minute load average during the page's run (2 cores)."
    )
    text = "\n".join(lines)
    print(text, flush=True)
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="national,province")
    parser.add_argument("--requests", type=int, default=240, help="requests per page after the warm-up (≥ 200)")
    parser.add_argument("--skip-generate", action="store_true", help="measure the databases as they are")
    parser.add_argument("--only", default="", help="comma-separated page names to measure (default: all)")
    parser.add_argument("--no-offline", action="store_true", help="skip the sweep, PDFs and export")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _django()
        {"urls": child_urls, "sweep": child_sweep, "pdf": child_pdf, "export": child_export}[args.child]()
        return 0

    phases = Phases()
    scales = [s for s in args.scales.split(",") if s]
    pages: dict[str, list[Page]] = {}
    offline: dict[str, dict] = {}
    only = {s for s in args.only.split(",") if s}
    for scale in scales:
        if not args.skip_generate:
            prepare(scale, phases)
        pages[scale] = [p for p in page_urls(scale) if not only or p.name in only or p.name == "floor"]
        for p in pages[scale]:
            if p.url is None:
                print(f"  {p.label}: chưa có (URL {p.name} chưa tồn tại)")
        with Server(scale):
            phases.run(f"{scale}: đo các trang", measure, pages[scale], USERS[scale], "bench-dvk-2020", args.requests)
        if not args.no_offline:
            figures = {}
            figures.update(phases.run(f"{scale}: PDF", run_child, scale, "pdf"))
            figures["export_xlsx"] = phases.run(f"{scale}: xuất .xlsx", run_child, scale, "export")
            # Last: the sweep writes reminders and notifications.
            figures["sweep"] = phases.run(f"{scale}: quét nhắc hạn", run_child, scale, "sweep")
            offline[scale] = figures
    results = build_results(pages, offline)
    print()
    table = print_table(results)
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    (out_dir / "table.txt").write_text(table + "\n")
    print()
    for label, seconds in phases.rows:
        print(f"  {label:<40} {seconds:7.1f} s")
    print(f"  {'tổng':<40} {time.perf_counter() - phases.started:7.1f} s")
    print(f"Kết quả: {out_dir / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
