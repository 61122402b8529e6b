"""British English dates and times (the pages declare en-GB): “3 May 2027, 10:00”.

Django's `en` formats are American (“May 3, 2027, 10 a.m.”). The extra names
are read by core's `date_long`, `time_short` and `datetime_long` filters.
"""

DATE_FORMAT = "j F Y"
FIRST_DAY_DATE_FORMAT = DATE_FORMAT
WEEKDAY_DATE_FORMAT = "l j F Y"
FIRST_DAY_WEEKDAY_DATE_FORMAT = WEEKDAY_DATE_FORMAT
TIME_FORMAT = "H:i"
WHOLE_HOUR_TIME_FORMAT = TIME_FORMAT
DATETIME_FORMAT = "j F Y, H:i"
DATETIME_SEPARATOR = ", "
# A span within one day: the date, this, the start, the next, the end.
DATETIME_RANGE_SEPARATOR = ", "
TIME_RANGE_SEPARATOR = "–"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
