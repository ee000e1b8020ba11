"""Odoo's command line as a script file, for bench/load.py's prefork server: the server
starts its gevent process by running ``sys.argv[0]`` again, which ``python -m odoo``
does not give it (its ``__main__.py`` cannot run as a script)."""

import odoo

odoo.cli.main()
