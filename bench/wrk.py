"""The mixed cheap reads sent by ``wrk`` (a native load generator, Debian package ``wrk``) instead of
the Python client, for ``python -m bench.load --wrk``: the Python client spends 1.6-2 ms of CPU per
request on the same cores as the service; wrk spends a few microseconds, so the two side by side
show how much of a throughput figure is the client's.

wrk cannot parse answers: it only counts statuses (non-2xx/3xx and socket errors), which is all
this scenario needs; the Python client's run of the same URLs checks the answers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Each connection walks the URL list from its own offset; done() prints the figures as JSON.
SCRIPT = r"""
local urls = {}
for line in io.lines(os.getenv("ORGNET_WRK_URLS")) do urls[#urls + 1] = line end
local counter = 0
local threads = {}
function setup(thread) thread:set("id", counter); counter = counter + 1; table.insert(threads, thread) end
function init(args) n = id * 7919 end
function request()
  n = n + 1
  return wrk.format("GET", urls[(n % #urls) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
end
"""


def available() -> str | None:
    """The path of ``wrk``, or None (``scripts/ensure-system-deps.sh --bench`` installs it)."""
    return shutil.which("wrk")


def run(base_url: str, urls: Sequence[str], *, clients: int, seconds: float, threads: int = 2, timeout_s: float = 30.0) -> dict[str, Any]:
    """``wrk`` at ``clients`` connections for ``seconds`` over ``urls`` (paths); its figures."""
    exe = available()
    if exe is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk, or scripts/ensure-system-deps.sh --bench)")
    with tempfile.TemporaryDirectory(prefix="orgnet-wrk-") as d:
        folder = Path(d)
        (folder / "urls.txt").write_text("\n".join(urls) + "\n")
        (folder / "mix.lua").write_text(SCRIPT)
        cmd = [
            exe,
            f"-t{min(threads, clients)}",
            f"-c{clients}",
            f"-d{max(1, round(seconds))}s",
            f"--timeout={round(timeout_s)}s",
            "-s",
            str(folder / "mix.lua"),
            base_url,
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, env={"ORGNET_WRK_URLS": str(folder / "urls.txt"), "PATH": "/usr/bin:/bin"}, check=False)
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no figures (exit {done.returncode}): {done.stdout[-500:]} {done.stderr[-500:]}")
    raw = json.loads(line.removeprefix("WRKJSON "))
    wall = raw["duration_us"] / 1e6
    errors = raw["non2xx"] + raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
    return {
        "clients": clients,
        "threads": min(threads, clients),
        "answered": raw["requests"],
        "wall_s": round(wall, 2),
        "throughput_rps": round(raw["requests"] / wall, 1) if wall else None,
        "latency_ms": {k: round(raw[f"{k}_us"] / 1000, 1) for k in ("p50", "p95", "p99", "max")},
        "errors": {k: raw[k] for k in ("non2xx", "connect", "read", "write", "timeout")},
        "error_count": errors,
    }
