from . import b2b_customer_tier
from . import b2b_customer
from . import sale_order
