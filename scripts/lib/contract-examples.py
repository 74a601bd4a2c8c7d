#!/usr/bin/env python3
"""Examples in openapi.yaml: every JSON request body and every JSON success response has one,
and every example in the contract is valid against its own schema.

  contract-examples.py --check   fails on a missing or invalid example (scripts/test runs this)
  contract-examples.py --write   adds the missing ones, built from their schemas with the
                                 domain's values (ruamel.yaml round trip: pip install
                                 'ruamel.yaml==0.18.6' into .data/venv first)

Examples written by hand are kept as they are; the built ones use fictional people (the ID
number is a made-up one with a valid check character, phones are masked as the API shows them).
"""
import copy
import sys

import jsonschema

import contract_yaml

METHODS = ("get", "post", "put", "patch", "delete")
UUIDS = ["0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d4e", "0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d4f",
         "0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d50", "0192f0c1-7b1a-7cc3-9a39-3f0e5f1c2d51"]
# Values by property name, where a schema's type alone would give a meaningless example.
BY_NAME = {
    "name": "王芳", "personName": "王芳", "title": "3 号楼加装电梯", "description": "居民提出加装电梯的需求，已征求意见。",
    "summary": "双方就赔偿金额达成一致。", "reason": "当事人同意延长调解期限。", "note": "按期履行。", "text": "同意。",
    "statement": "本人户籍在本村，未列入选民名单。", "place": "社区调解室", "topic": "人民调解法与调解技巧",
    "legalBasis": "《中华人民共和国统计法》第七条", "authorityBasis": "依职责办理", "content": "经居民委员会研究，现予公开。",
    "label": "网格员手机端", "compound": "阳光小区", "code": "330203001001", "agenda": "加装电梯方案",
    "idNumber": "330203198001010028", "phone": "138****8000", "publicPhone": "0574-87654321",
    "ethnicity": "汉族", "token": "grs_EXAMPLEexampleEXAMPLEexampleEXAMPLEexample00", "path": "c1.d1.s1.m1",
    "detail": "请求参数校验未通过。", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "operationId": "createMediationCase", "resourceType": "mediation_case", "areaPath": "c1.d1.s1.m1",
    "requestId": "4b63768b04dae5f9e12d44b45bd1c944", "role": "staff", "nextCursor": "eyJrIjoiMDE5MmYwYzEifQ",
    "message": "须填写。", "departmentName": "区民政局", "court": "海曙区人民法院", "terms": "乙方于 12 月 31 日前赔偿甲方 2,000 元。",
    "facts": "乙方装修致甲方房屋渗水。", "performanceManner": "一次性支付", "reportedTo": "街道人民调解委员会",
    "resolution": "楼道堆物已清理。", "venue": "社区会议室", "materials": "现场照片 3 张", "unit": "%",
    "assessor": "市规划设计研究院", "fundingSource": "区财政专项资金",
    "expected": "≥ 7", "actual": "5", "item": "加装电梯方案", "zh": "网格覆盖率", "en": "Grid coverage rate",
    "nameZh": "网格覆盖率", "nameEn": "Grid coverage rate", "position": "member", "matter": "小区公共收益使用",
    "areaName": "海曙区第1街道1社区", "communityName": "海曙区第1街道1社区", "source": "grid_patrol",
    "category": "neighbour", "keywords": "加装电梯", "group": "海曙区第1街道", "canonical": "c1.d1.s1.m1",
    "threshold": "> 1/2", "reasons": "不认真履行职责", "outcome": "upheld", "fromLevel": "community", "toLevel": "street",
}


