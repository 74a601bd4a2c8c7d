#!/usr/bin/env python3
"""One of each resource in the contract database, so that schemathesis's list operations answer
items and its stateful phase can follow the contract's links from them (contract-links.py).

Everything is created through the API with the city admin token, in the first community of
the first street (the `street1` token's scope; `street2` must never see it).

It also writes schemathesis settings (PARAMETERS_FILE, TOML) that give each create the ids of
these fixtures in its body (`body.areaId` and the like): with random ids a create only ever
answers 404, so neither the fuzzing phases nor the workflows would reach past the lookup.
Usage: contract-fixtures.py BASE_URL ADMIN_TOKEN_FILE PARAMETERS_FILE
"""
import datetime
import json
import sys

import checkkit

BASE, TOKEN_FILE, PARAMETERS_FILE = sys.argv[1:4]
TOKEN = open(TOKEN_FILE).read().strip()
TODAY = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def day(offset=0):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def api(method, path, body=None):
    return checkkit.api(BASE, TOKEN, method, path, body)


def main():
    district = api("GET", "/v1/areas?kind=district&limit=1")["items"][0]
    street = api("GET", f"/v1/areas?kind=street&parentId={district['id']}&limit=1")["items"][0]
    community = api("GET", f"/v1/areas?kind=community&parentId={street['id']}&limit=1")["items"][0]
    grid = api("GET", f"/v1/areas?kind=grid&parentId={community['id']}&limit=1")["items"][0]

    people = [api("POST", "/v1/people", {"residenceAreaId": grid["id"], "name": name, "gender": gender,
                                         "birthYear": 1980, "idNumber": checkkit.id_number(100 + n, male=gender == "male")})
              for n, (name, gender) in enumerate([("王芳", "female"), ("李强", "male"), ("张丽", "female")])]
    api("POST", "/v1/buildings", {"gridId": grid["id"], "compound": "阳光小区", "name": "1 号楼"})
    api("POST", "/v1/grid-assignments", {"post": "grid_worker", "targetId": grid["id"], "personId": people[0]["id"],
                                         "startedOn": day()})
    committee = api("POST", "/v1/committees", {"areaId": community["id"], "kind": "residents_committee",
                                               "name": "居民委员会", "termStart": "2024-01-01"})
    api("POST", f"/v1/committees/{committee['id']}/members",
        {"personId": people[1]["id"], "position": "director", "startedOn": "2024-01-01"})
    department = api("POST", "/v1/departments", {"name": "民政局", "areaId": district["id"]})
    api("POST", "/v1/mediators", {"personId": people[2]["id"], "areaId": community["id"], "kind": "engaged",
                                  "employment": "part_time"})
    api("POST", "/v1/mediation/cases", {
        "areaId": community["id"], "source": "grid_patrol", "category": "neighbour", "riskLevel": "low",
        "description": "邻里噪音纠纷", "complexity": "simple",
        "parties": [{"name": "赵甲", "role": "applicant"}, {"name": "钱乙", "role": "respondent"}]})
    api("POST", "/v1/grid-events", {"areaId": grid["id"], "source": "grid_patrol", "category": "other",
                                    "description": "楼道堆物"})
    meeting = api("POST", "/v1/meetings", {"areaId": community["id"], "kind": "residents_meeting", "basis": "households",
                                 "eligible": 800, "present": 500, "noticeOn": day(-7), "heldOn": day(),
                                 "agenda": ["议题"]})
    api("POST", "/v1/consultation-topics", {"communityIds": [community["id"]], "title": "加装电梯",
                                            "description": "居民提出加装电梯", "category": "resident_concern",
                                            "proposer": "committee"})
    api("POST", "/v1/conventions", {"areaId": community["id"], "kind": "community_convention", "draft": {
        "name": "《居民公约》", "body": "爱护家园，邻里和睦。", "deliberatingBody": "residents_meeting",
        "effectiveOn": day(), "clauses": [{"number": 1, "text": "文明养犬，出门牵绳。", "sanction": "criticism_education"}]}})
    api("POST", "/v1/admission/applications", {
        "title": "入户调查", "description": "年度入户调查", "category": "statutory_duty", "legalBasis": "统计法",
        "targetAreaId": street["id"], "departmentId": department["id"], "startsOn": day(90), "endsOn": day(200), "workloadHoursPerMonth": 1})
    api("POST", "/v1/admission/refusals", {"communityId": community["id"], "departmentId": department["id"],
                                           "kind": "plaque", "description": "部门自行挂牌", "date": day()})
    api("POST", "/v1/elections", {"committeeId": committee["id"], "kind": "general", "method": "all_voters",
                                  "seats": {"director": 1, "member": 4}, "pollingDay": day(40)})
    ids = {"street": street["id"], "district": district["id"], "community": community["id"], "grid": grid["id"],
           "committee": committee["id"], "department": department["id"], "meeting": meeting["id"],
           "people": [p["id"] for p in people]}
    write_parameters(ids)
    print(f"contract fixtures: people, a building, a grid assignment, a committee and member, a department, "
          f"a mediator, a case, a grid event, a meeting, a topic, a convention, an application, a refusal and "
          f"an election in {community['name']}")


def write_parameters(ids):
    community, grid, department, person = ids["community"], ids["grid"], ids["department"], ids["people"][1]
    overrides = {
        "createArea": {"parentId": ids["street"]},
        "createPerson": {"residenceAreaId": grid},
        "createBuilding": {"gridId": grid},
        "createGridAssignment": {"personId": ids["people"][0], "targetId": grid},
        "createCommittee": {"areaId": community},
        "addCommitteeMember": {"personId": ids["people"][2]},
        "recordCommitteeEvaluation": {"meetingId": ids["meeting"], "presidedBy": person},
        "createElection": {"committeeId": ids["committee"]},
        "registerVoter": {"personId": person},
        "addCandidate": {"personId": person},
        "addElectionCommitteeMember": {"personId": person},
        "fileRollObjection": {"personId": person},
        "entrustProxy": {"voterPersonId": ids["people"][0], "proxyPersonId": person},
        "createDepartment": {"areaId": ids["district"]},
        "createMediator": {"personId": person, "areaId": community},
        "createMediationCase": {"areaId": community},
        "createGridEvent": {"areaId": grid},
        "createGridEventDispatch": {"departmentId": department},
        "createMeeting": {"areaId": community},
        "proposeConsultationTopic": {"communityIds": [community]},
        "draftConvention": {"areaId": community},
        "publishDisclosure": {"areaId": community},
        "createConsultationBody": {"areaId": community},
        "createAdmissionApplication": {"departmentId": department, "targetAreaId": ids["street"]},
        "createAdmissionRefusal": {"communityId": community, "departmentId": department},
        "rateDepartment": {"communityId": community, "departmentId": department},
        "createExceptionalAssignment": {"communityId": community, "departmentId": department},
        "publishAdmissionList": {"areaId": ids["district"]},
        "createToken": {"areaId": community},
    }
    with open(PARAMETERS_FILE, "w") as out:
        for operation, fields in overrides.items():
            out.write(f'\n[[operations]]\ninclude-operation-id = "{operation}"\n[operations.parameters]\n')
            for field, value in fields.items():
                out.write(f'"body.{field}" = {json.dumps(value)}\n')


main()
