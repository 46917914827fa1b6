#!/usr/bin/python3
"""Times FAISS IndexFlatIP the way `./crossmodal bench index` times the flat index.

Builds an IndexFlatIP of N random unit vectors, times Q single queries (median ms), then the same
Q queries as one batch (total ms / Q), and prints the same JSON keys as the Java command:

    /usr/bin/python3 tools/bench_faiss.py --vectors 1000000 --dim 512 --queries 32 --top-k 10 \
        --threads 2 --json

Needs Debian's FAISS: apt-get install -y python3-faiss libopenblas0-pthread
"""
import argparse
import json
import os
import statistics
import sys
import time

ADD_BATCH = 10_000


def rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def random_unit(rng, n, dim):
    import numpy as np

    v = rng.uniform(-1.0, 1.0, size=(n, dim)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", type=int, default=100_000)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--queries", type=int, default=32)
    parser.add_argument("--single-queries", type=int, default=None,
                        help="time only the first N queries one by one (default: all of --queries);"
                             " the batch still has all of them. For loaded machines, where 256"
                             " single queries over millions of vectors take too long")
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--warmup", type=int, default=3,
                        help="untimed rounds of single and batched queries first, as the Java bench")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    try:
        import faiss
        import numpy as np
    except ImportError as e:
        sys.exit(f"{e}: install Debian's FAISS with"
                 " apt-get install -y python3-faiss libopenblas0-pthread, and run /usr/bin/python3")

    faiss.omp_set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    index = faiss.IndexFlatIP(args.dim)
    rss_before = rss_bytes()
    print(f"Adding {args.vectors:,} random vectors of dimension {args.dim}...", file=sys.stderr)
    add_seconds = 0.0
    for first in range(0, args.vectors, ADD_BATCH):
        batch = random_unit(rng, min(ADD_BATCH, args.vectors - first), args.dim)
        start = time.perf_counter()
        index.add(batch)
        add_seconds += time.perf_counter() - start
    bytes_per_vector = (rss_bytes() - rss_before) / args.vectors

    warmup_queries = random_unit(rng, args.queries, args.dim)
    queries = random_unit(rng, args.queries, args.dim)
    print(f"Warming up ({args.warmup} rounds)...", file=sys.stderr)
    for _ in range(args.warmup):
        for q in range(args.queries if args.single_queries is None else args.single_queries):
            index.search(warmup_queries[q:q + 1], args.top_k)
        index.search(warmup_queries, args.top_k)
    print(f"Timing {args.queries} single queries and one batch of {args.queries}...",
          file=sys.stderr)
    single_ms = []
    singles = args.queries if args.single_queries is None else min(args.single_queries, args.queries)
    for q in range(singles):
        start = time.perf_counter()
        index.search(queries[q:q + 1], args.top_k)
        single_ms.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    index.search(queries, args.top_k)
    batch_ms = (time.perf_counter() - start) * 1000

    result = {
        "vectors": args.vectors,
        "dim": args.dim,
        "threads": args.threads,
        "single_query_ms": round(statistics.median(single_ms), 3),
        "batch_query_ms": round(batch_ms / args.queries, 3),
        "add_seconds": round(add_seconds, 3),
        "bytes_per_vector": round(bytes_per_vector),
        "kernel": "faiss-" + faiss.__version__ + "-IndexFlatIP",
        "queries": args.queries,
        "top_k": args.top_k,
        "raw_bytes_per_vector": args.dim * 4,
        "single_query_ms_min": round(min(single_ms), 3),
        "single_query_ms_max": round(max(single_ms), 3),
        "single_queries": singles,
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:<28} {value}")


if __name__ == "__main__":
    main()
