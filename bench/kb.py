"""Actor knowledge base benchmark: load time and resolution time per mention.

    .venv/bin/python bench/kb.py [--repeat 200]

Loads the packaged base (plus any learned roles under the data dir) and resolves a mix of mentions
(metonyms, role phrases by date, surnames, unknown names, variant spellings), timed in process CPU
time so that other load on the machine does not count.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine
from ingest.kb import default_kb

MENTIONS = ("the Kremlin", "Baku's top diplomat", "Lavrov", "John Qwertyson", "the Pentagon chief",
            "Kazakhstan's foreign minister", "President Zelenskiy", "Beijing", "EU foreign policy chief",
            "Russian Foreign Minister Sergei Lavrov")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=200, help="Passes over the mentions.")
    args = parser.parse_args()
    started = time.process_time()
    kb = default_kb()
    load_s = time.process_time() - started
    started = time.process_time()
    for _ in range(args.repeat):
        for mention in MENTIONS:
            kb.resolve(mention, date="2024-06-01")
    per_mention_ms = (time.process_time() - started) * 1000 / (args.repeat * len(MENTIONS))
    print(f"geokg knowledge base benchmark, {machine()}")
    print(f"  load {load_s:.2f} s CPU; resolve {per_mention_ms:.3f} ms CPU per mention "
          f"({args.repeat * len(MENTIONS):,} mentions)")


if __name__ == "__main__":
    main()
