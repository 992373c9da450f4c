"""Drives Debian's python3-pyeapi and python3-netmiko against a `switchyard mock` lab for the interop tests.

Usage:
  lab_clients.py pyeapi EAPI_CONF CONNECTION OPS_JSON   OPS: [["enable", cmd] | ["config", [lines]]]
  lab_clients.py netmiko HOST PORT USERNAME OPS_JSON    OPS: [["show", cmd] | ["config", [lines]]] (password in SWITCHYARD_PASSWORD)
Prints one JSON list: per operation {"ok": result} or {"error": "<exception class>: <message>", "seconds": elapsed}.
"""
import json
import os
import sys
import time


def run(ops, step):
    results = []
    for op in ops:
        started = time.monotonic()
        try:
            results.append({'ok': step(op), 'seconds': time.monotonic() - started})
        except Exception as error:  # the test asserts on the class and message
            results.append({'error': '%s: %s' % (type(error).__name__, error), 'seconds': time.monotonic() - started})
    return results


def with_pyeapi(conf, name, ops):
    import pyeapi
    pyeapi.load_config(conf)
    node = pyeapi.connect_to(name)

    def step(op):
        if op[0] == 'enable':
            return node.enable(op[1])[0]['result']
        if op[0] == 'config':
            return node.config(op[1])
        raise SystemExit('unknown op ' + op[0])
    return run(ops, step)


def with_netmiko(host, port, username, ops):
    from netmiko import ConnectHandler

    def step(op):
        conn = ConnectHandler(device_type='arista_eos', host=host, port=int(port), username=username,
                              password=os.environ['SWITCHYARD_PASSWORD'], auth_timeout=10,
                              banner_timeout=10)
        try:
            conn.enable()
            if op[0] == 'show':
                return conn.send_command(op[1])
            if op[0] == 'config':
                return conn.send_config_set(op[1])
            raise SystemExit('unknown op ' + op[0])
        finally:
            conn.disconnect()
    return run(ops, step)


def main():
    if sys.argv[1] == 'pyeapi':
        out = with_pyeapi(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
    else:
        out = with_netmiko(sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5]))
    print(json.dumps(out))


if __name__ == '__main__':
    main()
