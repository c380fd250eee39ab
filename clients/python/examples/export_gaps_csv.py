"""Export a county's gap list to CSV with the typed client: every uncovered item of a metric under a
region, page after page (the server's cursor), one row each.

    python export_gaps_csv.py --base-url http://127.0.0.1:8000 --token "$ORGNET_TOKEN" \\
        --region 320321 --metric household_linkage --out fengxian-gaps.csv

The token is an orgnet API token (``orgnet accounts add``); a planner sees the names, a viewer only
the ids.  Only the generated package ``orgnet_client`` (clients/python/) is needed.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

from orgnet_client import AuthenticatedClient
from orgnet_client.api.gaps import read_gaps_v1_gaps_metric_get as read_gaps
from orgnet_client.models import Gaps, ProblemDetails
from orgnet_client.models.read_gaps_v1_gaps_metric_get_metric import ReadGapsV1GapsMetricGetMetric
from orgnet_client.types import UNSET

COLUMNS = ("id", "label", "name", "reason", "region_ids", "region_names")


def export(
    client: AuthenticatedClient, *, region: str, metric: str, out: Path, reason: str | None = None, page: int = 500
) -> int:
    """Write the gaps to ``out``; how many rows it wrote."""
    cursor = UNSET
    rows = 0
    with out.open(
        "w", newline="", encoding="utf-8-sig"
    ) as f:  # utf-8-sig: spreadsheet programs read the Chinese names right
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        while True:
            result = read_gaps.sync(
                ReadGapsV1GapsMetricGetMetric(metric),
                client=client,
                region=region,
                reason=reason or UNSET,
                limit=page,
                cursor=cursor,
            )
            if isinstance(result, ProblemDetails) or result is None:
                raise SystemExit(
                    f"orgnet refused: {result.title if result else 'no answer'} {result.detail if result else ''}"
                )
            assert isinstance(result, Gaps)
            for item in result.items:
                path = item.region_path
                writer.writerow(
                    (
                        item.id,
                        item.label,
                        item.name or "",
                        item.reason,
                        "/".join(p.id for p in path),
                        "/".join(p.name for p in path),
                    )
                )
                rows += 1
            if not result.next_cursor:
                return rows
            cursor = result.next_cursor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export a region's gap list to CSV")
    parser.add_argument("--base-url", default=os.environ.get("ORGNET_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("ORGNET_TOKEN"), help="API token (default: $ORGNET_TOKEN)")
    parser.add_argument("--region", required=True, help="A region id, e.g. 320321 (丰县)")
    parser.add_argument("--metric", default="household_linkage")
    parser.add_argument("--reason", help="Only gaps with this reason code")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("--token or $ORGNET_TOKEN is required")
    with AuthenticatedClient(base_url=args.base_url, token=args.token, raise_on_unexpected_status=True) as client:
        n = export(client, region=args.region, metric=args.metric, out=args.out, reason=args.reason)
    print(f"{n} gaps written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
