#!/usr/bin/env python3
"""Opens /docs and the public pages in headless Chromium (Debian's `chromium`).

Usage: browser-check.py BASE_URL ADMIN_TOKEN_FILE OUTPUT_DIR DATABASE_URL

Seeds, through the API, a community of 12 grids with a grid leader and a grid worker each, a
few items on its disclosure board and a certified election of its residents' committee (its
days moved back in the database, as the election tests do, so that polling day is today); then,
for each page: Chromium renders it without console errors, its screenshot is not blank, and the
grid board printed to PDF fits one A4 page.
"""
import datetime
import os
import re
import subprocess
import sys
import uuid

import checkkit
from PIL import Image

BASE, TOKEN_FILE, OUT, DATABASE_URL = sys.argv[1:5]
TOKEN = open(TOKEN_FILE).read().strip()
os.makedirs(OUT, exist_ok=True)
TODAY = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date().isoformat()


def api(method, path, body=None):
    return checkkit.api(BASE, TOKEN, method, path, body)


def seed():
    street = api("GET", "/v1/areas?kind=street&limit=1")["items"][0]
    suffix = uuid.uuid4().hex[:6]
    community = api("POST", "/v1/areas", {"parentId": street["id"], "kind": "community",
                                           "name": "浏览器检查社区" + suffix})
    base = int(uuid.uuid4().int % 900) + 1
    for index in range(1, 13):
        grid = api("POST", "/v1/areas", {"parentId": community["id"], "kind": "grid", "name": "第%d网格" % index})
        for offset, post in enumerate(["grid_leader", "grid_worker"]):
            person = api("POST", "/v1/people", {
                "residenceAreaId": grid["id"], "name": ("王" if offset == 0 else "李") + "网格%d" % index,
                "gender": "female", "birthYear": 1980, "idNumber": checkkit.id_number(base * 30 + index * 2 + offset)})
            api("POST", "/v1/grid-assignments", {
                "post": post, "targetId": grid["id"], "personId": person["id"], "startedOn": TODAY,
                "publicPhone": "0574-8765%04d" % (index * 2 + offset)})
    for title, category in [("本月居务公开", "affairs"), ("临时救助发放情况", "relief_subsidy_funds")]:
        api("POST", "/v1/disclosures", {
            "areaId": community["id"], "category": category, "title": title, "periodFrom": TODAY,
            "periodTo": TODAY, "content": "经居民委员会研究，现予公开，如有疑问请向居务监督委员会反映。",
            "channels": ["wall_board", "online"]})
    return community["id"], grid["id"]


def days_ago(days):
    return (datetime.date.fromisoformat(TODAY) - datetime.timedelta(days=days)).isoformat()


def certified_election(community, grid):
    """A residents' committee election of the community, certified today (ElectionCycleTests)."""
    lead = 40
    committee = api("POST", "/v1/committees", {"areaId": community, "kind": "residents_committee",
                                               "name": "居民委员会", "termStart": "2021-11-01"})
    polling_day = (datetime.date.fromisoformat(TODAY) + datetime.timedelta(days=lead)).isoformat()
    election = api("POST", "/v1/elections", {"committeeId": committee["id"], "kind": "general", "method": "all_voters",
                                             "seats": {"director": 1, "member": 4}, "pollingDay": polling_day})["id"]
    # As if created 40 days ago, polling today: the roll and the candidates published on past days.
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", DATABASE_URL, "-c",
                    f"UPDATE election SET created_at = created_at - interval '{lead} days', "
                    f"polling_day = polling_day - {lead} WHERE id = '{election}'"], check=True)
    api("POST", f"/v1/elections/{election}/transitions", {"to": "registration"})
    api("POST", f"/v1/elections/{election}/transitions", {"to": "nomination", "rollPublishedOn": days_ago(25)})
    station = api("POST", f"/v1/elections/{election}/stations", {"name": "第一投票站", "registeredVoters": 100})
    base = int(uuid.uuid4().int % 900) + 1
    names = ["张明", "赵丽", "钱芳", "孙伟", "周敏", "吴静", "郑强"]
    candidates = []
    for index, name in enumerate(names):
        person = api("POST", "/v1/people", {"residenceAreaId": grid, "name": name, "gender": "female",
                                            "birthYear": 1970, "idNumber": checkkit.id_number(base * 10 + index, "19700303")})
        candidates.append(api("POST", f"/v1/elections/{election}/candidates",
                              {"personId": person["id"], "position": "director" if index < 2 else "member"})["id"])
    for step in [{"to": "candidates_published", "publishedOn": days_ago(10)}, {"to": "voting"}, {"to": "counting"}]:
        api("POST", f"/v1/elections/{election}/transitions", step)
    api("PUT", f"/v1/elections/{election}/stations/{station['id']}/tally", {
        "round": 1, "issued": 80, "cast": 80, "valid": 80, "invalid": 0,
        "votes": [{"candidateId": c, "votes": v} for c, v in zip(candidates, [60, 20, 70, 70, 70, 70, 10])]})
    api("POST", f"/v1/elections/{election}/transitions", {"to": "certified"})
    return election


def chromium(*arguments):
    command = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--enable-logging=stderr", "--v=0", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90)
    errors = [line for line in result.stderr.splitlines()
              if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line or "Failed to load" in line)]
    return result, errors


def check(name, url, pdf=False):
    shot = os.path.join(OUT, name + ".png")
    result, errors = chromium("--window-size=1280,1600", "--screenshot=" + shot, url)
    if errors:
        sys.exit("%s: console errors: %s" % (name, errors))
    if not os.path.exists(shot):
        sys.exit("%s: no screenshot (%s)" % (name, result.stderr[-500:]))
    image = Image.open(shot).convert("L")
    dark = sum(1 for value in image.getdata() if value < 200)
    share = dark / (image.width * image.height)
    if share < 0.005:
        sys.exit("%s: the screenshot is blank (%.4f of pixels drawn)" % (name, share))
    line = "%s: rendered, no console errors, %.1f%% of pixels drawn" % (name, share * 100)
    if pdf:
        document = os.path.join(OUT, name + ".pdf")
        chromium("--no-pdf-header-footer", "--print-to-pdf=" + document, url)
        data = open(document, "rb").read()
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
        if pages != 1:
            sys.exit("%s: printed on %d A4 pages (expected 1)" % (name, pages))
        line += "; printed to PDF on 1 A4 page"
    print(line)


def main():
    community, grid = seed()
    election = certified_election(community, grid)
    check("docs", BASE + "/docs?lang=zh")
    check("docs-en", BASE + "/docs?lang=en")
    check("grid-board", BASE + "/v1/public/communities/%s/grid-board" % community, pdf=True)
    check("disclosures", BASE + "/v1/public/communities/%s/disclosures" % community)
    check("election", BASE + "/v1/public/elections/%s" % election)


if __name__ == "__main__":
    main()
