from . import api
from . import portal
from . import external_api
