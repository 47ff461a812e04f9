"""A loopback load test: sessions that each change the time every second, making the requests the browser
makes on a time step (the time-dependent layer data with the new time, and the KPI callback, whose body is
copied from the browser's own request, with the CSRF cookie and header a page sends), with their latencies
and errors."""

from __future__ import annotations

import http.cookiejar
import json
import statistics
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from api.auth import CSRF_COOKIE, CSRF_HEADER

SESSIONS = 30
DURATION_S = 20
STEP_S = 1.0
TIMEOUT_S = 30
HOURS_APART = 37  # sessions start at different times of the activity period, as different people would


@dataclass(frozen=True)
class TimeStep:
    """What one time step sends: the URLs of the time-dependent sources and the KPI callback's body."""

    base_url: str
    layer_urls: tuple[str, ...]
    kpi_body: dict[str, Any] | None

    def requests(self, at: datetime) -> list[tuple[str, bytes | None]]:
        stamp = at.strftime("%Y-%m-%dT%H:%M")
        urls: list[tuple[str, bytes | None]] = [(_with_time(url, at), None) for url in self.layer_urls]
        if self.kpi_body is None:  # the browser made no KPI request: replay what it did make
            return urls
        return [*urls, (f"{self.base_url}/_dash-update-component", _kpi_body(self.kpi_body, stamp))]


def _with_time(url: str, at: datetime) -> str:
    parts = urlsplit(url)
    values = {"at": at.strftime("%Y-%m-%dT%H:%M"), "on": at.strftime("%Y-%m-%d")}
    query = urlencode([(name, values.get(name, value)) for name, value in parse_qsl(parts.query)])
    return parts._replace(query=query).geturl()


def _kpi_body(body: dict[str, Any], stamp: str) -> bytes:
    inputs = [{**item, "value": stamp} if item.get("id") == "at-store" else item for item in body["inputs"]]
    return json.dumps({**body, "inputs": inputs}).encode()


def time_step(base_url: str, urls: list[str], kpi_body: str) -> TimeStep:
    timed = tuple(url for url in urls if "?at=" in url or "?on=" in url)
    return TimeStep(base_url, timed, json.loads(kpi_body) if kpi_body else None)


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ms: float, error: str | None) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            if error:
                self.errors.append(error)


class Visitor:
    """One browser's cookies: it loads the page first (the server sets its CSRF cookie then) and sends the
    token back with every callback, as the page's script does; without it every POST is a 403."""

    def __init__(self, base_url: str) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.page_error = self.fetch(f"{base_url}/", None)

    def csrf_token(self) -> str:
        return next((cookie.value or "" for cookie in self.jar if cookie.name == CSRF_COOKIE), "")

    def fetch(self, url: str, body: bytes | None) -> str | None:
        """One request as the browser makes it; an error message, or None when it was answered 200."""
        headers = {"Accept-Encoding": "gzip"}
        if body is not None:
            headers |= {"Content-Type": "application/json", CSRF_HEADER: self.csrf_token()}
        try:
            with self.opener.open(urllib.request.Request(url, body, headers), timeout=TIMEOUT_S) as answer:
                answer.read()
                return None if answer.status == 200 else f"HTTP {answer.status} {url}"
        except (OSError, urllib.error.HTTPError) as error:
            return f"{type(error).__name__}: {error} ({url})"


def session(
    step: TimeStep, begin: datetime, span: timedelta, offset_h: int, steps: int, tally: Tally
) -> None:
    visitor = Visitor(step.base_url)
    if visitor.page_error:
        tally.add(0.0, visitor.page_error)
        return
    start = time.monotonic()
    for k in range(steps):
        time.sleep(max(0.0, start + k * STEP_S - time.monotonic()))
        at = begin + timedelta(hours=offset_h + k) % span
        for url, body in step.requests(at):
            sent = time.perf_counter()
            error = visitor.fetch(url, body)
            tally.add((time.perf_counter() - sent) * 1000, error)


def run(step: TimeStep, period: tuple[datetime, datetime], sessions: int = SESSIONS,
        duration_s: int = DURATION_S) -> dict[str, Any]:  # fmt: skip
    """`sessions` concurrent sessions for `duration_s` seconds; latency percentiles over every request."""
    begin = period[0].replace(minute=0, second=0, microsecond=0, tzinfo=None)
    span = max(period[1].replace(tzinfo=None) - begin, timedelta(hours=1))
    tally = Tally()
    began = time.perf_counter()
    threads = [
        threading.Thread(target=session, args=(step, begin, span, i * HOURS_APART, duration_s, tally))
        for i in range(sessions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    summary = _summary(tally, sessions, len(step.requests(begin)), time.perf_counter() - began)
    return {**summary, "steps": duration_s}


def _summary(tally: Tally, sessions: int, per_step: int, seconds: float) -> dict[str, Any]:
    times = sorted(tally.latencies_ms)
    return {
        "sessions": sessions,
        "seconds": round(seconds, 1),
        "requests": len(times),
        "requests_per_step": per_step,
        "p50_ms": round(statistics.median(times), 1) if times else None,
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1) if times else None,
        "max_ms": round(times[-1], 1) if times else None,
        "errors": len(tally.errors),
        "first_errors": tally.errors[:3],
    }
