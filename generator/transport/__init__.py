"""Getting there: nearest bus stops and routes for each venue, from NaPTAN and GTFS open data."""
