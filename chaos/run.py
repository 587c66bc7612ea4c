"""`make chaos`: the portal's behaviour when its real services fail, on this machine.

It starts a private PostgreSQL cluster and a private Redis (own ports and folders, so the machine's
shared services and anyone else's work are untouched), the portal under gunicorn and a Celery
worker, then:

1. stops Redis while a commune officer sends the current year's six-month report: the send must succeed, the page must
   say the e-mails will go later, the work must wait in the outbox; when Redis is back, the outbox
   is flushed and the worker delivers the e-mails;
2. kills the worker's pool process while it renders a report PDF: the task must be redelivered and
   exactly one finished PDF must result;
3. restarts PostgreSQL: the next requests must succeed;
4. stops Redis while anonymous readers, an officer and provincial staff browse the public site, the
   lists and the dashboards (several at once): every page must answer 200 without the cache, the
   outage must be logged once per web process, and the cache must fill again once Redis is back.

It prints what held and writes var/chaos/results.json. Exit status 0 only when everything held.
"""

import html.parser
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
BIN = ROOT / ".venv" / "bin"
WORK = Path(os.environ.get("CHAOS_DIR", "/tmp/danvan-chaos"))
PG_PORT = int(os.environ.get("CHAOS_PG_PORT", "5499"))
REDIS_PORT = int(os.environ.get("CHAOS_REDIS_PORT", "6390"))
WEB_PORT = int(os.environ.get("CHAOS_WEB_PORT", "8190"))
PG_BIN = Path(sorted(Path("/usr/lib/postgresql").iterdir())[-1]) / "bin"
BASE = f"http://127.0.0.1:{WEB_PORT}"
DB_NAME = "danvan_chaos"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "danvan.settings.dev",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB_NAME}",
    "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
    "DANVAN_VAR_DIR": str(WORK / "var"),
    "PORTAL_BASE_URL": BASE,
}
ENV.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

results: list[dict] = []


def say(text: str) -> None:
    print(text, flush=True)


def check(name: str, held: bool, detail: str = "") -> bool:
    results.append({"check": name, "held": bool(held), "detail": detail})
    say(f"  [{'HELD' if held else 'FAILED'}] {name}{': ' + detail if detail else ''}")
    return held


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def manage(*args) -> str:
    return run([str(PY), "manage.py", *args], cwd=ROOT, env=ENV).stdout


def sql(query: str):
    import psycopg2

    conn = psycopg2.connect(dbname=DB_NAME, host="127.0.0.1", port=PG_PORT, user="postgres")
    try:
        with conn.cursor() as cur:
            cur.execute(query)
            return cur.fetchall() if cur.description else None
    finally:
        conn.close()


# --- services ----------------------------------------------------------------------------------
def pg(*args):
    return run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(WORK / "pg"), *args])


def start_postgres():
    data = WORK / "pg"
    data.mkdir(parents=True)
    shutil.chown(data, "postgres", "postgres")
    run(
        [
            "runuser",
            "-u",
            "postgres",
            "--",
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
        ]
    )
    pg("-o", f"-p {PG_PORT} -k {data} -c listen_addresses=127.0.0.1", "-l", str(data / "log"), "-w", "start")
    run(["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-q", "-c", f"CREATE DATABASE {DB_NAME}"])


def redis_up() -> bool:
    return subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True).stdout.strip() == "PONG"


def start_redis():
    run(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--daemonize",
            "yes",
            "--save",
            "",
            "--appendonly",
            "no",
            "--pidfile",
            str(WORK / "redis.pid"),
            "--logfile",
            str(WORK / "redis.log"),
            "--dir",
            str(WORK),
        ]
    )
    for _ in range(50):
        if redis_up():
            return
        time.sleep(0.1)
    raise RuntimeError("private Redis did not start")


def stop_redis():
    subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True)
    for _ in range(50):
        if not redis_up():
            return
        time.sleep(0.1)


processes: dict[str, subprocess.Popen] = {}
logs: list = []


