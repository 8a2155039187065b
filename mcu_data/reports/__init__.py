"""The weekly note, the report to the regional centre, and the files users download."""
