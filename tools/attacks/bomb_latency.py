"""Text-query latency while clients send cheap decompression bombs (issue 13, item 3).

Loopback only, bounded: CLIENTS threads each send BOMBS image queries whose headers declare
9000x9000 pixels (a few hundred bytes each, PNG and JPEG alternately) while the main thread sends
text queries one after another; then prints the latencies and the bombs' HTTP statuses as JSON.
Exits 1 if a text query took longer than --max-seconds (the issue's bar: 1.5 s).

    ./crossmodal serve --workspace ws --port 45678 &
    python3 tools/attacks/bomb_latency.py --url http://127.0.0.1:45678 --clients 4 --bombs 8
"""
import argparse
import base64
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bombs  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def post(url, body, timeout=60):
    request = urllib.request.Request(
        url + "/search", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as e:
        e.read()
        status = e.code
    except (urllib.error.URLError, OSError) as e:
        status = "error: " + str(e)
    return status, time.perf_counter() - start


def summary(latencies):
    if not latencies:
        return {}
    return {"n": len(latencies), "best_s": round(min(latencies), 4),
            "median_s": round(statistics.median(latencies), 4), "max_s": round(max(latencies), 4)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:45678")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--bombs", type=int, default=8, help="bombs per client")
    parser.add_argument("--text", default="a dog running on the grass")
    parser.add_argument("--baseline", type=int, default=10, help="text queries before the bombs")
    parser.add_argument("--max-seconds", type=float, default=1.5)
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.url).hostname
    if host not in LOOPBACK:
        sys.exit(f"refusing {args.url}: these attacks run against a loopback server only")
    if not (1 <= args.clients <= 64 and 1 <= args.bombs <= 64):
        sys.exit("--clients and --bombs must be 1..64")
    text = {"top_k": 3, "data": [args.text]}
    uris = [
        "data:image/png;base64," + base64.b64encode(bombs.png_declaring(9000, 9000)).decode(),
        "data:image/jpeg;base64," + base64.b64encode(bombs.jpeg_declaring(9000, 9000)).decode(),
    ]

    post(args.url, text)  # warm-up
    baseline = [post(args.url, text)[1] for _ in range(args.baseline)]

    statuses = {}
    bomb_latencies = []
    lock = threading.Lock()

    def client(n):
        for i in range(args.bombs):
            status, seconds = post(args.url, {"data": [uris[(n + i) % 2]]})
            with lock:
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                bomb_latencies.append(seconds)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for t in threads:
        t.start()
    under_bombs = []
    text_statuses = {}
    while any(t.is_alive() for t in threads) or not under_bombs:
        status, seconds = post(args.url, text)
        text_statuses[str(status)] = text_statuses.get(str(status), 0) + 1
        under_bombs.append(seconds)
    for t in threads:
        t.join()

    result = {
        "clients": args.clients, "bombs_per_client": args.bombs,
        "text_baseline": summary(baseline), "text_under_bombs": summary(under_bombs),
        "text_statuses": text_statuses, "bomb_statuses": statuses, "bomb_latency": summary(bomb_latencies),
    }
    print(json.dumps(result, indent=2))
    ok = max(under_bombs) <= args.max_seconds and set(text_statuses) == {"200"}
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
