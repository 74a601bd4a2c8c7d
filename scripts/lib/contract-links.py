#!/usr/bin/env python3
"""The OpenAPI links of openapi.yaml: from every create (and every list) to what the created
resource's id opens — its read, update, transitions and child collections — and from parents'
creates to their children's creates.

  contract-links.py --write   rewrites openapi.yaml's links (round trip with ruamel.yaml: pip install
                              'ruamel.yaml==0.18.6' into .data/venv first)
  contract-links.py --check   fails when a link is missing or stale (scripts/test runs this)

A link is derived for each operation whose last path parameter names a resource another
operation produces: the collection's POST (201, `$response.body#/id`), its GET list (200,
`$response.body#/items/0/id`), or a producer named in PRODUCERS. The operation's other path
parameters come from the source's own path (`$request.path.…`), so a link is made only when
the source has them. BODY_LINKS adds links that carry an id into a child create's body.
"""
import re
import sys

import contract_yaml

METHODS = ("get", "post", "put", "patch", "delete")

# Producers of a path parameter besides the collection it indexes: (operationId, status, pointer).
PRODUCERS = {
    "areaId": [("createArea", "201", "/id"), ("listAreas", "200", "/items/0/id")],
    "departmentId": [("createDepartment", "201", "/id"), ("listDepartments", "200", "/items/0/id")],
    "electionId": [("createElection", "201", "/id")],
    "partyId": [("createMediationCase", "201", "/parties/0/id"), ("getMediationCase", "200", "/parties/0/id")],
    "dispatchId": [("createGridEventDispatch", "201", "/dispatches/0/id"), ("getGridEvent", "200", "/dispatches/0/id")],
    "memberId": [("getElectionCommittee", "200", "/items/0/id")],
    "escalationId": [("escalateMediationCase", "201", "/id")],
    "itemId": [("listAdmittedItems", "200", "/items/0/id")],
    "assignmentId": [("createGridAssignment", "201", "/id"), ("listGridAssignments", "200", "/items/0/id"),
                     ("handOverGridAssignment", "201", "/id")],
    "refusalId": [("createAdmissionRefusal", "201", "/id"), ("listAdmissionRefusals", "200", "/items/0/id")],
    "objectionId": [("fileRollObjection", "201", "/id"), ("listRollObjections", "200", "/items/0/id")],
    "stationId": [("createPollingStation", "201", "/id"), ("listPollingStations", "200", "/items/0/id")],
}

# Creates whose 201 body is another resource than the collection's item: no item links from them.
NOT_ITEM_RESPONSES = {"addMeetingDecision", "addMediatorTraining", "addMediationFollowUp", "createGridEventDispatch",
                      "holdConsultationSession", "recordConventionEntry", "recallCommitteeMember",
                      "addElectionCommitteeMember", "createOpen311Request", "referGridEventToMediation"}

# Workflows into creates: an id from the source answer, with the rest of a valid body, so that
# a generic client (and schemathesis's stateful phase) can create the child of what it just
# read or created. (source, status, link name, target, body). Dates are constants in the past,
# or far ahead where the act must lie ahead (a polling day), so the bodies stay valid.
PERSON = {"name": "链接居民", "gender": "female", "birthYear": 1980, "idNumber": "330203198001010028"}
CASE = {"source": "grid_patrol", "category": "neighbour", "riskLevel": "low", "description": "邻里纠纷",
        "complexity": "simple", "parties": [{"name": "赵甲", "role": "applicant"}, {"name": "钱乙", "role": "respondent"}]}
MEETING = {"kind": "residents_meeting", "basis": "households", "eligible": 800, "present": 500,
           "noticeOn": "2026-01-01", "heldOn": "2026-01-12", "agenda": ["议题"]}
TOPIC = {"title": "加装电梯", "description": "居民提出加装电梯", "category": "resident_concern", "proposer": "committee"}
CONVENTION = {"kind": "community_convention", "draft": {
    "name": "《居民公约》", "body": "爱护家园，邻里和睦。", "deliberatingBody": "residents_meeting", "effectiveOn": "2026-01-01",
    "clauses": [{"number": 1, "text": "文明养犬，出门牵绳。", "sanction": "criticism_education"}]}}
