from . import service_delivery_report
from . import service_delivery_xlsx