def _log(name: str):
    handle = (WORK / name).open("a")
    logs.append(handle)
    return handle


def start_web():
    processes["web"] = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "danvan.wsgi",
            "-b",
            f"127.0.0.1:{WEB_PORT}",
            "-w",
            "2",
            "--timeout",
            "60",
            "--access-logfile",
            "-",
            "--error-logfile",
            str(WORK / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=ENV,
        stdout=_log("gunicorn-access.log"),
        stderr=subprocess.STDOUT,
    )
    wait_http("/suc-khoe/")


def start_worker():
    pidfile = WORK / "worker.pid"
    pidfile.unlink(missing_ok=True)
    processes["worker"] = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "danvan",
            "worker",
            "-l",
            "info",
            "-c",
            "1",
            "--pidfile",
            str(pidfile),
            "--without-gossip",
            "--without-mingle",
            "-n",
            "chaos@%h",
        ],
        cwd=ROOT,
        env=ENV,
        stdout=_log("worker.log"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(200):
        if "ready." in (WORK / "worker.log").read_text(errors="replace"):
            return
        time.sleep(0.1)
    raise RuntimeError("Celery worker did not become ready (see worker.log)")


def stop_all():
    for name in ("worker", "web"):
        proc = processes.pop(name, None)
        if proc and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    stop_redis()
    for handle in logs:
        handle.close()
    if (WORK / "pg" / "postmaster.pid").exists():
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(WORK / "pg"), "-m", "fast", "-w", "stop"],
            capture_output=True,
        )


