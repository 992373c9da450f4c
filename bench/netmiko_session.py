"""Times netmiko (arista_eos): connect, enable, then 10 show commands; prints the elapsed seconds as JSON.

Usage: netmiko_session.py HOST PORT USERNAME  (password in SWITCHYARD_PASSWORD)
"""
import json
import os
import sys
import time

from netmiko import ConnectHandler

COMMANDS = ['show version', 'show hostname', 'show vlan', 'show interfaces status', 'show port-channel summary',
            'show ip dhcp relay', 'show version', 'show vlan', 'show hostname', 'show interfaces status']

host, port, username = sys.argv[1], int(sys.argv[2]), sys.argv[3]
start = time.perf_counter()
conn = ConnectHandler(device_type='arista_eos', host=host, port=port, username=username,
                      password=os.environ['SWITCHYARD_PASSWORD'])
conn.enable()
for command in COMMANDS:
    conn.send_command(command)
elapsed = time.perf_counter() - start
conn.disconnect()
print(json.dumps({'seconds': elapsed}))
