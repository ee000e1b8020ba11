"""EXPLAIN ANALYZE of every query the analytics service runs for its main calls.

    .venv/bin/python -m odoo shell -c odoo.conf -d bench_l --log-level=warn < bench/explain.py

Prints, per call, each query's execution time and the top of its plan (which indexes
it uses). Read-only: the EXPLAINs run inside the shell's transaction, rolled back.
"""

import time

captured = []
cursor = env.cr  # noqa: F821  (odoo shell provides env)
original_execute = cursor.execute


def recording_execute(query, params=None, log_exceptions=True):
    text = query.code if hasattr(query, "code") else query
    if "b2b_sale_" in str(text):
        captured.append((query, params))
    return original_execute(query, params, log_exceptions)


service = env["b2b.analytics.service"]  # noqa: F821
admin = env.ref("base.user_admin")  # noqa: F821
service = service.with_user(admin).with_company(admin.company_id)
customer = env["b2b.customer"].search([("company_id", "=", admin.company_id.id)], limit=1)  # noqa: F821
calls = {
    "dashboard": lambda: service.get_executive_dashboard(),
    "customer_summary": lambda: service.get_customer_summary(customer.id),
    "rfm": lambda: service.get_rfm_segments(),
    "pivot month x tier": lambda: env["b2b.analytics"].read_group(  # noqa: F821
        [], ["revenue:sum", "order_count:sum", "aov:avg"], ["date:month", "tier_id"], lazy=False
    ),
}
for name, call in calls.items():
    captured.clear()
    cursor.execute = recording_execute
    started = time.perf_counter()
    call()
    total = (time.perf_counter() - started) * 1000
    cursor.execute = original_execute
    print(f"\n=== {name}: {total:.0f} ms in Python, {len(captured)} queries on the facts")
    for query, params in captured:
        code = query.code if hasattr(query, "code") else query
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + code, getattr(query, "params", params))
        plan = [row[0] for row in cursor.fetchall()]
        print(f"--- {plan[-1].strip()}")
        for line in plan[:12] + [line for line in plan if "JIT" in line or "Timing:" in line]:
            if any(word in line for word in ("Scan", "Join", "Aggregate", "JIT", "Timing")):
                print("   ", line.strip()[:150])
cursor.rollback()
