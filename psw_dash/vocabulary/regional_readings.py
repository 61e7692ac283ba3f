"""The report's own words on regions, as categories: the build validates against them (build/regional_statements.py),
the Regions view maps and tables them. Words, never numbers: the report printed no PSW count or rate by region."""

# What the report says of an area's NHS-employed PSWs per 100,000 registered population (NHS workforce profile,
# p.6): 'a relatively low number' (lower), 'a higher ... ratio' (higher), 'a mix of high and low' (mixed). A region
# it names no area in is 'not stated', which is not 'average': its higher areas are examples ('such as').
LOWER, HIGHER, MIXED, NOT_STATED = "lower", "higher", "mixed", "not stated"
READINGS = (LOWER, HIGHER, MIXED, NOT_STATED)
PRINTED = (LOWER, HIGHER, MIXED)  # the readings a source row may carry; 'not stated' is what the build infers

# How a reading is named on the map, in the table and in words.
READING_LABELS = {
    LOWER: "Lower (report: 'relatively low')",
    HIGHER: "Higher (report: 'higher ratio')",
    MIXED: "Mixed (report: 'mix of high and low')",
    NOT_STATED: "Not stated by the report",
}
STATEMENT_KIND = "qualitative statement: words, not a number"
