#!/usr/bin/env python3
"""Python peer for compare.sh: parse every message of an mbox with the standard library.

    python_parse.py MBOX

Splits the mbox with `mailbox.mbox`, parses each message with
`email.message_from_bytes(policy=email.policy.default)` (the modern API, which
parses headers into structured objects lazily) and walks the part tree.
Prints the same counters as gmime_parse: messages= parts= leaves=
"""
import email
import email.policy
import mailbox
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 64
    box = mailbox.mbox(sys.argv[1], create=False)
    messages = parts = leaves = 0
    for key in box.iterkeys():
        message = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
        messages += 1
        for part in message.walk():
            parts += 1
            if not part.is_multipart():
                leaves += 1
    print(f"messages={messages} parts={parts} leaves={leaves}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
