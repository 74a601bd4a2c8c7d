-- wrk: POST /v1/mediation/cases (intake: case, parties, audit event and idempotency record in one
-- commit), each request with an Idempotency-Key of its own. TOKEN, AREA_ID and NONCE come from
-- the environment; READ_SHARE (0..1, default 0) turns it into a mixed run whose reads are
-- GET /v1/areas/{READ_ID}.
local counter = 0
local threads = 0
local token = os.getenv("TOKEN")
local area = os.getenv("AREA_ID")
local read_id = os.getenv("READ_ID")
local nonce = os.getenv("NONCE") or tostring(os.time())
local read_share = tonumber(os.getenv("READ_SHARE") or "0")
local body = '{"areaId":"' .. area .. '","source":"grid_patrol","category":"neighbour","description":"基准测试",'
    .. '"riskLevel":"low","complexity":"simple","parties":[{"name":"测试甲","role":"applicant"},'
    .. '{"name":"测试乙","role":"respondent"}]}'

function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
end

function init(args)
    math.randomseed(os.time() + thread_number)
end

request = function()
    if read_share > 0 and math.random() < read_share then
        return wrk.format("GET", "/v1/areas/" .. read_id, { ["Authorization"] = "Bearer " .. token })
    end
    counter = counter + 1
    return wrk.format("POST", "/v1/mediation/cases", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = string.format("bench-%s-%d-%d", nonce, thread_number, counter),
    }, body)
end
