"""Reading and writing openapi.yaml for the contract tools (contract-links.py, contract-examples.py).

`load(write=False)` reads with PyYAML for checks; `load(write=True)` reads with ruamel.yaml so
that `save` keeps the file's comments, order and quoting (pip install 'ruamel.yaml==0.18.6'
into .data/venv first).
"""
import io
import re

SPEC = "openapi.yaml"


def load(write=False):
    """The contract, and the round-trip writer when `write` (else None)."""
    if not write:
        import yaml

        with open(SPEC) as handle:
            return yaml.safe_load(handle), None
    from ruamel.yaml import YAML

    writer = YAML()
    writer.preserve_quotes = True
    writer.width = 4096
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"))
    with open(SPEC) as handle:
        return writer.load(handle), writer


def save(spec, writer):
    buffer = io.StringIO()
    writer.dump(spec, buffer)
    with open(SPEC, "w") as handle:
        handle.write(yaml11_safe(buffer.getvalue()))


def yaml11_safe(text):
    """Quotes yes/no/on/off keys and values: ruamel writes YAML 1.2, where they are strings, and
    YAML 1.1 readers (PyYAML, the generator's Yams) would read them as booleans."""
    text = re.sub(r"^(\s*(?:- )?)(yes|no|on|off|y|n|Yes|No|YES|NO)(:)", r'\1"\2"\3', text, flags=re.M)
    return re.sub(r"^(\s*(?:- )?[^\s:#]+: )(yes|no|on|off|y|n|Yes|No)$", r'\1"\2"', text, flags=re.M)
