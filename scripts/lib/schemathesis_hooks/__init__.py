"""Schemathesis hooks for the contract run (SCHEMATHESIS_HOOKS=schemathesis_hooks, with
scripts/lib on PYTHONPATH).

`created_resource_available` replaces the built-in `ensure_resource_availability`. The built-in
check fails any 404 from an operation on a resource just created whose path came from the
create's link. Here a 404 can also name another resource: one the request *body* refers to.
For example, `POST /v1/buildings/{id}/grid-placements` with a `gridId` of no grid in scope
answers `area.not_found`, and this API answers a reference it cannot resolve in scope with 404
everywhere, without telling missing and out-of-scope apart. So the check still fails a 404
whose problem `code` names the created resource (`building.not_found` after
`POST /v1/buildings`), and lets one naming another resource pass.
"""
import json
import os

import schemathesis
from schemathesis.specs.openapi.checks import ensure_resource_availability


def _created_resource(path):
    """`building` for `/v1/buildings`, `station` for `/v1/elections/{electionId}/stations`."""
    segment = [part for part in path.split("/") if part and not part.startswith("{")][-1]
    word = segment.replace("-", "_")
    return "person" if word == "people" else word[:-1] if word.endswith("s") else word


@schemathesis.check
def created_resource_available(ctx, response, case):
    if response.status_code != 404:
        return None
    parent = ctx.internals.find_parent(case_id=case.id) if ctx.internals is not None else None
    if parent is None:
        return None
    try:
        code = json.loads(response.content).get("code", "")
    except (ValueError, AttributeError):
        code = ""
    named = code.split(".")[0]
    created = _created_resource(parent.path)
    if named and named != created and not named.endswith("_" + created):
        return None
    return ensure_resource_availability(ctx, response, case)


def _record_covered_links(path):
    """Adds the links this run's stateful phase followed to the file at `path` (one per line),
    so that several passes of the phase can be counted together. Pinned to schemathesis
    4.32.5's output handler, which computes the same set for its "API Links" line."""
    import atexit

    from schemathesis.cli.commands.run.handlers import output

    covered = set()
    finished = output.OutputHandler._on_scenario_finished

    def on_scenario_finished(self, ctx, event):
        for node in event.recorder.cases.values():
            if node.transition is not None and node.is_transition_applied:
                covered.add(node.transition.id)
        return finished(self, ctx, event)

    def write():
        try:
            with open(path) as handle:
                covered.update(line for line in handle.read().splitlines() if line)
        except FileNotFoundError:
            pass
        with open(path, "w") as handle:
            handle.write("\n".join(sorted(covered)) + "\n")

    output.OutputHandler._on_scenario_finished = on_scenario_finished
    atexit.register(write)


if os.environ.get("GRASSROOTS_LINKS_COVERED"):
    _record_covered_links(os.environ["GRASSROOTS_LINKS_COVERED"])
