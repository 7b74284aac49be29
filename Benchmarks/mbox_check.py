#!/usr/bin/env python3
"""Independent checks of `mailparse list` and `convert` on a large mbox (issue #5, must-show 2).

An mbox is split here without mailparse: entries start at `From ` at the start of the file or
after a line feed (the generator escapes every body line that would match), the message is the
entry after its `From ` line without the blank separator line, and mboxrd quoting is undone
(`>From ` lines lose one `>`), as CLI.md defines it.

    mbox_check.py list MBOX LIST.jsonl         every entry listed, offsets and lengths exact
    mbox_check.py maildir MBOX MAILDIR         every entry delivered once, byte for byte, where
                                               the convert journal says (offset -> name)
    mbox_check.py same MBOX OTHER.mbox         the same messages in the same order
"""
import json
import os
import re
import sys

QUOTED = re.compile(rb"^>(>*From )", re.M)


def entries(path):
    """(entry offset, entry length, message offset, message bytes) for each entry."""
    with open(path, "rb") as f:
        data = f.read()
    starts = [0] if data.startswith(b"From ") else []
    starts += [m.start() + 1 for m in re.finditer(rb"\nFrom ", data)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        body = data.index(b"\n", start) + 1
        raw = data[body:end]
        if raw.endswith(b"\n\n"):
            raw = raw[:-1]  # the separator line is framing
        yield start, end - start, body, QUOTED.sub(rb"\1", raw)


def check_list(mbox, listing):
    expected = list(entries(mbox))
    with open(listing, "rb") as f:
        items = [json.loads(line) for line in f if line.strip()]
    assert len(items) == len(expected), f"listed {len(items)}, split {len(expected)}"
    for n, (item, (offset, length, moffset, message)) in enumerate(zip(items, expected), 1):
        got = (item["index"], item["offset"], item["length"], item["messageOffset"], item["messageLength"])
        want = (n, offset, length, moffset, len(message))
        assert got == want, f"entry {n}: listed {got}, split {want}"
    print(f"list: {len(items)} entries, offsets and lengths match the independent split")


def check_maildir(mbox, maildir):
    names = {}
    with open(os.path.join(maildir, ".mailparse-convert"), "rb") as f:
        for line in f:
            if line.startswith(b"+"):
                offset, name = line[1:].rstrip(b"\n").split(b" ")[:2]  # +<offset> <name> <digest>
                names.setdefault(int(offset), []).append(name.decode())
    files = {}
    for sub in ("new", "cur"):
        for name in os.listdir(os.path.join(maildir, sub)):
            files[name.split(":", 1)[0]] = os.path.join(maildir, sub, name)
    count = total = 0
    used = set()
    for offset, _, _, message in entries(mbox):
        found = [n for n in names.get(offset, []) if n in files]
        assert len(found) == 1, f"entry at {offset}: {len(found)} files"
        with open(files[found[0]], "rb") as f:
            assert f.read() == message, f"entry at {offset}: {files[found[0]]} differs"
        used.add(found[0])
        count += 1
        total += len(message)
    assert len(files) == len(used), f"{len(files) - len(used)} files in the Maildir belong to no entry"
    tmp = os.listdir(os.path.join(maildir, "tmp"))
    assert not tmp, f"{len(tmp)} files left in tmp/"
    print(f"maildir: {count} messages, {total} bytes, each once and byte for byte; tmp/ empty")


def check_same(mbox, other):
    a = [e[3] for e in entries(mbox)]
    b = [e[3] for e in entries(other)]
    assert len(a) == len(b), f"{len(a)} messages, {len(b)} in {other}"
    differ = sum(1 for x, y in zip(a, b) if x != y)
    assert differ == 0, f"{differ} messages differ in order or content"
    print(f"same: {len(a)} messages, identical and in the same order")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"list": check_list, "maildir": check_maildir, "same": check_same}[command](*args)
