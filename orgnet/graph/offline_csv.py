"""Records as ``neo4j-admin import`` CSV files: :class:`CsvWriter` maps each bundle section to one
CSV file per node label and one per relationship (type, start label, end label), a batch at a time,
and closes into an :class:`ImportPlan` (the files, the ``neo4j-admin`` arguments, and what CSV
cannot say, run once the server is up).  The graph it describes is the one the transactional
loader writes (:mod:`orgnet.graph.statements`); ``tests/integration/test_offline_load.py`` compares
the two on the seed.

>>> _cell_line(["a", None, "", 'x"y', 1.5, True, [], ["p", "q"]])
'"a",,"","x""y",1.5,true,"","p\\x1fq"'

It is over 400 lines because every bundle section has its own small mapping to CSV rows, and they
share the writer's files, region lookups and the assignment-key check.
"""

from __future__ import annotations

import csv
import datetime as dt
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import IO, Any

from orgnet.errors import InvalidInput
from orgnet.graph.model import PERSON_LABELS, Level, Record

# Between the elements of an array value (path_ids, path_names, duties); no value may contain it.
ARRAY_DELIMITER = "\x1f"


ARRAY_DELIMITER_ARG = "U+001F"


_KEY = itemgetter(0, 1, 2)  # (start id, end id, since): the MERGE key of an assignment


_ID_REGION = attrgetter("id", "region_id")


_BOOL = {True: "true", False: "false"}


# An empty array cell is imported as "no property"; the loader writes ``duties = []``.
SET_EMPTY_DUTIES = """
UNWIND $rows AS row
MATCH (t:VolunteerTeam {id: row.team})-[d:DEPLOYED_TO]->(x)
WHERE d.since = row.since AND x.id = row.target
  AND ((row.label = 'Region' AND x:Region) OR (row.label = 'Checkpoint' AND x:Checkpoint))
SET d.duties = []
"""


