"""Times N x pyeapi Node.enable('show vlan') against an eAPI endpoint; prints the elapsed seconds as JSON.

Usage: pyeapi_show_vlan.py TRANSPORT HOST PORT USERNAME COUNT WARMUP  (password in SWITCHYARD_PASSWORD)
"""
import json
import os
import sys
import time

import pyeapi

transport, host, port, username = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
count, warmup = int(sys.argv[5]), int(sys.argv[6])
node = pyeapi.connect(transport=transport, host=host, port=port, username=username,
                      password=os.environ['SWITCHYARD_PASSWORD'], return_node=True)
for _ in range(warmup):
    node.enable('show vlan')
start = time.perf_counter()
for _ in range(count):
    node.enable('show vlan')
print(json.dumps({'seconds': time.perf_counter() - start, 'count': count}))
