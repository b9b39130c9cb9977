"""Name pools for `python -m generator fake`, so synthetic listings read like real ones.

Everything here is fictional. Activity kinds name the category ids of the demo
site_config/categories.yml; kinds whose categories a directory does not have are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

# Neighbourhoods inside each demo area, for names of venues and groups.
LOCALITIES = {
    "aigburth": ["Aigburth Vale", "Cressington", "Grassendale", "Otterspool", "Lark Lane", "St Michael's"],
    "garston": ["Garston Village", "Banks Road", "Window Lane", "Church Road", "Garston Docks"],
    "speke": ["Speke Boulevard", "Parklands", "Hale Road", "Western Avenue", "Central Avenue"],
    "allerton": ["Mather Avenue", "Springwood", "Calderstones", "Allerton Road", "Clarke Gardens"],
    "woolton": ["Woolton Village", "Gateacre", "Hunts Cross", "Belle Vale", "Much Woolton"],
    "childwall": ["Childwall Valley", "Fiveways", "Netherley", "Childwall Abbey", "Broad Green"],
    "wavertree": ["Wavertree Green", "Picton", "Penny Lane", "Smithdown", "Mossley Hill", "Fairfield"],
}

SAINTS = [
    "St Mary's", "St Michael's", "St Anne's", "St Peter's", "St Francis", "Holy Trinity",
    "St Columba's", "All Saints", "St Bernard's", "Christ Church", "St Luke's", "St Oswald's",
    "St Agnes", "Our Lady's", "St Margaret's", "Emmanuel", "St Cuthbert's", "St Helen's",
]

STREETS = [
    "Church", "Park", "Station", "Mill", "Vale", "Elm", "Beech", "Holly", "Mersey", "Brook",
    "Chapel", "Garden", "Queens", "Victoria", "Albert", "Heath", "Manor", "Orchard", "Priory",
    "Springfield", "Woodlands", "Hillside", "Meadow", "Riverside", "Rose", "Oak", "Ash", "Willow",
    "Sandy", "Green", "Cedar", "Laurel", "Kings", "Abbey", "Grange", "Dale", "Fern", "Moss",
]
STREET_KINDS = ["Road", "Street", "Avenue", "Lane", "Drive", "Close", "Grove", "Crescent"]

VENUE_KINDS = [
    "{saint} Church Hall", "{place} Community Centre", "{place} Library", "{place} Village Hall",
    "{saint} Parish Rooms", "{place} Neighbourhood Hub", "{place} Leisure Centre",
    "{place} Methodist Hall", "{place} Scout Hut", "{place} Community Garden", "{place} Sports Club",
    "The Old School Rooms, {place}", "{place} Park Café", "{place} Children's Centre",
    "{place} Baptist Church", "{place} Family Hub",
]

FIRST_NAMES = [
    "Jean", "Maureen", "Dave", "Priya", "Claire", "Tom", "Bernadette", "Sam", "Ade", "Rosa",
    "Linda", "Hannah", "Jay", "Fatima", "Chris", "Yusuf", "Gill", "Val", "Marek", "Sian", "Kerry",
    "Ruth", "Pat", "Geoff", "Omar", "Betty", "Joan", "Tony", "Margaret", "Paul", "Siobhan",
    "Kevin", "Amina", "Jo", "Steve", "Wendy", "Ibrahim", "Lorraine", "Gary", "Mei", "Dorothy",
    "Frank", "Nadia", "Colin", "Agnieszka", "Derek", "Lesley", "Michelle", "Brian", "Ayesha",
]
SURNAMES = [
    "Jones", "Williams", "Murphy", "Hughes", "Roberts", "Kelly", "O'Brien", "Evans", "Doyle",
    "Taylor", "Walsh", "Ahmed", "Brennan", "Kowalski", "Clarke", "McCarthy", "Thompson", "Ali",
    "Parry", "Lewis", "Byrne", "Nolan", "Hassan", "Wright", "Chen", "Quinn", "Molloy", "Shaw",
]

ORG_PATTERNS = [
    "{place} {theme}", "Friends of {place}", "{place} Community Association", "{saint} {theme}",
    "{place} and District {theme}", "South Liverpool {theme}", "{place} Together",
    "{place} {theme} Network",
]
ORG_THEMES = [
    "Friendship Group", "Wellbeing Project", "Community Trust", "Neighbours", "Action Group",
    "Good Neighbours", "Seniors' Forum", "Residents' Association", "Community Partnership",
    "Over-50s Club", "Wellbeing Café", "Carers' Group", "Youth Project", "Community Kitchen",
    "Health Walks", "Social Club", "Women's Group", "Men's Group", "Craft Circle",
    "Community Garden", "Family Hub", "Befriending Scheme", "Advice Centre", "Singers",
]

LANGUAGES = ["Arabic", "Urdu", "Polish", "Somali", "Kurdish (Sorani)", "Farsi", "Cantonese",
             "Welsh", "Tigrinya", "Romanian", "Bengali", "British Sign Language"]

AUDIENCE_GROUPS = ["Everyone", "Older people", "Carers", "People living alone", "Men", "Women",
                   "New parents", "Young people", "People with long-term conditions",
                   "Refugees and asylum seekers", "People looking for work", "Bereaved people"]

OPENING_LINES = [
    "Everyone is welcome, whether you come every week or just once.",
    "Run by local volunteers who remember what it is like to walk in on your own.",
    "A relaxed, friendly group where nobody minds if you just want to listen.",
    "Come along for an hour, or stay for the whole session.",
    "We have been meeting in the same place for years and new faces are always welcome.",
    "You do not need any experience or special kit.",
]
MIDDLE_LINES = [
    "There is always tea, coffee and biscuits, and a quiet corner if you need a break.",
    "The room is warm and there are chairs with arms for anyone who needs them.",
    "A volunteer will introduce you to a few people on your first visit.",
    "We finish with a chat about what to do next week: ideas are very welcome.",
    "Tell us if you have any access needs and we will do our best to help.",
    "You can bring a friend, a family member or a carer at no extra cost.",
]
BULLETS = [
    "a warm welcome and a hot drink", "someone to talk to", "large-print information",
    "help to fill in forms", "a lift home if you need one (ask us)", "quiet space",
    "games and puzzles", "a monthly outing", "advice leaflets to take home",
]
FIRST_VISIT_NOTES = [
    "Ask for the organiser at the door; they will show you round.",
    "Look for the sign on the main door. Someone will meet you there.",
    "Come ten minutes early and we will have a cup of tea ready.",
    "Bring a friend if it helps. There is no need to say anything on your first visit.",
    "Wear comfortable clothes and shoes.",
]


@dataclass(frozen=True)
class Kind:
    """One kind of activity: its name, categories and the shape of its sessions."""

    name: str
    categories: tuple[str, ...]
    summary: str
    starts: tuple[str, ...]  # typical start times
    minutes: int  # typical length
    access: str = "drop-in"
    costs: tuple[str, ...] = ("free",)
    min_age: int | None = None
    max_age: int | None = None
    group: str = "Everyone"


KINDS = [
    Kind("Coffee Morning", ("befriending",), "A friendly coffee morning with a chat, a quiz and home-made cake.",
         ("10:00", "10:30"), 120, costs=("free", "pay-what-you-can")),
    Kind("Lunch Club", ("lunch-clubs", "food", "befriending"), "A hot two-course lunch and good company.",
         ("12:00", "12:30"), 120, costs=("fixed", "concessions"), min_age=55, group="Older people"),
    Kind("Health Walk", ("walking", "physical-activity"), "A gentle walk at the pace of the slowest walker, then tea.",
         ("10:00", "10:30", "13:30"), 90),
    Kind("Community Choir", ("music", "arts"), "A no-audition choir singing pop, folk and show tunes.",
         ("19:00", "19:30", "13:30"), 120, costs=("concessions", "pay-what-you-can")),
    Kind("Singing for Memory", ("music", "carers"), "Dementia-friendly singing for people living with dementia and their carers.",
         ("13:30", "14:00"), 90, group="Carers"),
    Kind("Carers' Café", ("carers", "befriending"), "A relaxed break for unpaid carers, with advice on hand.",
         ("10:30", "13:30"), 120, group="Carers"),
    Kind("Men's Shed", ("volunteering", "befriending"), "Woodwork, repairs and a brew in a friendly workshop.",
         ("09:00", "10:00", "13:00"), 180, costs=("pay-what-you-can",), min_age=18, group="Men"),
    Kind("Bereavement Café", ("bereavement", "mental-wellbeing"), "A gentle group for anyone grieving, with trained volunteers.",
         ("14:00", "13:30"), 90, min_age=18, group="Bereaved people"),
    Kind("Debt and Benefits Drop-in", ("money-advice",), "Free, confidential advice on debts, bills and benefits.",
         ("13:00", "10:00"), 180, min_age=18),
    Kind("Housing Advice Surgery", ("housing-advice", "money-advice"), "Advice on repairs, rent arrears and eviction notices.",
         ("10:00", "14:00"), 120, access="book", min_age=18),
    Kind("Food Pantry", ("foodbanks", "food"), "Choose about £15 of groceries for a small weekly payment.",
         ("10:00", "12:30"), 150, costs=("fixed",)),
    Kind("Foodbank", ("foodbanks",), "Emergency food parcels, with a hot drink while you wait.",
         ("12:30", "11:00"), 120, access="referral"),
    Kind("Digital Drop-in", ("learning",), "Help with phones, tablets, the NHS App and staying safe online.",
         ("10:00", "13:30"), 120),
    Kind("Job Club", ("employment", "learning"), "Help with CVs, applications and finding local jobs.",
         ("13:00", "10:00"), 120, min_age=16, group="People looking for work"),
    Kind("Youth Night", ("young-people", "physical-activity"), "Sport, music, gaming and free food for 14 to 24 year olds.",
         ("18:00", "18:30"), 150, min_age=14, max_age=24, group="Young people"),
    Kind("Stay and Play", ("families",), "Toys, songs and messy play for under-fives and their grown-ups.",
         ("09:30", "10:00"), 90, costs=("free", "fixed"), max_age=5, group="New parents"),
    Kind("Chair Exercise", ("physical-activity",), "Seated exercise to music for strength, balance and a laugh.",
         ("13:30", "11:00", "14:00"), 60, costs=("concessions", "fixed"), min_age=50, group="Older people"),
    Kind("Art Group", ("arts", "mental-wellbeing"), "Painting, drawing and crafts. No experience needed, materials provided.",
         ("13:00", "10:00", "18:30"), 120, costs=("pay-what-you-can", "free")),
    Kind("Gardening Group", ("nature", "volunteering"), "Grow fruit, veg and flowers together in the community garden.",
         ("10:00", "13:00"), 150),
    Kind("English Conversation Café", ("learning", "faith-culture"), "Practise everyday English over tea with friendly volunteers.",
         ("10:00", "13:00"), 120, group="Refugees and asylum seekers"),
    Kind("Peer Support Group", ("mental-wellbeing",), "A small peer-support group for people living with anxiety or low mood.",
         ("18:30", "13:00"), 90, min_age=18),
    Kind("Cook and Eat", ("food", "learning"), "Cook a cheap, healthy meal together and sit down to eat it.",
         ("17:30", "11:00"), 120, access="book"),
    Kind("Culture and Faith Friendship Group", ("faith-culture", "befriending"), "Tea, food and friendship, sharing the festivals of many faiths.",
         ("10:30", "18:00"), 120),
    Kind("Knit and Natter", ("arts", "befriending"), "Bring your knitting or learn from scratch, with tea and biscuits.",
         ("14:00", "10:00"), 120, costs=("pay-what-you-can",)),
    Kind("Telephone Befriending", ("befriending",), "A friendly weekly phone call from the same volunteer.",
         ("10:00",), 30, access="referral"),
]