def _cell(value: Any) -> Any:
    """A value as the CSV module should write it (``None`` stays empty: no property)."""
    if value is None:
        return None
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _exact(value: Any) -> str:
    """One CSV cell where every string is quoted, so ``""`` (an empty string) differs from no value."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, list | tuple):
        value = ARRAY_DELIMITER.join(value)
    return '"' + str(value).replace('"', '""') + '"'


def _cell_line(values: Sequence[Any]) -> str:
    """One CSV line of :func:`_exact` cells.

    The CSV module cannot write a quoted empty string; the few records that may hold one
    (regions' ``code``, deployments' empty ``duties``) go through this slower, exact formatter.
    """
    return ",".join(_exact(v) for v in values)


@dataclass
class CsvFile:
    """One CSV file of the import: nodes of ``name`` (a label) or relationships of ``name`` (a type)."""

    kind: str  # "nodes" | "relationships"
    name: str
    path: Path
    header: list[str]
    rows: int = 0
    handle: IO[str] | None = field(default=None, repr=False)
    writer: Any = field(default=None, repr=False)


@dataclass(frozen=True)
class _RegionInfo:
    level: Level
    nation_id: str | None
    province_id: str | None
    city_id: str | None
    county_id: str | None
    town_id: str | None
    path_ids: tuple[str, ...]
    path_names: tuple[str, ...]


@dataclass
class ImportPlan:
    """What :class:`CsvWriter` wrote: the files and the flags ``neo4j-admin`` needs for them."""

    directory: Path
    files: list[CsvFile]
    records: dict[str, int]
    multiline: bool
    # (query, params) to run once the server is up: what CSV cannot say (see SET_EMPTY_DUTIES)
    fixups: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def nodes(self) -> int:
        return sum(f.rows for f in self.files if f.kind == "nodes")

    @property
    def relationships(self) -> int:
        return sum(f.rows for f in self.files if f.kind == "relationships")

    @property
    def bytes(self) -> int:
        return sum(f.path.stat().st_size for f in self.files if f.path.exists())

    def import_args(self, database: str, *, threads: int | None = None, max_off_heap: str | None = None) -> list[str]:
        """The arguments of ``neo4j-admin`` (after the tool name) that import these files."""
        args = [
            "database",
            "import",
            "full",
            database,  # before the file lists: --nodes/--relationships take several values
            "--overwrite-destination=true",
            "--id-type=string",
            f"--array-delimiter={ARRAY_DELIMITER_ARG}",
            f"--multiline-fields={'true' if self.multiline else 'false'}",
            "--skip-bad-relationships=false",
            "--skip-duplicate-nodes=false",
            f"--report-file={self.directory / 'import.report'}",
        ]
        if threads:
            args.append(f"--threads={threads}")
        if max_off_heap:
            args.append(f"--max-off-heap-memory={max_off_heap}")
        for f in self.files:
            if f.rows:
                args.append(f"--{f.kind}={f.name}={f.path}")
        return args


class CsvWriter:
    """Stream bundle sections into ``neo4j-admin`` CSV files (one id space per label).

    >>> import tempfile; from orgnet.graph.model import Region
    >>> w = CsvWriter(Path(tempfile.mkdtemp()))
    >>> w.write("regions", [Region(id="X", name="市", level="city")])
    >>> plan = w.close(); plan.nodes, plan.relationships
    (1, 0)
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.files: dict[tuple[str, ...], CsvFile] = {}
        self.records: dict[str, int] = {}
        self.multiline = False
        self.regions: dict[str, _RegionInfo] = {}
        self._keys: dict[tuple[str, str, str], array] = {}
        self._ct: dict[str, tuple[str | None, str | None]] = {}  # region id -> (county_id, town_id)
        self.empty_duties: list[dict[str, Any]] = []
        # bundle section -> the method that writes its CSV rows (one per section of Bundle.SECTIONS)
        self.section_writers: dict[str, Callable[[Sequence[Any]], None]] = {
            "regions": self._write_regions,
            "party_orgs": self._write_party_orgs,
            "cadres": self._write_cadres,
            "enterprises": self._write_enterprises,
            "pairings": self._write_pairings,
            "supervisions": self._write_supervisions,
            "central_households": self._write_central_households,
            "party_members": self._write_party_members,
            "households": self._write_households,
            "household_links": self._write_household_links,
            "volunteer_teams": self._write_volunteer_teams,
            "team_memberships": self._write_team_memberships,
            "checkpoints": self._write_checkpoints,
            "deployments": self._write_deployments,
            "medical_workers": self._write_medical_workers,
            "family_supports": self._write_family_supports,
            "allocations": self._write_allocations,
            "talents": self._write_talents,
            "frontline_records": self._write_frontline_records,
            "recognitions": self._write_recognitions,
            "party_applications": self._write_party_applications,
            "duty_deaths": self._write_duty_deaths,
            "care_contacts": self._write_care_contacts,
            "care_payments": self._write_care_payments,
            "enterprise_visits": self._field_work("enterprise_visits", "EnterpriseVisit", ["cadre_id", "enterprise_id"]),
            "checkpoint_shifts": self._field_work("checkpoint_shifts", "CheckpointShift", ["member_id", "checkpoint_id", "on_duty:string[]"]),
            "household_visits": self._field_work("household_visits", "HouseholdVisit", ["member_id", "household_id"]),
            "family_visits": self._field_work("family_visits", "FamilyVisit", ["cadre_id", "family_type", "family_id"]),
        }

    # -- files -------------------------------------------------------------------------
    def _file(self, key: tuple[str, ...], kind: str, name: str, header: list[str]) -> CsvFile:
        f = self.files.get(key)
        if f is None:
            path = self.directory / ("-".join(key) + ".csv")
            f = CsvFile(kind, name, path, header)
            f.handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()
            f.writer = csv.writer(f.handle, lineterminator="\n")
            f.writer.writerow(header)
            self.files[key] = f
        return f

    def _nodes(self, label: str, header: list[str]) -> CsvFile:
        return self._file(("nodes", label), "nodes", label, [f"id:ID({label})", *header])

    def _rels(self, rtype: str, start: str, end: str, header: Sequence[str] = ()) -> CsvFile:
        return self._file(("rels", rtype, start, end), "relationships", rtype, [f":START_ID({start})", f":END_ID({end})", *header])

    def _assignment(self, rtype: str, start: str, end: str, rows: Sequence[Sequence[Any]], extra: Sequence[str] = (), *, exact: bool = False) -> None:
        """Rows ``(start_id, end_id, since, until, *extra)``; remembers keys to refuse repeats."""
        f = self._rels(rtype, start, end, ["since:date", "until:date", *extra])
        keys = self._keys.setdefault((rtype, start, end), array("q"))
        keys.extend(map(hash, map(_KEY, rows)))
        if exact:
            assert f.handle is not None
            f.handle.writelines(_cell_line(r) + "\n" for r in rows)
        else:
            f.writer.writerows(rows)
        f.rows += len(rows)

    # -- regions ---------------------------------------------------------------------------
    def _located(self, section: str, record: Any) -> tuple[str, str | None, str | None]:
        info = self.regions.get(record.region_id)
        if info is None:
            raise InvalidInput(
                f"{section}: region_id {record.region_id!r} is not a region written before it; nothing was imported.",
                errors=[
                    {
                        "section": section,
                        "index": None,
                        "id": getattr(record, "id", None),
                        "field": "region_id",
                        "reason": f"refers to Region {record.region_id!r}, which is not in the stream before it",
                    }
                ],
            )
        return record.region_id, info.county_id, info.town_id

    def _write_regions(self, records: Sequence[Any]) -> None:
        f = self._nodes(
            "Region",
            [
                ":LABEL",
                "name",
                "level",
                "kind",
                "code",
                "nation_id",
                "province_id",
                "city_id",
                "county_id",
                "town_id",
                "village_id",
                "path_ids:string[]",
                "path_names:string[]",
            ],
        )
        part_of = self._rels("PART_OF", "Region", "Region")
        assert f.handle is not None
        for r in sorted(records, key=lambda r: r.level.rank):  # parents first, as the loader does
            parent = None
            if r.parent_id is not None:
                parent = self.regions.get(r.parent_id)
                if parent is None:
                    raise InvalidInput(
                        f"regions: parent_id {r.parent_id!r} of {r.id!r} is not a region written before it; nothing was imported.",
                        errors=[
                            {
                                "section": "regions",
                                "index": None,
                                "id": r.id,
                                "field": "parent_id",
                                "reason": f"refers to Region {r.parent_id!r}, which is not in the stream before it",
                            }
                        ],
                    )
            for text in (r.name, r.code or "", r.kind or ""):
                if ARRAY_DELIMITER in text:
                    raise InvalidInput(f"regions: {r.id!r} contains the control character U+001F.")

            # a region's ancestor ids are its parent's (levels nest), plus its own at its level
            def own_or_parent(level: Level, attr: str, r: Any = r, parent: _RegionInfo | None = parent) -> str | None:
                return r.id if r.level == level else (getattr(parent, attr) if parent else None)

            info = _RegionInfo(
                level=r.level,
                nation_id=own_or_parent(Level.nation, "nation_id"),
                province_id=own_or_parent(Level.province, "province_id"),
                city_id=own_or_parent(Level.city, "city_id"),
                county_id=own_or_parent(Level.county, "county_id"),
                town_id=own_or_parent(Level.town, "town_id"),
                path_ids=(parent.path_ids if parent else ()) + (r.id,),
                path_names=(parent.path_names if parent else ()) + (r.name,),
            )
            self.regions[r.id] = info
            self._ct[r.id] = (info.county_id, info.town_id)
            self._check_multiline(r.name, r.code, r.kind)
            line = _cell_line(
                [
                    r.id,
                    r.level.label,
                    r.name,
                    r.level.value,
                    r.kind,
                    r.code,
                    info.nation_id,
                    info.province_id,
                    info.city_id,
                    info.county_id,
                    info.town_id,
                    r.id if r.level == Level.village else None,
                    info.path_ids,
                    info.path_names,
                ]
            )
            f.handle.write(line + "\n")
            f.rows += 1
            if parent is not None:
                part_of.writer.writerow([r.id, r.parent_id])
                part_of.rows += 1

    def _check_multiline(self, *texts: str | None) -> None:
        for t in texts:
            if t and ("\n" in t or "\r" in t):
                self.multiline = True

    # -- sections ---------------------------------------------------------------------------
    def write(self, section: str, records: Sequence[Record]) -> None:
        """Append one batch of ``section`` (sections in :attr:`Bundle.SECTIONS` order)."""
        if not records:
            return
        handler = self.section_writers.get(section)
        if handler is None:
            raise InvalidInput(f"Unknown bundle section {section!r}.")
        handler(records)
        self.records[section] = self.records.get(section, 0) + len(records)

    def _names(self, records: Sequence[Any], attr: str = "name") -> None:
        text = "\x00".join(map(attrgetter(attr), records))
        if "\n" in text or "\r" in text:
            self.multiline = True

    def _write_party_orgs(self, records: Sequence[Any]) -> None:
        f = self._nodes("PartyOrg", ["name", "kind", "region_id", "county_id", "town_id"])
        loc = self._rels("LOCATED_IN", "PartyOrg", "Region")
        sub = self._rels("SUBORDINATE_TO", "PartyOrg", "PartyOrg")
        self._names(records)
        rows, locs, subs = [], [], []
        for r in records:
            rid, county, town = self._located("party_orgs", r)
            rows.append([r.id, r.name, r.kind, rid, county, town])
            locs.append([r.id, rid])
            if r.parent_id is not None:
                subs.append([r.id, r.parent_id])
        self._put(f, rows)
        self._put(loc, locs)
        self._put(sub, subs)

    def _write_cadres(self, records: Sequence[Any]) -> None:
        f = self._nodes(
            "Cadre",
            ["name", "level", "young:boolean", "commended:boolean", "promoted:boolean", "applied_to_join_party_on:date", "region_id", "county_id", "town_id"],
        )
        serves = self._rels("SERVES_IN", "Cadre", "Region")
        self._names(records)
        rows, rels = [], []
        for r in records:
            rid, county, town = self._located("cadres", r)
            rows.append(
                [
                    r.id,
                    r.name,
                    r.level.value,
                    _cell(r.young),
                    _cell(r.commended),
                    _cell(r.promoted),
                    _cell(r.applied_to_join_party_on),
                    rid,
                    county,
                    town,
                ]
            )
            rels.append([r.id, rid])
        self._put(f, rows)
        self._put(serves, rels)

    def _with_ancestors(self, section: str, records: Sequence[Any], fields: Callable[[Any], tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """``fields(record) + (county_id, town_id)`` of each record's region (``fields`` ends with region_id)."""
        ct = self._ct
        try:
            return [t + ct[t[-1]] for t in map(fields, records)]
        except KeyError:
            for r in records:
                self._located(section, r)  # raises for the first unknown region
            raise

    def _located_items(self, section: str, label: str, records: Sequence[Any], props: list[str], rtype: str = "LOCATED_IN") -> None:
        """Nodes ``id, *props, region_id, county_id, town_id`` and ``-[rtype]->(:Region)``."""
        f = self._nodes(label, [*props, "region_id", "county_id", "town_id"])
        rel = self._rels(rtype, label, "Region")
        if "name" in props:
            self._names(records)
        self._put(f, self._with_ancestors(section, records, attrgetter("id", *(p.split(":")[0] for p in props), "region_id")))
        self._put(rel, list(map(_ID_REGION, records)))

    def _write_enterprises(self, records: Sequence[Any]) -> None:
        self._located_items("enterprises", "Enterprise", records, ["name", "kind"])

    def _write_central_households(self, records: Sequence[Any]) -> None:
        self._located_items("central_households", "CentralHousehold", records, [])

    def _write_households(self, records: Sequence[Any]) -> None:
        self._located_items("households", "Household", records, ["name"])

    def _write_checkpoints(self, records: Sequence[Any]) -> None:
        self._located_items("checkpoints", "Checkpoint", records, ["name", "kind"])

    def _write_party_members(self, records: Sequence[Any]) -> None:
        f = self._nodes("PartyMember", ["name", "rural:boolean", "city_organ:boolean", "region_id", "county_id", "town_id"])
        member_of = self._rels("MEMBER_OF", "PartyMember", "PartyOrg")
        lives = self._rels("LIVES_IN", "PartyMember", "Region")
        in_ch = self._rels("IN_CENTRAL_HOUSEHOLD", "PartyMember", "CentralHousehold")
        self._names(records)
        b = _BOOL
        self._put(f, self._with_ancestors("party_members", records, lambda r: (r.id, r.name, b[r.rural], b[r.city_organ], r.region_id)))
        self._put(member_of, list(map(attrgetter("id", "org_id"), records)))
        self._put(lives, list(map(_ID_REGION, records)))
        self._put(in_ch, [(r.id, r.central_household_id) for r in records if r.central_household_id is not None])

    def _write_pairings(self, records: Sequence[Any]) -> None:
        self._assignment("PAIRED_WITH", "Cadre", "Enterprise", list(map(attrgetter("cadre_id", "enterprise_id", "since", "until"), records)))

    def _write_supervisions(self, records: Sequence[Any]) -> None:
        self._assignment("SUPERVISES", "Cadre", "Region", list(map(attrgetter("cadre_id", "region_id", "since", "until"), records)))

    def _write_household_links(self, records: Sequence[Any]) -> None:
        self._assignment("LINKS", "PartyMember", "Household", list(map(attrgetter("member_id", "household_id", "since", "until"), records)))

    def _write_team_memberships(self, records: Sequence[Any]) -> None:
        self._assignment("ON_TEAM", "PartyMember", "VolunteerTeam", list(map(attrgetter("member_id", "team_id", "since", "until"), records)))

    def _write_volunteer_teams(self, records: Sequence[Any]) -> None:
        f = self._nodes("VolunteerTeam", ["name", "org_id"])
        self._names(records)
        self._put(f, [[r.id, r.name, r.org_id] for r in records])

    def _write_deployments(self, records: Sequence[Any]) -> None:
        for target_type, label in (("region", "Region"), ("checkpoint", "Checkpoint")):
            rows = [[r.team_id, r.target_id, r.since, r.until, r.duties] for r in records if r.target_type == target_type]
            if rows:
                self._assignment("DEPLOYED_TO", "VolunteerTeam", label, rows, ["duties:string[]"], exact=True)
            # the importer reads an empty array cell as "no property"; the loader stores [] — set after the import
            self.empty_duties += [{"team": r[0], "target": r[1], "since": r[2], "label": label} for r in rows if not r[4]]

    def _write_medical_workers(self, records: Sequence[Any]) -> None:
        f = self._nodes("MedicalWorker", ["name", "batch:long", "destination", "region_id"])
        self._names(records)
        self._names(records, "destination")
        self._put(f, [[r.id, r.name, r.batch, r.destination, r.region_id] for r in records])

    def _write_family_supports(self, records: Sequence[Any]) -> None:
        for supporter_type, label in (("party_org", "PartyOrg"), ("cadre", "Cadre")):
            rows = [[r.supporter_id, r.medical_worker_id, r.since, r.until] for r in records if r.supporter_type == supporter_type]
            if rows:
                self._assignment("SUPPORTS_FAMILY_OF", label, "MedicalWorker", rows)

    def _write_allocations(self, records: Sequence[Any]) -> None:
        f = self._nodes("Allocation", ["fund", "amount:double", "date:date", "region_id"])
        to = self._rels("TO", "Allocation", "Region")
        rows, rels = [], []
        for r in records:
            self._located("allocations", r)
            rows.append([r.id, r.fund, repr(float(r.amount)), r.date, r.region_id])
            rels.append([r.id, r.region_id])
        self._put(f, rows)
        self._put(to, rels)

    # -- incentives: person references are typed (model.PERSON_LABELS), one relationship file per label
    def _person_rels(self, rtype: str, start: str, records: Sequence[Any], field: str) -> None:
        for person_type, label in PERSON_LABELS.items():
            rows = [[r.id, getattr(r, f"{field}_id")] for r in records if getattr(r, f"{field}_type") == person_type]
            if rows:
                self._put(self._rels(rtype, start, label), rows)

    def _write_talents(self, records: Sequence[Any]) -> None:
        self._located_items("talents", "Talent", records, ["name", "kind"])

    def _write_frontline_records(self, records: Sequence[Any]) -> None:
        self._located_items("frontline_records", "FrontlineRecord", records, ["date:date", "kind", "text", "recorded_by", "cadre_id"])
        self._put(self._rels("RECORD_OF", "FrontlineRecord", "Cadre"), [[r.id, r.cadre_id] for r in records])

    def _write_recognitions(self, records: Sequence[Any]) -> None:
        self._located_items("recognitions", "Recognition", records, ["kind", "level", "date:date", "awarding_body", "person_type", "person_id"])
        self._person_rels("RECOGNISES", "Recognition", records, "person")

    def _write_party_applications(self, records: Sequence[Any]) -> None:
        props = ["applicant_type", "applicant_id", "submitted_on:date", "activist_on:date", "probationary_on:date", "full_member_on:date", "declined_on:date"]
        f = self._nodes("PartyApplication", [*props, "at_front:boolean", "joined_at_front:boolean", "region_id", "county_id", "town_id"])
        b = _BOOL
        fields = attrgetter("id", *(p.split(":")[0] for p in props))
        self._put(f, self._with_ancestors("party_applications", records, lambda r: (*fields(r), b[r.at_front], b[r.joined_at_front], r.region_id)))
        self._put(self._rels("LOCATED_IN", "PartyApplication", "Region"), list(map(_ID_REGION, records)))
        self._person_rels("APPLIED_BY", "PartyApplication", records, "applicant")

    def _write_duty_deaths(self, records: Sequence[Any]) -> None:
        self._located_items("duty_deaths", "DutyDeath", records, ["date:date", "person_type", "person_id"])
        self._person_rels("DEATH_OF", "DutyDeath", records, "person")

    def _write_care_contacts(self, records: Sequence[Any]) -> None:
        for supporter_type, label in (("party_org", "PartyOrg"), ("cadre", "Cadre")):
            rows = [[r.supporter_id, r.duty_death_id, r.since, r.until] for r in records if r.supporter_type == supporter_type]
            if rows:
                self._assignment("CARES_FOR", label, "DutyDeath", rows)

    def _field_work(self, section: str, label: str, props: list[str]) -> Callable[[Sequence[Any]], None]:
        """A visit's or shift's writer (issue 26): the ids it names are properties; a roster is an array."""
        names = ["date", "text", "recorded_by", *(p.split(":")[0] for p in props)]

        def cells(r: Any) -> tuple[Any, ...]:
            return (r.id, *(ARRAY_DELIMITER.join(v) if isinstance(v, list) else v for v in map(r.__getattribute__, names)), r.region_id)

        def write(records: Sequence[Any]) -> None:
            f = self._nodes(label, ["date:date", "text", "recorded_by", *props, "region_id", "county_id", "town_id"])
            self._put(f, self._with_ancestors(section, records, cells))
            self._put(self._rels("LOCATED_IN", label, "Region"), list(map(_ID_REGION, records)))

        return write

    def _write_care_payments(self, records: Sequence[Any]) -> None:
        f = self._nodes("CarePayment", ["fund", "amount:double", "date:date", "duty_death_id"])
        self._put(f, [[r.id, r.fund, repr(float(r.amount)), r.date, r.duty_death_id] for r in records])
        self._put(self._rels("PAID_TO", "CarePayment", "DutyDeath"), [[r.id, r.duty_death_id] for r in records])

    @staticmethod
    def _put(f: CsvFile, rows: list[list[Any]]) -> None:
        if rows:
            f.writer.writerows(rows)
            f.rows += len(rows)

    # -- end ---------------------------------------------------------------------------------
    def abort(self) -> None:
        """Close every file (after an error)."""
        for f in self.files.values():
            if f.handle is not None:
                f.handle.close()
            f.handle = f.writer = None

    def close(self) -> ImportPlan:
        """Close every file; refuse repeated assignments (the loader would merge them)."""
        self.abort()
        for (rtype, _start, _end), keys in self._keys.items():
            ordered = sorted(keys)
            repeats = sum(1 for a, b in zip(ordered, ordered[1:], strict=False) if a == b)
            if repeats:
                raise InvalidInput(
                    f"{repeats} {rtype} assignment(s) repeat an earlier one (same start, end and since); "
                    "the offline import needs each once (the transactional loader would merge them)."
                )
        self._keys.clear()
        fixups = [(SET_EMPTY_DUTIES, {"rows": self.empty_duties})] if self.empty_duties else []
        return ImportPlan(self.directory, list(self.files.values()), dict(self.records), self.multiline, fixups)
