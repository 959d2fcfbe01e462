"""YAML reading with libyaml's C loader where PyYAML has it: several times faster at start-up."""

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader, C or Python
