from . import b2b_facts
from . import b2b_generate
