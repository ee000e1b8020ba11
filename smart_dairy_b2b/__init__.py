from . import models

