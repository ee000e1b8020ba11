from . import b2b_facts
