from . import portal
from . import auth_signup
