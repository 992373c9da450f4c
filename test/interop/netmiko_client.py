"""Drives Debian's python3-netmiko (device_type arista_eos) against a switchyard mock for the interop tests.

Usage: netmiko_client.py HOST PORT USERNAME  (password in SWITCHYARD_PASSWORD)
Prints JSON: the output of send_command('show vlan') and of send_config_set(['vlan 42', 'name netmiko']).
"""
import json
import os
import sys

from netmiko import ConnectHandler

host, port, username = sys.argv[1], int(sys.argv[2]), sys.argv[3]
conn = ConnectHandler(device_type='arista_eos', host=host, port=port, username=username,
                      password=os.environ['SWITCHYARD_PASSWORD'])
conn.enable()
show_vlan = conn.send_command('show vlan')
config = conn.send_config_set(['vlan 42', 'name netmiko'])
conn.disconnect()
print(json.dumps({'show_vlan': show_vlan, 'config': config}))
