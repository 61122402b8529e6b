"""French dates and times as the city writes them: “1er septembre 2027 à 9 h”.

Django's own French formats give “1 septembre 2027 09:00”. The extra names
(FIRST_DAY_DATE_FORMAT...) are read by core's `date_long`, `time_short` and
`datetime_long` filters, for what a format string alone cannot say: the
ordinal of the first day of the month and the hour without its minutes.
"""

DATE_FORMAT = "j F Y"
FIRST_DAY_DATE_FORMAT = r"j\e\r F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"
FIRST_DAY_WEEKDAY_DATE_FORMAT = r"l j\e\r F Y"
TIME_FORMAT = r"G \h i"
WHOLE_HOUR_TIME_FORMAT = r"G \h"
DATETIME_FORMAT = r"j F Y \à G \h i"
DATETIME_SEPARATOR = " à "
# A span within one day: the date, this, the start, the next, the end.
DATETIME_RANGE_SEPARATOR = " de "
TIME_RANGE_SEPARATOR = " à "
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
