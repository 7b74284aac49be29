#!/usr/bin/env python3
"""Mutation fuzzing of the `mailparse` executable, as a new user would run it (issue 7, must-show 2).

    Fuzz/cli-mutation.py [-n INPUTS] [-s SEED] [--bin PATH] [CORPUS_DIR ...]

Takes messages from the corpus directories (default: Corpus/ and ../shared/corpus), mutates each with a
seeded mix of byte flips, MIME-token insertions, line duplication, truncation and splicing, and runs every
command on each input: `dump --json`, `headers --json`, `stats --json --decode`, `list --jsonl`, `text`,
`extract --part 2 --decoded`, `extract -d DIR`. A run fails when the process dies on a signal, exceeds the
timeout (10 s), exits with a status outside CLI.md's sysexits, prints JSON that does not parse, or writes
outside the extraction directory. Failing inputs are kept in the output directory with the command line.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

TOKENS = [b"\n", b"\r\n", b"--", b"--b\n", b"--b--\n", b"Content-Type: multipart/mixed; boundary=b\n",
          b"Content-Type: message/rfc822\n", b"Content-Transfer-Encoding: base64\n",
          b"Content-Transfer-Encoding: quoted-printable\n", b"=?utf-8?B?", b"=?iso-8859-1?Q?", b"?=", b"=\n",
          b"=C3=A9", b"From a@b Sat Jan  3 01:05:34 1996\n", b">From ", b"\n\n", b":", b";", b"\"", b"(", b")",
          b"<", b">", b"@", b",", b"filename*0*=utf-8''%2e%2e%2f", b"name=\"../../x\"", b"\x00", b"\xff\xfe",
          b" ", b"\t", b"begin 644 x\n", b"charset=utf-7", b"+AGEAcgBl-", b"format=flowed; delsp=yes"]
EXIT_OK = {0, 64, 65, 66, 73, 74}
# Other projects' expected outputs and code beside their messages: not mail.
SKIP = (".json", ".py", ".c", ".cs", ".rb", ".go", ".h", ".js", ".md", ".sh", ".yml", ".toml", ".swift")


def mutate(data: bytes, rng: random.Random, others: list) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(7)
        pos = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(pos, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            b[pos:pos] = rng.choice(TOKENS) * rng.choice([1, 1, 1, 2, 50, 1000])
        elif op == 2 and b:
            end = min(len(b), pos + rng.randint(1, 200))
            b[pos:pos] = b[pos:end] * rng.choice([2, 10, 300])
        elif op == 3:
            del b[pos:]
        elif op == 4 and others:
            other = rng.choice(others)
            start = rng.randrange(len(other) + 1)
            b[pos:pos] = other[start:start + rng.randint(1, 4000)]
        elif op == 5:
            del b[pos:pos + rng.randint(1, 64)]
        else:
            b = b.replace(b"\n", b"\r\n") if rng.random() < 0.5 else b.replace(b"\r\n", b"\n")
    return bytes(b[: 4 << 20])


def corpus_files(dirs):
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                path = os.path.join(root, f)
                if f.endswith(SKIP) or f in ("README.md", "SHA256SUMS") or os.path.getsize(path) > 1 << 20:
                    continue
                yield path


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("-s", type=int, default=1)
    ap.add_argument("--bin", default=None)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--out", default=None)
    ap.add_argument("dirs", nargs="*")
    args = ap.parse_args()
    binary = args.bin or next((p for p in [os.path.join(repo, ".build/static/release/mailparse"),
                                           os.path.join(repo, ".build/release/mailparse"),
                                           os.path.join(repo, ".build/debug/mailparse")] if os.access(p, os.X_OK)), None)
    if not binary:
        sys.exit("no mailparse executable (make release)")
    dirs = args.dirs or [os.path.join(repo, "Corpus"), os.path.join(repo, "..", "shared", "corpus")]
    seeds = [open(p, "rb").read() for p in corpus_files(dirs)]
    if not seeds:
        sys.exit("no corpus files")
    rng = random.Random(args.s)
    out = args.out or tempfile.mkdtemp(prefix="mailparse-cli-mutation.")
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="mailparse-cli-run.")
    failures = 0
    runs = 0
    commands = [["dump", "--json"], ["headers", "--json"], ["stats", "--json", "--decode"], ["list", "--jsonl"],
                ["text"], ["extract", "--part", "2", "--decoded"], ["extract", "-d"]]
    for i in range(args.n):
        data = mutate(rng.choice(seeds), rng, seeds)
        path = os.path.join(work, "input.eml")
        with open(path, "wb") as f:
            f.write(data)
        for command in commands:
            argv = [binary] + command
            extract_dir = None
            if command[-1] == "-d":
                extract_dir = os.path.join(work, "x")
                shutil.rmtree(extract_dir, ignore_errors=True)
                os.mkdir(extract_dir)
                argv.append(extract_dir)
            argv.append(path)
            runs += 1
            problem = None
            try:
                r = subprocess.run(argv, capture_output=True, timeout=args.timeout)
                if r.returncode < 0:
                    problem = f"signal {-r.returncode}"
                elif r.returncode not in EXIT_OK:
                    problem = f"exit {r.returncode}"
                elif "--json" in command and r.returncode == 0:
                    # One document, or one per line (`dump --json` of a mailbox, CLI.md).
                    try:
                        json.loads(r.stdout)
                    except ValueError as e:
                        try:
                            for line in r.stdout.splitlines():
                                json.loads(line)
                        except ValueError:
                            problem = f"invalid JSON: {e}"
                elif "--jsonl" in command and r.returncode == 0:
                    for line in r.stdout.splitlines():
                        try:
                            json.loads(line)
                        except ValueError as e:
                            problem = f"invalid JSON line: {e}"
                            break
                if extract_dir and problem is None:
                    for entry in os.listdir(work):
                        if entry not in ("input.eml", "x"):
                            problem = f"wrote outside the directory: {entry}"
            except subprocess.TimeoutExpired:
                problem = f"timeout {args.timeout}s"
            if problem:
                failures += 1
                kept = os.path.join(out, f"fail-{i}.eml")
                shutil.copy(path, kept)
                print(f"FAIL {problem}: {' '.join(command)} {kept}", flush=True)
        if (i + 1) % 250 == 0:
            print(f"{i + 1} inputs, {runs} runs, {failures} failures", file=sys.stderr, flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{args.n} inputs, {runs} runs, {failures} failures (binary {binary}, seed {args.s})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
