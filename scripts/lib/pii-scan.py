#!/usr/bin/env python3
"""Fails when a file holds anything shaped like a mainland mobile number or a resident ID number.

Usage: pii-scan.py LABEL FILE

Ids, request ids and bytea hex are runs of [0-9a-f]: a digit run inside one is not a number,
hence the bounds on [0-9A-Za-z]. Only the first four characters of a match are printed.
"""
import re
import sys

label, path = sys.argv[1], sys.argv[2]
bound = r"(?<![0-9A-Za-z]){}(?![0-9A-Za-z])"
patterns = [
    bound.format(r"1[3-9]\d{9}"),
    bound.format(r"[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"),
]
found = []
with open(path, encoding="utf-8", errors="replace") as lines:
    for number, line in enumerate(lines, 1):
        for pattern in patterns:
            for match in re.finditer(pattern, line):
                found.append(f"line {number}: {match.group(0)[:4]}…")
print(f"personal-data patterns in {label}: {len(found)}", file=sys.stderr)
for entry in found[:10]:
    print(f"  {entry}", file=sys.stderr)
sys.exit(1 if found else 0)
