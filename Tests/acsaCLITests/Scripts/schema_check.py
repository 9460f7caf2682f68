#!/usr/bin/env python3
"""Validates YAML files against a JSON Schema with the `jsonschema` package.

    schema_check.py SCHEMA FILE...

Prints one line per file, `ok FILE` or `invalid FILE: message`, and exits 0. Dates stay
text (as YAML 1.2 editors read them); numbers and booleans are typed as YAML 1.2 types
them, so `yes` stays text."""
import json, re, sys
import jsonschema, yaml


class Loader(yaml.SafeLoader):
    pass


# YAML 1.2's core schema: only true/false are booleans, and timestamps are text.
Loader.yaml_implicit_resolvers = {k: [(t, r) for t, r in v if t not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
                                  for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    try:
        document = yaml.load(open(path, encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as e:
        print(f"invalid {path}: not YAML ({e.__class__.__name__})")
        continue
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path)
        print(f"invalid {path}: {where}: {e.message[:200]}")
    else:
        print(f"ok {path}")
