"""Words per second per core of `geokg extract`, against the full spaCy pipeline over every sentence.

    .venv/bin/python bench/extract.py [CORPUS.jsonl] [--repeat N] [--stages]

CORPUS defaults to ../shared/eval/dev.jsonl (articles with "text" and "published_at"). Both figures run
on one core (BLAS and OpenMP threads pinned to 1) after a warm-up, timed in process CPU time so that
other load on the machine does not count; model loading is not counted either. --stages adds the CPU
time of each pipeline stage (one more pass, stage by stage).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.articles import ArticleIn  # noqa: E402
from ingest.pipeline import DEFAULT_STAGES, STAGES, Extractor  # noqa: E402
from ingest.stages.segment import split_sentences  # noqa: E402
from ingest.stages.types import Context  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"


def load(path: Path) -> list[ArticleIn]:
    """The corpus's articles (gold fields ignored)."""
    with path.open(encoding="utf-8") as f:
        return [ArticleIn.model_validate(json.loads(line)) for line in f if line.strip()]


def rate(words: int, seconds: float) -> float:
    return words / seconds if seconds else float("inf")


def stage_seconds(extractor: Extractor, articles: list[ArticleIn], batch_size: int = 32) -> dict[str, float]:
    """CPU seconds spent in each default stage over the articles, in batches as extract_many runs them."""
    spent = dict.fromkeys(DEFAULT_STAGES, 0.0)
    for first in range(0, len(articles), batch_size):
        batch = [Context(article=a) for a in articles[first:first + batch_size]]
        for name in DEFAULT_STAGES:
            start = time.process_time()
            STAGES[name](batch, extractor.resources)
            spent[name] += time.process_time() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus per measurement")
    parser.add_argument("--stages", action="store_true", help="also print the CPU time of each stage")
    args = parser.parse_args()
    articles = load(args.corpus) * args.repeat
    words = sum(len(a.text.split()) for a in articles)
    extractor = Extractor()
    list(extractor.extract_many(articles[:5]))  # warm-up: lazy tables, first batches

    start = time.process_time()
    events = sum(len(found) for found in extractor.extract_many(articles, batch_size=32))
    pipeline_s = time.process_time() - start

    nlp = extractor.resources.nlp
    sentences = [s.text for a in articles for s in split_sentences(a.text)]
    start = time.process_time()
    for _ in nlp.pipe(sentences, batch_size=256):
        pass
    full_s = time.process_time() - start

    ours, full = rate(words, pipeline_s), rate(words, full_s)
    print(f"corpus: {args.corpus} x{args.repeat}: {len(articles)} articles, {words} words, {events} events")
    print(f"geokg extract pipeline:        {ours:10.0f} words/s per core ({pipeline_s:.2f} s)")
    print(f"full spaCy on every sentence:  {full:10.0f} words/s per core ({full_s:.2f} s)")
    print(f"ratio: {ours / full:.2f}x")
    if args.stages:
        spent = stage_seconds(extractor, articles)
        total = sum(spent.values())
        print("stages: " + ", ".join(f"{name} {s:.2f} s ({s / total:.0%})" for name, s in spent.items()))


if __name__ == "__main__":
    main()