def resolve(spec, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def build(spec, schema, name=None, depth=0):
    schema = resolve(spec, schema)
    if "example" in schema:
        return copy.deepcopy(schema["example"])
    if "examples" in schema and schema["examples"]:
        return copy.deepcopy(schema["examples"][0])
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return next((value for value in schema["enum"] if value is not None), schema["enum"][0])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [o for o in schema[key] if resolve(spec, o).get("type") != "null"]
            return build(spec, (options or schema[key])[0], name, depth)
    if "allOf" in schema:
        merged = {}
        for part in schema["allOf"]:
            value = build(spec, part, name, depth)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        result = {}
        properties = schema.get("properties", {})
        required = schema.get("required", [])
        # Optional properties only where the example can say something true of the domain.
        wanted = [k for k in properties if k in required or (depth < 3 and meaningful(spec, properties[k], k))]
        for key in wanted:
            result[key] = build(spec, properties[key], key, depth + 1)
        if not properties and isinstance(schema.get("additionalProperties"), dict):
            result["key"] = build(spec, schema["additionalProperties"], None, depth + 1)
        return result
    if kind == "array":
        count = max(1, schema.get("minItems", 1))
        return [build(spec, schema.get("items", {}), singular(name), depth + 1) for _ in range(count)]
    if kind == "integer":
        return max(schema.get("minimum", 1), 1) if "maximum" not in schema or schema["maximum"] >= 1 else schema["maximum"]
    if kind == "number":
        return float(max(schema.get("minimum", 1), 1))
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return string(schema, name)


def meaningful(spec, schema, name):
    """Whether build() has a real value for this property, not the generic placeholder."""
    schema = resolve(spec, schema)
    if any(key in schema for key in ("example", "examples", "const", "enum", "oneOf", "anyOf", "allOf")):
        return True
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind != "string":
        return kind != "null"
    return schema.get("format") in ("uuid", "date", "date-time") or name in BY_NAME or bool(
        name and (name.endswith(("On", "Day", "At", "Id"))))


def singular(name):
    return name[:-1] if name and name.endswith("s") else name


UUID_INDEX = {}


def string(schema, name):
    fmt = schema.get("format")
    if fmt == "uuid":
        return UUIDS[UUID_INDEX.setdefault(name, len(UUID_INDEX)) % len(UUIDS)]
    if fmt == "date":
        return "2026-11-30"
    if fmt == "date-time":
        return "2026-11-30T08:00:00Z"
    if fmt == "uri":
        return "https://grassroots.example/problems/request.invalid"
    if name == "phone" and "pattern" in schema:
        return "13900001234"  # a request carries the number; answers show it masked
    if name in BY_NAME:
        return BY_NAME[name]
    if name and (name.endswith("On") or name.endswith("Day")):
        return "2026-11-30"
    if name and name.endswith("At"):
        return "2026-11-30T08:00:00Z"
    if name and name.endswith("Id"):
        return UUIDS[0]
    return "示例"


def valid(spec, schema, value):
    """Validation errors of value against schema, refs resolved in the contract's components."""
    # The components travel with the schema, so that its `#/components/...` refs resolve.
    schema_with_refs = {**schema, "components": spec["components"]}
    validator = jsonschema.Draft202012Validator(schema_with_refs, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:160]}" for e in validator.iter_errors(value)]


def media_types(spec):
    """(label, media type object) for every JSON request body and success response."""
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            body = operation.get("requestBody")
            if body and "$ref" not in body:
                for content_type, media in body.get("content", {}).items():
                    if "json" in content_type:
                        yield f"{operation['operationId']} request", media
            for status, response in operation["responses"].items():
                if status.startswith("2") and "$ref" not in response:
                    for content_type, media in (response.get("content") or {}).items():
                        if "json" in content_type and "schema" in media:
                            yield f"{operation['operationId']} {status}", media


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "--check"
    spec, writer = contract_yaml.load(write=mode == "--write")
    plain = contract_yaml.load()[0] if mode == "--write" else spec
    problems, written, checked = [], 0, 0
    for (label, media), (_, plain_media) in zip(media_types(spec), media_types(plain)):
        schema = resolve(plain, plain_media["schema"])
        has = "example" in plain_media or "examples" in plain_media or "example" in schema or "examples" in schema
        if not has:
            if mode != "--write":
                problems.append(f"{label}: no example")
                continue
            value = build(plain, plain_media["schema"])
            errors = valid(plain, plain_media["schema"], value)
            if errors:
                problems.append(f"{label}: the built example is invalid at {errors[0]}")
                continue
            media["example"] = value
            written += 1
            continue
        examples = []
        if "example" in plain_media:
            examples.append(plain_media["example"])
        examples += [e.get("value") for e in (plain_media.get("examples") or {}).values() if "value" in e]
        for value in examples:
            checked += 1
            for error in valid(plain, plain_media["schema"], value):
                problems.append(f"{label}: example invalid at {error}")
    if mode == "--write":
        for problem in problems:
            print("FAIL:", problem)
        if not problems:
            contract_yaml.save(spec, writer)
        print(f"wrote {written} examples" if not problems else f"{len(problems)} examples could not be built")
        sys.exit(1 if problems else 0)
    for problem in problems[:40]:
        print("FAIL:", problem)
    print(f"contract examples: {checked} checked against their schemas, {len(problems)} problems")
    sys.exit(1 if problems else 0)


main()
