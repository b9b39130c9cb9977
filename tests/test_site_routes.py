"""Bus route pages: stops in route order for each direction (GTFS stop_sequence), and for each
activity the stop to get off at and the walk."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.transport.stop_order import route_stops
from generator.transport.tables import Feed
from generator.words import transport as transport_words


def _feed(tmp_path):
    files = {
        "agency.txt": "agency_id,agency_name\nA,Example Buses\n",
        "routes.txt": "route_id,agency_id,route_short_name,route_type\nR1,A,7,3\nR2,A,8,3\n",
        "trips.txt": "route_id,service_id,trip_id,trip_headsign,direction_id\n"
                     "R1,S,t1,Town,0\nR1,S,t2,Town,0\nR1,S,t3,Village,1\nR2,S,t4,Elsewhere,0\n",
        # t1 is a short working; rows are out of order on purpose
        "stop_times.txt": "trip_id,stop_id,stop_sequence\n"
                          "t2,c,3\nt2,a,1\nt2,b,2\nt2,d,4\nt1,b,2\nt1,a,1\n"
                          "t3,d,1\nt3,c,2\nt3,b,3\nt3,a,4\nt4,z,1\nt4,y,2\n",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                        "start_date,end_date\nS,1,1,1,1,1,1,1,20260101,20271231\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return Feed(tmp_path)


def test_stops_come_in_route_order_for_each_direction(tmp_path):
    with _feed(tmp_path) as feed:
        found = route_stops(feed, {("7", "Example Buses")})
    assert found == {("7", "Example Buses"): [("Town", ["a", "b", "c", "d"]),
                                              ("Village", ["d", "c", "b", "a"])]}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def test_the_82_page_says_where_to_get_off_for_each_activity(demo_web, demo):
    html = (demo_web / "buses" / "82" / "index.html").read_text()
    parser = _Text()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    text = text[text.index("Stops in order, and where to get off"):]
    assert "Towards Speke" in text and "Towards City Centre" in text
    speke = text[text.index("Towards Speke"):text.index("Towards City Centre")]
    # in route order: the city end first, Speke last
    assert speke.index("Liverpool ONE Bus Station") < speke.index("Mersey Road (Stop E)") \
        < speke.index("Speke Leisure Centre")
    walk = demo.activity("aigburth-tuesday-walk")
    stop = next(s for s in demo.getting_there(walk).stops if s.label == "Mersey Road (Stop E)")
    assert f"Mersey Road (Stop E) Get off here for Tuesday Health Walk : {transport_words.walk(stop)}" \
        in speke.replace("Walk:", "Walk :")
    # every activity on the route page whose stops are known (not written by hand) is given a
    # stop to get off at, in one direction or both
    listed = html.split('id="activities"', 1)[1]
    for entry in demo.current():
        vt = demo.getting_there(entry)
        if f'href="../../activities/{entry.id}/index.html"' in listed and vt.source == "computed":
            assert f"Get off here for {entry.activity.name}" in text, entry.id
