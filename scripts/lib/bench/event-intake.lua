-- wrk: POST /v1/grid-events (a grid patrol's report: event, first step, audit event and
-- idempotency record in one commit), each request with an Idempotency-Key of its own. TOKEN,
-- GRID_ID and NONCE come from the environment.
local counter = 0
local threads = 0
local token = os.getenv("TOKEN")
local grid = os.getenv("GRID_ID")
local nonce = os.getenv("NONCE") or tostring(os.time())
local body = '{"areaId":"' .. grid .. '","source":"grid_patrol","category":"environment_sanitation",'
    .. '"description":"基准测试：垃圾未清运","location":{"unit":"3 号楼北侧"}}'

function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
end

request = function()
    counter = counter + 1
    return wrk.format("POST", "/v1/grid-events", {
        ["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = string.format("bench-event-%s-%d-%d", nonce, thread_number, counter),
    }, body)
end