ELECTION = {"kind": "general", "method": "all_voters", "seats": {"director": 1, "member": 4}, "pollingDay": "2099-06-30"}
EVENT = {"source": "grid_patrol", "category": "other", "description": "楼道堆物"}
BODY_LINKS = [
    # The area tree, a level at a time: valid when the source area is of the level above.
    ("listAreas", "200", "CreateDistrictUnderFirst", "createArea",
     {"parentId": "$response.body#/items/0/id", "kind": "district", "name": "链接区"}),
    ("listAreas", "200", "CreateStreetUnderFirst", "createArea",
     {"parentId": "$response.body#/items/0/id", "kind": "street", "name": "链接街道"}),
    ("listAreas", "200", "CreateCommunityUnderFirst", "createArea",
     {"parentId": "$response.body#/items/0/id", "kind": "community", "name": "链接社区"}),
    ("listAreas", "200", "CreateGridUnderFirst", "createArea",
     {"parentId": "$response.body#/items/0/id", "kind": "grid", "name": "链接网格"}),
    ("listAreas", "200", "CreateDepartmentOnFirst", "createDepartment", {"areaId": "$response.body#/items/0/id"}),
    ("createArea", "201", "CreateStreetUnder", "createArea",
     {"parentId": "$response.body#/id", "kind": "street", "name": "链接街道"}),
    ("createArea", "201", "CreateCommunityUnder", "createArea",
     {"parentId": "$response.body#/id", "kind": "community", "name": "链接社区"}),
    ("createArea", "201", "CreateGridUnder", "createArea",
     {"parentId": "$response.body#/id", "kind": "grid", "name": "链接网格"}),
    ("createArea", "201", "CreatePerson", "createPerson", {"residenceAreaId": "$response.body#/id", **PERSON}),
    ("createArea", "201", "CreateBuilding", "createBuilding", {"gridId": "$response.body#/id", "name": "1 号楼"}),
    ("createArea", "201", "CreateCommittee", "createCommittee",
     {"areaId": "$response.body#/id", "kind": "residents_committee", "name": "居民委员会", "termStart": "2024-01-01"}),
    ("createArea", "201", "CreateDepartment", "createDepartment", {"areaId": "$response.body#/id"}),
    ("createArea", "201", "CreateMeeting", "createMeeting", {"areaId": "$response.body#/id", **MEETING}),
    ("createArea", "201", "CreateMediationCase", "createMediationCase", {"areaId": "$response.body#/id", **CASE}),
    ("createArea", "201", "CreateGridEvent", "createGridEvent", {"areaId": "$response.body#/id", **EVENT}),
    ("createArea", "201", "DraftConvention", "draftConvention", {"areaId": "$response.body#/id", **CONVENTION}),
    ("createArea", "201", "ProposeConsultationTopic", "proposeConsultationTopic",
     {"communityIds": ["$response.body#/id"], **TOPIC}),
    # From a committee: its area's meetings, cases, topics, conventions, and its elections.
    ("createCommittee", "201", "CreateElection", "createElection", {"committeeId": "$response.body#/id", **ELECTION}),
    ("listCommittees", "200", "CreateElection", "createElection",
     {"committeeId": "$response.body#/items/0/id", **ELECTION}),
    ("listCommittees", "200", "CreateMeeting", "createMeeting", {"areaId": "$response.body#/items/0/areaId", **MEETING}),
    ("listCommittees", "200", "CreateMediationCase", "createMediationCase",
     {"areaId": "$response.body#/items/0/areaId", **CASE}),
    ("listCommittees", "200", "ProposeConsultationTopic", "proposeConsultationTopic",
     {"communityIds": ["$response.body#/items/0/areaId"], **TOPIC}),
    ("listCommittees", "200", "DraftConvention", "draftConvention",
     {"areaId": "$response.body#/items/0/areaId", **CONVENTION}),
    ("listCommittees", "200", "CreateCommitteeBeside", "createCommittee",
     {"areaId": "$response.body#/items/0/areaId", "kind": "residents_committee", "name": "居民委员会",
      "termStart": "2024-01-01"}),
    # From a grid's building: the grid's people, buildings and events.
    ("listBuildings", "200", "CreateBuilding", "createBuilding", {"gridId": "$response.body#/items/0/gridId"}),
    ("listBuildings", "200", "CreateGridEvent", "createGridEvent", {"areaId": "$response.body#/items/0/gridId", **EVENT}),
    ("listBuildings", "200", "CreatePerson", "createPerson", {"residenceAreaId": "$response.body#/items/0/gridId", **PERSON}),
    # From a person: a grid post where they live, a mediator's post.
    ("createPerson", "201", "CreateGridAssignment", "createGridAssignment",
     {"personId": "$response.body#/id", "targetId": "$response.body#/residenceAreaId", "post": "grid_worker",
      "startedOn": "2026-01-05"}),
    ("listPeople", "200", "CreateGridAssignment", "createGridAssignment",
     {"personId": "$response.body#/items/0/id", "targetId": "$response.body#/items/0/residenceAreaId",
      "post": "grid_worker", "startedOn": "2026-01-05"}),
    # From a department: applications, refusals and ratings concerning it.
    ("listDepartments", "200", "CreateAdmissionApplication", "createAdmissionApplication",
     {"departmentId": "$response.body#/items/0/id", "targetAreaId": "$response.body#/items/0/areaId",
      "title": "入户调查", "description": "年度入户调查", "category": "statutory_duty", "legalBasis": "统计法",
      "startsOn": "2099-01-01", "endsOn": "2099-06-30", "workloadHoursPerMonth": 1}),
    ("listAdmissionRefusals", "200", "CreateAdmissionRefusal", "createAdmissionRefusal",
     {"communityId": "$response.body#/items/0/communityId", "departmentId": "$response.body#/items/0/departmentId",
      "kind": "plaque", "description": "部门自行挂牌", "date": "2026-01-05"}),
]