# --- a browser without a browser -------------------------------------------------------------------
class FormReader(html.parser.HTMLParser):
    """The fields of the form whose action ends with `action_suffix` (inputs, textareas, selects)."""

    def __init__(self, action_suffix: str):
        super().__init__()
        self.suffix = action_suffix
        self.inside = False
        self.fields: dict[str, str] = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = (a.get("action") or "").endswith(self.suffix)
        elif self.inside and tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") in ("submit", "button", "file"):
                return
            self.fields[a["name"]] = a.get("value", "")
        elif self.inside and tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields[self._textarea] = ""
        elif self.inside and tag == "select" and a.get("name"):
            self._select = a["name"]
        elif self.inside and tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class Browser:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str):
        with self.opener.open(BASE + path, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()

    def post(self, path: str, data: dict):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, path, exc.read().decode()

    def form(self, page_path: str, action_suffix: str) -> dict:
        _, _, text = self.get(page_path)
        reader = FormReader(action_suffix)
        reader.feed(text)
        return reader.fields

    def login(self, username: str):
        fields = self.form("/tai-khoan/dang-nhap/", "")
        fields.update({"username": username, "password": "dvk-demo-2020"})
        status, url, _ = self.post("/tai-khoan/dang-nhap/", fields)
        if not url.rstrip("/").endswith(str(WEB_PORT)):
            raise RuntimeError(f"login as {username} failed: {status} {url}")


def wait_http(path: str, timeout: float = 30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(BASE + path, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{path} did not answer 200 within {timeout} s")


def wait_for(predicate, timeout: float, step: float = 0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


# --- scenarios ---------------------------------------------------------------------------------
def six_month_period_id() -> int:
    """The province's six-month period of the running campaign (2020 is a closed archive)."""
    return sql(
        "SELECT p.id FROM reports_reportingperiod p JOIN units_unit u ON u.id = p.receiving_unit_id "
        "JOIN campaigns_campaign c ON c.id = p.campaign_id WHERE p.kind = 'six_month' AND u.code = '08' "
        "AND c.status = 'active' ORDER BY c.year DESC"
    )[0][0]


def reporting_officer(period: int) -> tuple[str, str]:
    """(username, unit code) of a commune officer whose report of the period is not sent yet."""
    return sql(
        "SELECT us.username, u.code FROM accounts_membership m JOIN accounts_user us ON us.id = m.user_id "
        "JOIN units_unit u ON u.id = m.unit_id JOIN reports_reportingperiod p ON p.id = "
        f"{period} AND u.parent_id = p.receiving_unit_id "
        "WHERE m.role = 'officer' AND m.is_active AND us.is_active AND u.valid_to IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM reports_report r WHERE r.period_id = p.id AND r.unit_id = u.id AND r.status <> 'draft') "
        "ORDER BY u.code LIMIT 1"
    )[0]


def scenario_redis_down_while_sending(period: int):
    username, code = reporting_officer(period)
    say(f"1. Redis stopped while a commune ({code}, {username}) sends its six-month report")
    browser = Browser()
    browser.login(username)
    page = f"/bao-cao/ky/{period}/don-vi/{code}/"
    fields = browser.form(page, "luu/")  # the draft form; its "Gửi báo cáo" button posts to …/gui/
    fields.setdefault("signer_title", "PHÓ CHỦ TỊCH")
    before = sql("SELECT count(*) FROM core_outboxitem WHERE sent_at IS NULL")[0][0]
    last_delivery = sql("SELECT coalesce(max(id), 0) FROM notifications_emaildelivery")[0][0]
    stop_redis()
    check("Redis is down", not redis_up())
    started = time.time()
    status, _, text = browser.post(page + "gui/", fields)
    elapsed = time.time() - started
    sent = sql(
        "SELECT r.status FROM reports_report r JOIN units_unit u ON u.id = r.unit_id "
        f"WHERE r.period_id = {period} AND u.code = '{code}' AND u.valid_to IS NULL"
    )[0][0]
    check(
        "the report is sent while Redis is down",
        status == 200 and sent == "submitted",
        f"HTTP {status}, status {sent}, {elapsed:.1f} s",
    )
    check("the officer is told the e-mails will go later", "hàng đợi đang tạm ngừng" in text)
    waiting = sql("SELECT count(*) FROM core_outboxitem WHERE sent_at IS NULL")[0][0] - before
    check("the work waits in the outbox", waiting > 0, f"{waiting} item(s)")
    mails = f"SELECT count(*) FROM notifications_emaildelivery WHERE id > {last_delivery}"
    created = sql(mails)[0][0]
    start_redis()
    check("Redis is back", redis_up())
    out = manage("shell", "--no-imports", "-c", "from core.outbox import flush; print(flush())")
    check("the outbox is flushed into the queue", out.strip().endswith(", 0)"), out.strip())
    delivered = wait_for(lambda: sql(mails + " AND status = 'sent'")[0][0] == created, 60)
    check(
        "the worker delivers the e-mails once Redis is back",
        created > 0 and bool(delivered),
        f"{created} e-mail(s) of the submission, all sent",
    )


def worker_pool_pids() -> list[int]:
    pid = int((WORK / "worker.pid").read_text().strip())
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


def scenario_worker_killed_while_rendering(period: int):
    say("2. The worker's process killed while it renders the report PDF")
    browser = Browser()
    browser.login("tinh")
    sql("DELETE FROM documents_generateddocument WHERE kind = 'report_version'")
    # Asking for a PDF is a POST from the report page's button (a GET of the address creates nothing).
    code = sql(
        "SELECT u.code FROM reports_report r JOIN units_unit u ON u.id = r.unit_id "
        f"WHERE r.period_id = {period} AND r.status IN ('submitted', 'accepted') ORDER BY u.code LIMIT 1"
    )[0][0]
    fields = browser.form(f"/bao-cao/ky/{period}/don-vi/{code}/", f"/{code}/pdf/")
    status, url, _ = browser.post(f"/bao-cao/ky/{period}/don-vi/{code}/pdf/", fields)
    doc = sql("SELECT id FROM documents_generateddocument WHERE kind = 'report_version' ORDER BY id DESC LIMIT 1")[0][0]
    rendering = wait_for(
        lambda: sql(f"SELECT status FROM documents_generateddocument WHERE id = {doc}")[0][0] == "rendering", 30, 0.02
    )
    pids = worker_pool_pids()
    if rendering and pids:
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
    check("a pool process was killed mid-render", bool(rendering and pids), f"document {doc}, killed {pids}")
    done = wait_for(
        lambda: sql(f"SELECT status, attempts, file FROM documents_generateddocument WHERE id = {doc}")[0][0] == "done", 90
    )
    row = sql(f"SELECT status, attempts, file, pages FROM documents_generateddocument WHERE id = {doc}")[0]
    check("the task is redelivered and the PDF finishes", bool(done), f"status {row[0]}, attempts {row[1]}, {row[3]} pages")
    count = sql(
        f"SELECT count(*) FROM documents_generateddocument WHERE kind = 'report_version' AND source_key = "
        f"(SELECT source_key FROM documents_generateddocument WHERE id = {doc})"
    )[0][0]
    files = list((WORK / "var" / "media" / "documents" / "report_version").glob(f"report_version-{doc}*.pdf"))
    check("exactly one PDF results", count == 1 and len(files) == 1, f"{count} document row, files {[f.name for f in files]}")
    _, _, page = browser.get(f"/van-ban/{doc}/")
    check("the download is offered", "Tải về" in page)


def scenario_postgres_restart():
    say("3. PostgreSQL restarted under the running portal")
    browser = Browser()
    browser.login("tinh")
    pg(
        "-m",
        "fast",
        "-w",
        "-l",
        str(WORK / "pg" / "log"),
        "restart",
        "-o",
        f"-p {PG_PORT} -k {WORK / 'pg'} -c listen_addresses=127.0.0.1",
    )
    statuses = []
    for path in ("/suc-khoe/", "/", "/bao-cao/", "/don-vi/08/"):
        try:
            status, _, _ = browser.get(path)
        except urllib.error.HTTPError as exc:
            status = exc.code
        statuses.append((path, status))
    check(
        "the first requests after the restart succeed",
        all(s == 200 for _, s in statuses),
        ", ".join(f"{p} {s}" for p, s in statuses),
    )
    out = manage(
        "shell",
        "--no-imports",
        "-c",
        "from notifications.services import notify; from accounts.models import User; "
        "print(len(notify(recipients=[User.objects.get(username='nahang')], kind='general', title='Sau khi khởi động lại')))",
    )
    sent = wait_for(lambda: sql("SELECT status FROM notifications_emaildelivery ORDER BY id DESC LIMIT 1")[0][0] == "sent", 30)
    check("the worker still works after the restart", out.strip() == "1" and bool(sent))


# The pages of scenario 4 for each kind of reader (None: anonymous); "{article}" is a published
# article, "{child}" a unit under the province on this year's map (read from the province dashboard).
BROWSING = {
    None: [
        "/tin-tuc/",
        "/tin-tuc/?trang=2",
        "/tin-tuc/guong-dien-hinh/",
        "/tin-tuc/mo-hinh/",
        "/tin-tuc/tim-kiem/?q=dan+van",
        "/tin-tuc/{article}/",
        "/tin-tuc/rss.xml",
    ],
    "sonduong": ["/", "/dang-ky/", "/dang-ky/?trang=2", "/dang-ky/?q=mo+hinh", "/bang-dieu-khien/", "/ke-hoach/", "/bao-cao/"],
    "tinh": [
        "/",
        "/dang-ky/",
        "/dang-ky/?trang=99999999999999999999",
        "/bang-dieu-khien/",
        "/bang-dieu-khien/08/",
        "/bang-dieu-khien/{child}/",
        "/don-vi/08/",
    ],
}


def redis_keys() -> int:
    out = subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "dbsize"], capture_output=True, text=True).stdout.strip()
    return int(out) if out.isdigit() else -1


def browse_everyone(browsers: dict, names: dict, rounds: int = 2) -> tuple[list, float]:
    """Every reader's pages, the readers at the same time: [(who, path, status)] and the slowest page."""
    import concurrent.futures

    def one(who):
        seen, slowest = [], 0.0
        for _ in range(rounds):
            for path in BROWSING[who]:
                path = path.format(**names)
                started = time.time()
                try:
                    status, _, _ = browsers[who].get(path)
                except urllib.error.HTTPError as exc:
                    status = exc.code
                except OSError as exc:
                    status = type(exc).__name__
                slowest = max(slowest, time.time() - started)
                seen.append((who or "ẩn danh", path, status))
        return seen, slowest

    with concurrent.futures.ThreadPoolExecutor(len(browsers)) as pool:
        results = list(pool.map(one, browsers))
    return [row for seen, _ in results for row in seen], max(slowest for _, slowest in results)


def scenario_redis_down_while_browsing():
    say("4. Redis stopped while readers, an officer and provincial staff browse")
    if not redis_up():
        start_redis()
    article = sql("SELECT slug FROM publishing_article WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT 1")
    article = article[0][0] if article else "khong-co-bai"
    browsers = {who: Browser() for who in BROWSING}
    for who, browser in browsers.items():
        if who:
            browser.login(who)
    _, _, province = browsers["tinh"].get("/bang-dieu-khien/08/")
    children = [code for code in re.findall(r'href="/bang-dieu-khien/([^/"?]+)/"', province) if code != "08"]
    names = {"article": article, "child": children[0] if children else "08"}

    def failures(rows):
        return [f"{who} {path} {status}" for who, path, status in rows if status != 200]

    rows, slowest = browse_everyone(browsers, names, rounds=1)
    check("with Redis up every page answers 200", not failures(rows), ", ".join(failures(rows)) or f"{len(rows)} pages")
    warm = redis_keys()
    check("the pages use the Redis cache", warm > 0, f"{warm} keys in Redis")
    log = WORK / "gunicorn-access.log"
    logged_before = log.read_text(errors="replace").count("unreachable")
    stop_redis()
    check("Redis is down", not redis_up())
    rows, slowest = browse_everyone(browsers, names)
    check(
        "with Redis down every page answers 200",
        not failures(rows),
        ", ".join(failures(rows)) or f"{len(rows)} pages by 3 readers at once, slowest {slowest:.2f} s",
    )
    outages = log.read_text(errors="replace").count("unreachable") - logged_before
    check("the outage is logged once per web process", 1 <= outages <= 2, f"{outages} warning(s) from 2 workers")
    start_redis()
    check("Redis is back", redis_up())
    time.sleep(6)  # each web process asks Redis again at most 5 s after its last failure (core/cache.py)
    rows, slowest = browse_everyone(browsers, names, rounds=1)
    refilled = redis_keys()
    check(
        "after Redis returns every page answers 200 and the cache fills again",
        not failures(rows) and refilled > 0,
        (", ".join(failures(rows)) or f"{len(rows)} pages") + f"; {refilled} keys in Redis",
    )


def main() -> int:
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    (WORK / "var").mkdir()
    say(f"chaos: private PostgreSQL :{PG_PORT}, Redis :{REDIS_PORT}, portal :{WEB_PORT} under {WORK}")
    try:
        start_postgres()
        start_redis()
        manage("migrate", "--noinput")
        manage("seed_demo")
        manage("collectstatic", "--noinput")
        start_web()
        start_worker()
        period = six_month_period_id()
        scenarios = [
            lambda: scenario_redis_down_while_sending(period),
            lambda: scenario_worker_killed_while_rendering(period),
            scenario_postgres_restart,
            scenario_redis_down_while_browsing,
        ]
        for number, scenario in enumerate(scenarios, 1):
            # A scenario that breaks is one failed check; the next ones still run on the same services.
            try:
                scenario()
            except Exception as exc:
                check(f"scenario {number} ran to its end", False, f"{type(exc).__name__}: {exc}")
                if not redis_up():
                    start_redis()
    except Exception as exc:  # report what broke the run itself
        check("the chaos run completed", False, f"{type(exc).__name__}: {exc}")
    finally:
        stop_all()
    out = ROOT / "var" / "chaos"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    held = sum(r["held"] for r in results)
    say(f"chaos: {held}/{len(results)} checks held; details in var/chaos/results.json, logs in {WORK}")
    return 0 if held == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
