"""Odoo's command line as a script file, for bench/load.py's prefork server: the server
starts its gevent process by running ``sys.argv[0]`` again, which ``python -m odoo``
does not give it (its ``__main__.py`` cannot run as a script)."""

import importlib.metadata
import sys

if sys.argv[1:2] == ["gevent"]:
    import gevent.events

    # gevent 22.10 finds its monkey-patching plugins with pkg_resources, whose setuptools
    # (65) does not recognise zope.interface 8's dist-info (zope_interface-8.7.dist-info):
    # the gevent process died on start, and the master started it again and again.
    # importlib.metadata reads it, as later gevent releases do.
    gevent.events.iter_entry_points = lambda group: importlib.metadata.entry_points(group=group)

import odoo  # noqa: E402  (the gevent process: after the fix above)

odoo.cli.main()
