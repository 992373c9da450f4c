"""Times netmiko (arista_eos) reading one large `show interfaces` output over an open session.

Usage: netmiko_large_output.py HOST PORT USERNAME  (password in SWITCHYARD_PASSWORD)
Prints {"seconds": <read time>, "chars": <length>} as JSON.
"""
import json
import os
import sys
import time

from netmiko import ConnectHandler

host, port, username = sys.argv[1], int(sys.argv[2]), sys.argv[3]
conn = ConnectHandler(device_type='arista_eos', host=host, port=port, username=username,
                      password=os.environ['SWITCHYARD_PASSWORD'])
conn.enable()
start = time.perf_counter()
output = conn.send_command('show interfaces', delay_factor=4, max_loops=5000)
elapsed = time.perf_counter() - start
conn.disconnect()
print(json.dumps({'seconds': elapsed, 'chars': len(output)}))
