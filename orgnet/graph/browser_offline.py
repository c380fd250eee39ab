"""Make the local server's Neo4j Browser ask nothing of any host but this machine.

Neo4j Browser 5.24 (the ``org.neo4j.client:neo4j-browser`` jar the local server serves under
``/browser/``) asks outside hosts for things whatever the server's settings say:

* its JavaScript inserts ``<script src="https://canny.io/sdk.js">`` (the "what's new" changelog
  widget) and ``<script src="https://cdn.segment.com/analytics.js/v1/…">`` (usage data) into the
  page, and starts Sentry with a DSN on ``ingest.sentry.io`` (crash reports, session pings);
* its style sheet (inside ``ui-libs-….bundle.js``) begins with
  ``@import url(https://fonts.googleapis.com/css2?…)`` (Nunito Sans; Fira Code is in the jar).

``index.html`` itself names nothing outside.  Community 5.26 does not declare
``browser.allow_outgoing_connections`` (Enterprise only), and ``client.allow_telemetry=false``
does not stop these requests from being made: only the page's Content-Security-Policy keeps
them from being sent.  Government intranets have no internet, and a page that asks for outside
hosts is slow (and noisy) there, so the jar is rewritten once, before the server starts:

* each of those URLs is replaced by an empty string (a ``<script src="">`` fetches nothing and
  fails at once, which the widgets already handle; Sentry without a DSN sends nothing; the style
  sheet falls back to the page's other fonts);
* ``browser/preview/`` (the separate "new Browser" preview app, linked from nowhere in the
  classic page, with Segment and Sentry built in) is left out.

Every replacement is checked: for a known Browser version each expected text must occur exactly
once in exactly one file, and after patching none of the outside hosts may remain in any page,
script or style sheet.  Anything unexpected (another Browser version, a changed bundle) refuses,
the jar is left as it is, and the caller logs why: the Content-Security-Policy still blocks the
requests.  A marker entry in the jar records that it was done, so it is done once; a jar fetched
anew (another version) is patched on its next start.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from orgnet.errors import BrowserNotOffline

MARKER = "META-INF/orgnet-offline.txt"
POM_PROPERTIES = "META-INF/maven/org.neo4j.client/neo4j-browser/pom.properties"
INDEX_LIST = "META-INF/INDEX.LIST"

# What a page, script or style sheet of the patched jar may not name: hosts Browser asks of its own accord.
OUTSIDE = (b"canny.io/sdk.js", b"cdn.segment.com", b"fonts.googleapis.com", b"ingest.sentry.io")
CHECKED = re.compile(r"^browser/.*\.(js|html|css|json)$")


@dataclass(frozen=True)
class Replacement:
    """Replace ``find`` (which must occur exactly once, in exactly one member matching ``member``) by ``replace``."""

    member: str  # a regular expression for the member's name
    find: bytes
    replace: bytes
    why: str


@dataclass(frozen=True)
class Recipe:
    replacements: tuple[Replacement, ...]
    drop_prefixes: tuple[str, ...]  # members under these folders are left out


APP = r"browser/app-[0-9a-f]+\.js"
UI_LIBS = r"browser/ui-libs-[0-9a-f]+\.bundle\.js"

RECIPES: dict[str, Recipe] = {
    "5.24.0": Recipe(
        replacements=(
            Replacement(APP, b'i.src="https://canny.io/sdk.js"', b'i.src=""', "Canny changelog widget script"),
            Replacement(
                APP,
                b'n.src="https://cdn.segment.com/analytics.js/v1/"+e+"/analytics.min.js"',
                b'n.src=""',
                "Segment usage-data script",
            ),
            Replacement(
                APP,
                b'dsn:"https://1ea9f7ebd51441cc95906afb2d31d841@o110884.ingest.sentry.io/1232865"',
                b'dsn:""',
                "Sentry crash reports and session pings",
            ),
            Replacement(
                UI_LIBS,
                b'"@import url(https://fonts.googleapis.com/css2?family=Fira+Code:wght@500&family=Nunito+Sans:wght@300;400;500;600;700&display=swap);"',
                b'""',
                "Google Fonts style sheet",
            ),
        ),
        drop_prefixes=("browser/preview/",),
    ),
}


def browser_version(jar: zipfile.ZipFile) -> str:
    """The Browser version its Maven metadata names (``version=`` of ``pom.properties``)."""
    try:
        text = jar.read(POM_PROPERTIES).decode("utf-8", "replace")
    except KeyError:
        return "unknown"
    match = re.search(r"^version=(\S+)", text, re.MULTILINE)
    return match.group(1) if match else "unknown"


def is_offline(jar_path: Path) -> bool:
    with zipfile.ZipFile(jar_path) as jar:
        return MARKER in jar.namelist()


def _patched_members(jar: zipfile.ZipFile, version: str, recipe: Recipe) -> dict[str, bytes]:
    """The new contents of the members the recipe changes; refuses unless every text is found exactly once."""
    names = jar.namelist()
    patched: dict[str, bytes] = {}
    for r in recipe.replacements:
        pattern = re.compile(r.member)
        hits = [n for n in names if pattern.fullmatch(n) and r.find in patched.get(n, jar.read(n))]
        counts = {n: patched.get(n, jar.read(n)).count(r.find) for n in hits}
        if len(hits) != 1 or next(iter(counts.values())) != 1:
            where = ", ".join(f"{n} ({c}×)" for n, c in counts.items()) or "nowhere"
            raise BrowserNotOffline(
                f"Neo4j Browser {version}: the {r.why} ({r.find[:60].decode()}…) should occur once in one file matching "
                f"{r.member}, found {where}; the jar is left unchanged"
            )
        name = hits[0]
        patched[name] = patched.get(name, jar.read(name)).replace(r.find, r.replace)
    for prefix in recipe.drop_prefixes:
        if not any(n.startswith(prefix) for n in names):
            raise BrowserNotOffline(f"Neo4j Browser {version} has no {prefix}; the jar is left unchanged")
    return patched


def _check_nothing_outside(jar: zipfile.ZipFile, patched: dict[str, bytes], recipe: Recipe, version: str) -> None:
    for name in jar.namelist():
        if not CHECKED.match(name) or name.startswith(recipe.drop_prefixes):
            continue
        data = patched[name] if name in patched else jar.read(name)
        left = [h.decode() for h in OUTSIDE if h in data]
        if left:
            raise BrowserNotOffline(f"Neo4j Browser {version}: {name} still names {', '.join(left)} after patching; the jar is left unchanged")


def make_offline(jar_path: Path) -> str:
    """Rewrite the Browser jar in place so that its page asks nothing of outside hosts.

    Returns what it did (``"patched"`` or ``"already"``); raises :class:`BrowserNotOffline`
    (the jar untouched) when the jar is not one it knows how to patch.
    """
    try:
        jar = zipfile.ZipFile(jar_path)
    except zipfile.BadZipFile as e:
        raise BrowserNotOffline(f"{jar_path} is not a readable jar ({e}); it is left unchanged") from e
    with jar:
        if MARKER in jar.namelist():
            return "already"
        version = browser_version(jar)
        recipe = RECIPES.get(version)
        if recipe is None:
            raise BrowserNotOffline(f"Neo4j Browser {version} is not one orgnet knows how to patch (known: {', '.join(RECIPES)}); the jar is left unchanged")
        patched = _patched_members(jar, version, recipe)
        _check_nothing_outside(jar, patched, recipe, version)
        # beside the jar (same file system: the rename is atomic), unique, and not *.jar: never on the classpath
        fd, name = tempfile.mkstemp(prefix=jar_path.name + ".", suffix=".partial", dir=jar_path.parent)
        os.close(fd)
        partial = Path(name)
        try:
            with zipfile.ZipFile(partial, "w") as out:
                for info in jar.infolist():
                    if info.filename.startswith(recipe.drop_prefixes):
                        continue
                    data = patched[info.filename] if info.filename in patched else jar.read(info)
                    if info.filename == INDEX_LIST:  # the jar index names folders; leave out the dropped ones
                        dropped = tuple(p.rstrip("/") for p in recipe.drop_prefixes)
                        data = b"".join(line for line in data.splitlines(keepends=True) if not line.strip().decode(errors="replace").startswith(dropped))
                    out.writestr(info, data)
                note = [f"Neo4j Browser {version} made offline by orgnet (orgnet/graph/browser_offline.py):"]
                note += [f"- {r.why}: {r.find.decode()} -> {r.replace.decode()}" for r in recipe.replacements]
                note += [f"- left out {p}" for p in recipe.drop_prefixes]
                out.writestr(zipfile.ZipInfo(MARKER, date_time=(2024, 1, 1, 0, 0, 0)), "\n".join(note) + "\n")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.chmod(jar_path.stat().st_mode & 0o777)
    os.replace(partial, jar_path)
    return "patched"
