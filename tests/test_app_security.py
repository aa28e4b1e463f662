"""The app under attack, over HTTP: login on every route, throttled guessing, bounded requests,
coalesced syncs, and a CLI that syncs through a logged-in app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ingest import sync
from qa.settings import Settings
from tests.conftest import ROOT, AppServer, env_for, settings_for
from tests.corpus import make_corpus

pytestmark = pytest.mark.slow

AUTH = "editor:correct-horse"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Settings]]:
    base = tmp_path_factory.mktemp("secured")
    folder = base / "articles"
    folder.mkdir()
    for f in (ROOT / "seeds").iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    settings = settings_for(folder, base / "data")
    sync(settings)
    server = AppServer(settings, NEWSDESK_AUTH=AUTH)
    try:
        server.wait_owner(settings)
        yield server, settings
    finally:
        server.stop()


def client(server: AppServer) -> object:
    from gradio_client import Client

    return Client(server.url, verbose=False, auth=tuple(AUTH.split(":")))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("GET", "config"),
        ("GET", "gradio_api/info"),
        ("POST", "gradio_api/call/chat"),
        ("POST", "gradio_api/call/retrieve"),
        ("POST", "gradio_api/call/sync"),
        ("POST", "gradio_api/call/add_articles"),
        ("POST", "gradio_api/run/retrieve"),
        ("POST", "gradio_api/queue/join"),
        ("GET", "gradio_api/queue/data?session_hash=x"),
        ("POST", "gradio_api/upload"),
        ("GET", "gradio_api/file=/etc/hostname"),
    ],
)
def test_every_route_refuses_a_request_without_login(
    app: tuple[AppServer, Settings], method: str, route: str
) -> None:
    server, _ = app
    body = {"data": ["Who is Russia's ambassador to the UN?", 3], "fn_index": 0, "session_hash": "x"}
    reply = httpx.request(method, server.url + route, json=body, timeout=30)
    assert reply.status_code in (401, 403), (route, reply.status_code, reply.text[:200])


def test_guessing_the_password_is_throttled(app: tuple[AppServer, Settings]) -> None:
    server, _ = app
    user, password = AUTH.split(":")

    def login(pw: str) -> int:
        return httpx.post(
            server.url + "login", data={"username": user, "password": pw}, timeout=30
        ).status_code

    assert [login("guess") for _ in range(3)] == [400, 400, 400]
    assert login(password) == 400, "right after three failures even the right password waits"
    time.sleep(1.3)
    assert login(password) == 200, "after the wait the right password works (and resets the count)"


def test_a_guessing_address_does_not_lock_out_another(app: tuple[AppServer, Settings]) -> None:
    server, _ = app
    user, password = AUTH.split(":")

    def login(pw: str, source: str, forwarded: str = "") -> int:
        # Linux routes all of 127.0.0.0/8 to the loopback: each source is a client of its own.
        headers = {"X-Forwarded-For": forwarded} if forwarded else {}
        with httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=30) as http:
            reply = http.post(server.url + "login", data={"username": user, "password": pw}, headers=headers)
            return reply.status_code

    assert [login("guess", "127.0.0.2") for _ in range(3)] == [400, 400, 400]
    assert login(password, "127.0.0.2") == 400, "the guessing address waits"
    # A header from a client that is not a trusted proxy changes nothing: it cannot dodge its wait.
    assert login(password, "127.0.0.2", "192.0.2.1") == 400
    assert login(password, "127.0.0.3") == 200, "another address logs in at once"
    # Behind a proxy on this machine, the address it forwards is the one that counts.
    assert [login("guess", "127.0.0.1", "203.0.113.9") for _ in range(3)] == [400, 400, 400]
    assert login(password, "127.0.0.1", "203.0.113.9") == 400
    assert login(password, "127.0.0.1", "198.51.100.4") == 200
    time.sleep(1.3)
    assert login(password, "127.0.0.2") == 200 and login(password, "127.0.0.1", "203.0.113.9") == 200


def test_cli_syncs_through_a_logged_in_app_with_the_same_variable(
    app: tuple[AppServer, Settings], tmp_path: Path
) -> None:
    server, settings = app
    (settings.articles_dir / "ferry.txt").write_text(
        "Ferry strike ends\n\nThe Lakeside ferry strike ended after 19 days, said Mira Okafor.\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(settings.articles_dir, settings.data_dir) | {"NEWSDESK_AUTH": AUTH}
    cli = subprocess.run(
        [sys.executable, "-m", "ingest", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 0, cli.stderr
    report = json.loads(cli.stdout)
    assert report["delegated_to"] == server.url and "ferry.txt" in report["added"]
    # Another folder is refused, not answered with a sync of the app's own folder.
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("Other\n\nAn article of another folder.\n")
    cli = subprocess.run(
        [sys.executable, "-m", "ingest", str(other)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 2 and "cannot sync" in cli.stderr and "Synced" not in cli.stdout


def test_a_huge_question_gets_the_limit_message_over_the_api(app: tuple[AppServer, Settings]) -> None:
    from gradio_client.exceptions import AppError

    server, _ = app
    api = client(server)
    huge = "Who is the ambassador? " * 50_000  # about 1 MB
    started = time.monotonic()
    reply = api.predict(message=huge, api_name="/chat")  # type: ignore[attr-defined]
    assert "characters long; please keep it under 1,000" in reply
    with pytest.raises(AppError, match="characters long; please keep it under 1,000"):
        api.predict(question=huge, k=5, api_name="/retrieve")  # type: ignore[attr-defined]
    assert time.monotonic() - started < 30


def test_a_burst_of_sync_requests_runs_at_most_one_more_sync(app: tuple[AppServer, Settings]) -> None:
    server, settings = app
    make_corpus(settings.articles_dir, 60, prefix="burst")  # so that a sync takes a while
    reports: list[str] = []

    def ask() -> None:
        reports.append(json.dumps(client(server).predict(dry_run=False, api_name="/sync")))  # type: ignore[attr-defined]

    threads = [threading.Thread(target=ask) for _ in range(10)]
    for t in threads:
        t.start()
        time.sleep(0.05)
    for t in threads:
        t.join(timeout=300)
    assert len(reports) == 10
    assert len(set(reports)) <= 2, "ten requests shared at most two syncs"
    assert any(len(json.loads(r)["added"]) == 60 for r in reports)


def test_serving_the_network_without_a_login_is_refused(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}
    env |= env_for(tmp_path / "articles", tmp_path / "data") | {"NEWSDESK_HOST": "0.0.0.0"}
    done = subprocess.run(
        [sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "reachable from the network with no login" in done.stderr and "NEWSDESK_AUTH" in done.stderr
