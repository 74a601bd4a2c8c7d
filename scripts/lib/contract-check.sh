#!/usr/bin/env bash
# Runs schemathesis against a live server: every operation, positive and negative data, all
# checks; no 5xx, responses conform to the schema. Tokens come from .data/contract-auth.json
# (written by `grassroots seed --contract-auth`), never from the command line.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
URL="$1"
REPORT="$DATA/st-report"
rm -rf "$REPORT"
# write_config FILE MODE MAX_EXAMPLES: the settings shared by every pass.
write_config() {
    {
        echo '[generation]'
        echo "mode = \"$2\""
        echo "max-examples = $3"
        echo
        # The stateful phase follows the contract's explicit links (contract-links.py) through
        # long scenarios; inferred links are off: thousands of guesses, almost none usable.
        echo '[phases.stateful]'
        echo "max-steps = ${SCHEMATHESIS_STATEFUL_STEPS:-60}"
        echo 'inference.algorithms = []'
        echo
        # No cache of earlier runs' answers (.schemathesis/): every pass starts from the same
        # knowledge, so a run here is the run CI sees.
        echo '[cache]'
        echo 'enabled = false'
        echo
        echo '[checks.positive_data_acceptance]'
        echo 'expected-statuses = ["2xx", "401", "403", "404", "409", "412", "422", "428"]'
        echo
        echo '[checks.negative_data_rejection]'
        echo 'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "412", "413", "415", "422", "428"]'
        echo
        echo '[reports]'
        echo "directory = \"$REPORT\""
        if [ -f "$DATA/contract-auth.json" ]; then
            echo
            echo '[auth.wfc]'
            echo "path = \"$DATA/contract-auth.json\""
        fi
        # The fixtures' ids in the creates' bodies (contract-fixtures.py).
        if [ -f "$DATA/contract-parameters.toml" ]; then cat "$DATA/contract-parameters.toml"; fi
    } >"$1"
}
write_config "$DATA/schemathesis.toml" all "${SCHEMATHESIS_EXAMPLES:-30}"
# The workflows get valid data only (invalid bodies are the other phases' work, and a refused
# create leaves its links nothing to follow) and a pass of their own: after the other phases
# have marked the operations that answered only 404 to random ids, the stateful phase would
# skip their links.
write_config "$DATA/schemathesis-stateful.toml" positive "${SCHEMATHESIS_STATEFUL_EXAMPLES:-1000}"
# One worker: with two, CPython 3.11 here intermittently failed inside schemathesis itself
# ("AST constructor recursion depth mismatch", compile() from two threads), not in the API.
# ensure_resource_availability is replaced by the hook created_resource_available
# (scripts/lib/schemathesis_hooks), which tells a vanished resource from a body's reference.
run() {
    local config="$1"
    shift
    PYTHONPATH="$ROOT/scripts/lib" SCHEMATHESIS_HOOKS=schemathesis_hooks "$DATA/venv/bin/schemathesis" \
        --config-file "$config" run "$ROOT/openapi.yaml" --url "$URL" --checks all \
        --exclude-checks ensure_resource_availability --workers 1 --max-failures 20 --report junit "$@"
}
run "$DATA/schemathesis.toml" --exclude-operation-id revokeToken --phases examples,coverage,fuzzing --seed 20261123
# The stateful phase must follow at least 80 % of the contract's links. A pass is a random
# walk and ends when Hypothesis stops finding new scenarios, so passes with further seeds add
# theirs (at most twelve) until the links followed in all of them reach 80 %.
COVERED="$DATA/links-covered.txt"
rm -f "$COVERED"
for pass in $(seq 1 12); do
    GRASSROOTS_LINKS_COVERED="$COVERED" run "$DATA/schemathesis-stateful.toml" --exclude-operation-id revokeToken \
        --phases stateful --seed "$((20261123 + pass))" | tee "$DATA/schemathesis-stateful.log"
    selected=$(sed -nE 's/.*API Links: +[0-9]+ covered \/ ([0-9]+) selected.*/\1/p' "$DATA/schemathesis-stateful.log" | tail -1)
    covered=$(grep -c . "$COVERED" || true)
    log "stateful pass $pass: $covered of ${selected:-?} links covered so far"
    [ -n "$selected" ] && [ $((covered * 100)) -ge $((selected * 80)) ] && break
done
[ -n "$selected" ] && [ "$selected" -gt 0 ] && [ $((covered * 100)) -ge $((selected * 80)) ] \
    || { log "stateful phase: $covered of ${selected:-?} links covered, below 80 %"; exit 1; }
log "stateful phase: $covered of $selected links covered ($((covered * 100 / selected)) %) in $pass passes"
# Revoking tokens would cut the run's own credentials, so revocation gets a pass of its own,
# last, beside the operation that creates the tokens it revokes.
run "$DATA/schemathesis.toml" --include-operation-id revokeToken --include-operation-id createToken --seed 20261123
