"""python -m generator transport [VENUE...] [--routes]"""

from __future__ import annotations

import argparse
import sys

from generator.commands.common import add_directory_arguments, load_or_exit
from generator.transport.enrich import enrich
from generator.transport.routes import route_index
from generator.words import transport as words
from generator.words.lists import and_list

HELP = "Show each venue's nearest bus stops and buses, to check the transport data."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("venues", nargs="*", metavar="VENUE",
                   help="only these venue ids (default: every venue)")
    add_directory_arguments(p)
    p.add_argument("--routes", action="store_true",
                   help="list bus routes and the activities near their stops instead")


def run(args: argparse.Namespace) -> int:
    result = load_or_exit(args, report=False, enrich_transport=False)
    directory, problems = enrich(result.directory)
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    if args.routes:
        for route in route_index(directory):
            operator = f" ({route.operator})" if route.operator and not route.operator_slug else ""
            towards = f" towards {and_list(route.towards)}" if route.towards else ""
            days = f", {'; '.join(route.days)}" if route.days else ""
            print(f"{route.label}{operator}{towards}{days}: {len(route.entries)} activities")
            for entry in route.entries:
                print(f"    {entry.activity.name} ({entry.id})")
        return 0
    unknown = [v for v in args.venues if v not in directory.transport]
    if unknown:
        print(f"No venue with the id {', '.join(unknown)}.", file=sys.stderr)
        return 2
    for key in args.venues or sorted(directory.transport):
        transport = directory.transport[key]
        venue = directory.venues.get(key)
        name = venue.name if venue else key
        source = {"manual": "written by hand", "computed": "from the bus data",
                  "none": "no bus details"}.get(transport.source, transport.source)
        place = {"postcode": ", placed by its postcode"}.get(transport.located_by or "", "")
        print(f"{name} [{key}] ({source}{place})")
        for line in words.lines(transport) or ["No location, so no stops could be found."]:
            print(f"    {line}")
        if transport.source == "manual" and transport.computed_stops:
            print("    The bus data says: " + words.stop_lines(transport.computed_stops[0])[0])
            print("    " + words.buses(transport.computed_stops[0].routes) + ".")
        for stop in transport.stops or transport.computed_stops:
            print(f"    ({stop.atco_code} {stop.label}: {stop.latitude:.5f}, {stop.longitude:.5f})")
    return 0
