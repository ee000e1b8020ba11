from . import controllers
from . import models
from . import report
from . import wizard
from . import cli
from . import vocabulary


def post_init_hook(env):
    env["b2b.sale.facts"]._post_init()


def uninstall_hook(env):
    env["b2b.sale.facts"]._uninstall()
