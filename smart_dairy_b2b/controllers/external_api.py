"""Odoo's External API over XML-RPC for the analytics (docs/api.md).

XML-RPC has no null: Odoo's marshaller refuses None ("cannot marshal None"), and
mappings need string keys. The analytics answer JSON-style (``null`` for "no value"),
so their answers are turned into what XML-RPC carries, with False for "no value" as
Odoo's own fields do (docs/api.md). JSON-RPC answers are left as they are.
"""

import xmlrpc.client
from decimal import Decimal

from odoo.addons.base.controllers.rpc import RPC
from odoo.http import dispatch_rpc, request

ANALYTICS_MODELS = ("b2b.analytics.service", "b2b.report.export.service")


def for_xmlrpc(value):
    """``value`` as XML-RPC carries it: None becomes False, mapping keys strings,
    numbers plain ints (within XML-RPC's 32 bits) or floats."""
    if type(value).__module__ == "numpy":
        value = value.item()  # numpy scalars as Python ones
    if value is None:
        return False
    if isinstance(value, dict):
        return {str(key): for_xmlrpc(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [for_xmlrpc(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > xmlrpc.client.MAXINT:
        return float(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


class AnalyticsRpc(RPC):
    def _xmlrpc(self, service):
        # Odoo's own steps (base/controllers/rpc.py), with the analytics' answers made
        # XML-RPC-safe between the call and the marshalling.
        params, method = xmlrpc.client.loads(request.httprequest.get_data())
        result = dispatch_rpc(service, method, params)
        # object.execute / execute_kw: (db, uid, password, model, method, ...)
        if service == "object" and len(params) > 3 and params[3] in ANALYTICS_MODELS:
            result = for_xmlrpc(result)
        return xmlrpc.client.dumps((result,), methodresponse=1, allow_none=False)
