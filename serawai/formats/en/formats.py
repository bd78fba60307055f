DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
# 24-hour clock, as the office reads times (Django's English default is "10 a.m.").
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
FIRST_DAY_OF_WEEK = 1
