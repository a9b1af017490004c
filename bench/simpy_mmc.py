#!/usr/bin/env python3
"""The M/M/c workload of SIMULATION.md "How fast", in SimPy, for the Nines/SimPy ratio.

c = 2 servers, rho = 0.9, exponential interarrival and service times (mean service 10 ms),
FCFS, unbounded queue, run for 10^6 expected arrivals: the same parameters as
crates/sim/benches/workloads/mod.rs (`mmc()`), written the way the SimPy documentation
writes a queue (a Resource, one process per customer).

Prints one line of JSON: wall seconds, customers, customers per wall-second, and the
measured P(wait) and Wq*mu, to compare with Erlang C (0.852632 and 4.263158) and so show
that it is the same queue Nines ran.

    python bench/simpy_mmc.py [--seed N] [--runs N]

With --runs N it runs N times from the same seed and reports the best wall time, as
crates/sim/examples/bench_run.rs does.
"""

import argparse
import json
import random
import time

import simpy

SERVERS = 2
RHO = 0.9
MEAN_SERVICE_S = 0.010
CUSTOMERS = 1_000_000
ERLANG_C = {"p_wait": 0.852632, "wq_mu": 4.263158}


class Stats:
    def __init__(self):
        self.arrived = 0
        self.served = 0
        self.waited = 0
        self.wait_sum = 0.0


def customer(env, server, rng, stats):
    arrived = env.now
    with server.request() as request:
        yield request
        wait = env.now - arrived
        stats.served += 1
        if wait > 0:
            stats.waited += 1
        stats.wait_sum += wait
        yield env.timeout(rng.expovariate(1.0 / MEAN_SERVICE_S))


def source(env, server, rng, stats, rate):
    while True:
        yield env.timeout(rng.expovariate(rate))
        stats.arrived += 1
        env.process(customer(env, server, rng, stats))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1, help="timed runs; the best is reported")
    args = parser.parse_args()

    rate = RHO * SERVERS / MEAN_SERVICE_S  # 180 customers/s
    duration = CUSTOMERS / rate
    walls = []
    for _ in range(max(args.runs, 1)):
        stats = Stats()
        env = simpy.Environment()
        server = simpy.Resource(env, capacity=SERVERS)
        env.process(source(env, server, random.Random(args.seed), stats, rate))
        started = time.perf_counter()
        env.run(until=duration)
        walls.append(time.perf_counter() - started)
    wall_s = min(walls)

    print(
        json.dumps(
            {
                "workload": "mmc",
                "simulator": "simpy " + simpy.__version__,
                "simulated_s": duration,
                "wall_s": wall_s,
                "wall_s_runs": walls,
                "requests": stats.arrived,
                "requests_per_wall_s": stats.arrived / wall_s,
                "p_wait": stats.waited / stats.served,
                "wq_mu": stats.wait_sum / stats.served / MEAN_SERVICE_S,
                "erlang_c": ERLANG_C,
            }
        )
    )


if __name__ == "__main__":
    main()
