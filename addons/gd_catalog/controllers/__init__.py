from . import portal
from . import mail
from . import portal_chatter
from . import portal_account
from . import auth_signup
