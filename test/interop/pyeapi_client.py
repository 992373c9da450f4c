"""Drives Debian's python3-pyeapi against a switchyard mock for the interop tests.

Usage: pyeapi_client.py HOST PORT USERNAME PASSWORD CA_FILE OPS_JSON
OPS_JSON is a list of [operation, *args]; prints one JSON list with each operation's result.
The password comes from the SWITCHYARD_PASSWORD environment variable when PASSWORD is '-'.
"""
import json
import os
import ssl
import sys

import pyeapi


def main():
    host, port, username, password, ca_file, ops_json = sys.argv[1:7]
    if password == '-':
        password = os.environ['SWITCHYARD_PASSWORD']
    context = ssl.create_default_context(cafile=ca_file)
    node = pyeapi.connect(transport='https', host=host, port=int(port), username=username,
                          password=password, context=context, return_node=True)
    vlans = node.api('vlans')
    results = []
    for op, *args in json.loads(ops_json):
        if op == 'enable':
            results.append(node.enable(args[0])[0]['result'])
        elif op == 'create':
            results.append(vlans.create(args[0]))
        elif op == 'set_name':
            results.append(vlans.set_name(args[0], args[1]))
        elif op == 'get':
            node.refresh()
            results.append(vlans.get(str(args[0])))
        elif op == 'getall':
            node.refresh()
            results.append(sorted(vlans.getall().keys(), key=int))
        elif op == 'delete':
            results.append(vlans.delete(args[0]))
        else:
            raise SystemExit('unknown op ' + op)
    print(json.dumps(results))


if __name__ == '__main__':
    main()
