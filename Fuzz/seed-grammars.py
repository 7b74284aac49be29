#!/usr/bin/env python3
"""Seeds for the grammar and codec fuzz targets, cut out of the message seeds (make-seeds.sh).

    seed-grammars.py OUT      reads OUT/message, writes OUT/{address,date,...,charset}

Each seed is named by its content hash; at most LIMIT per target. The charset list must match
CharsetTarget.charsets (the first byte of a charset seed selects the charset).
"""
import email, email.policy, hashlib, os, re, sys

out = sys.argv[1]
LIMIT = 1500
CHARSETS = ["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "iso-8859-15", "koi8-r",
            "windows-1251", "iso-8859-2", "iso-8859-7", "tis-620", "shift_jis", "euc-jp",
            "iso-2022-jp", "gb18030", "gbk", "big5", "euc-kr", "utf-7", "utf-16", "utf-16le",
            "hz-gb-2312", "UTF8", "Latin1", "x-no-such-charset"]
FIELDS = {
    "address": {"from", "to", "cc", "bcc", "reply-to", "sender", "resent-from", "resent-to", "return-path",
                "delivered-to", "mail-followup-to", "x-original-to", "errors-to"},
    "date": {"date", "resent-date", "delivery-date"},
    "messageid": {"message-id", "in-reply-to", "references", "content-id", "resent-message-id"},
    "received": {"received", "x-received"},
    "authresults": {"authentication-results", "arc-authentication-results"},
    "parameters": {"content-type", "content-disposition"},
}
counts = {}

def add(target, data):
    if not data or counts.get(target, 0) >= LIMIT:
        return
    path = os.path.join(out, target, hashlib.sha1(data).hexdigest()[:16])
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data[:16384])
        counts[target] = counts.get(target, 0) + 1

def fields(head):
    name, value = None, None
    for line in head.split(b"\n") + [b""]:
        if line[:1] in (b" ", b"\t") and name is not None:
            value += b"\n" + line
            continue
        if name is not None:
            yield name, value
        name, value = (line.split(b":", 1)[0].strip().lower().decode("latin-1"), line.split(b":", 1)[1]) if b":" in line else (None, None)

for entry in sorted(os.listdir(os.path.join(out, "message"))):
    data = open(os.path.join(out, "message", entry), "rb").read()
    head = re.split(b"\r?\n\r?\n", data, maxsplit=1)[0]
    for name, value in fields(head):
        for target, names in FIELDS.items():
            if name in names:
                add(target, value)
        if name == "received" and b";" in value:
            add("date", value.rsplit(b";", 1)[1])
        if b"=?" in value or name in ("subject", "comments"):
            add("encodedword", value)
    try:
        msg = email.message_from_bytes(data, policy=email.policy.compat32)
        parts = list(msg.walk())
    except Exception:
        continue
    for part in parts:
        if part.is_multipart():
            continue
        cte = (part.get("content-transfer-encoding") or "").strip().lower()
        try:
            raw = part.get_payload(decode=False)
            raw = raw.encode("latin-1", "replace") if isinstance(raw, str) else b""
            body = part.get_payload(decode=True) or b""
        except Exception:
            continue
        if cte == "base64":
            add("base64", raw)
        elif cte == "quoted-printable":
            add("qp", raw)
        if cte in ("x-uuencode", "uuencode", "x-uue") or re.search(rb"^begin [0-7]{3} ", raw, re.M):
            add("uudecode", raw)
        add("encoders", bytes([len(body) % 256]) + body[:4096])
        if part.get_content_maintype() == "text":
            params = {k.lower(): (v or "").lower() for k, v in part.get_params() or [] if isinstance(v, str)}
            if params.get("format") == "flowed" or counts.get("flowed", 0) < 300:
                add("flowed", bytes([1 if params.get("delsp") == "yes" else 0]) + body)
            charset = params.get("charset", "utf-8")
            index = next((i for i, c in enumerate(CHARSETS) if c.lower() == charset), None)
            if index is not None:
                add("charset", bytes([index]) + body[:4096])
# Every charset gets a few seeds, even those the corpora lack.
for i, name in enumerate(CHARSETS):
    for text in ("Gr\u00fc\u00dfe, \u00e9t\u00e9 \u2014 \u00a3 5", "\u3053\u3093\u306b\u3061\u306f \u4e16\u754c", "\u041f\u0440\u0438\u0432\u0435\u0442"):
        try:
            add("charset", bytes([i]) + text.encode(name))
        except (LookupError, UnicodeEncodeError):
            pass
