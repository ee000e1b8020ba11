from . import test_b2b_customer