def link_name(operation_id):
    return operation_id[0].upper() + operation_id[1:]


def path_parameters(path):
    return re.findall(r"\{(\w+)\}", path)


def required_fields(spec, operation):
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema.get("required", [])


# A path parameter that is not an item's `id` but another of its fields.
ITEM_FIELDS = {"year": "year"}


def derive(spec):
    """{(source operationId, status): {link name: link}} for the whole contract."""
    operations = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                operations[operation["operationId"]] = (path, method, operation)

    def producers(path, parameter):
        prefix = path[: path.index("{" + parameter + "}") - 1]
        found = []
        collection = spec["paths"].get(prefix, {})
        field = ITEM_FIELDS.get(parameter, "id")
        create = collection.get("post")
        if create and "201" in create["responses"] and create["operationId"] not in NOT_ITEM_RESPONSES:
            found.append((create["operationId"], "201", "/" + field))
        listing = collection.get("get")
        if listing and "200" in listing["responses"]:
            found.append((listing["operationId"], "200", "/items/0/" + field))
        for producer in PRODUCERS.get(parameter, []):
            if producer not in found and producer[0] in operations:
                found.append(producer)
        return found

    links = {}
    for target, (path, _, _) in operations.items():
        parameters = path_parameters(path)
        if not parameters:
            continue
        last = parameters[-1]
        for source, status, pointer in producers(path, last):
            source_path = operations[source][0]
            if source == target or set(parameters[:-1]) - set(path_parameters(source_path)):
                continue
            values = {name: f"$request.path.{name}" for name in parameters[:-1]}
            values[last] = f"$response.body#{pointer}"
            links.setdefault((source, status), {})[link_name(target)] = {
                "operationId": target, "parameters": values}
    for source, status, name, target, body in BODY_LINKS:
        link = {"operationId": target, "requestBody": body}
        if set(required_fields(spec, operations[target][2])) <= set(body):
            # A whole body: sent as it is, not field by field into a generated one.
            link["x-schemathesis"] = {"merge_body": False}
        links.setdefault((source, status), {})[name] = link
    return operations, links


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "--check"
    spec, writer = contract_yaml.load(write=mode == "--write")
    operations, links = derive(spec)
    problems = []
    for (source, status), wanted in sorted(links.items()):
        response = operations[source][2]["responses"][status]
        if mode == "--write":
            response["links"] = {name: wanted[name] for name in sorted(wanted)}
            continue
        present = response.get("links") or {}
        for name, link in wanted.items():
            if present.get(name) != link:
                problems.append(f"{source} {status} lacks the link {name} → {link['operationId']}")
        for name in set(present) - set(wanted):
            problems.append(f"{source} {status} has the link {name}, which contract-links.py does not derive")
    creates = [o for o, (_, method, operation) in operations.items()
               if method == "post" and "201" in operation["responses"] and o not in NOT_ITEM_RESPONSES]
    without = [o for o in creates if not operations[o][2]["responses"]["201"].get("links") and mode != "--write"]
    total = sum(len(v) for v in links.values())
    if mode == "--write":
        contract_yaml.save(spec, writer)
        print(f"wrote {total} links from {len(links)} responses")
        return
    for problem in problems[:30]:
        print("FAIL:", problem)
    print(f"contract links: {total} derived from {len(links)} responses; {len(creates)} creates, "
          f"{len(without)} without links ({', '.join(without)})")
    sys.exit(1 if problems else 0)


main()
