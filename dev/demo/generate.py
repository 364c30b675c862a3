#!/usr/bin/env python3
"""Generates the demo tenants' data under dev/demo/<slug>/ (deterministic: same files on every run).

    python3 dev/demo/generate.py

Files per tenant (loaded at dev start by org.socialcrm.demo.DemoDataLoader, docs in dev/README.md):
  campaigns.csv    name,status,channel,startsAt,endsAt,budget        (row n is campaign n of the other files)
  contacts.csv     an import file (POST /api/imports?kind=contacts), external:demo is the person's key
  metrics.csv      external:demo,network,handle,metric,observedAt,value   follower/engagement history of social identities
  touchpoints.csv  an import file (kind=touchpoints); campaignId = row number in campaigns.csv, influencer:<network> its handle
  conversions.csv  an import file (kind=conversions); campaignId likewise
  transitions.csv  external:demo,fromStage,toStage,occurredAt       each person's dated lifecycle history

The story: three "star" influencers per tenant. A person touched by a star moves one or two stages up within a
week of the touch (funnel, attribution and influencerImpact show who moved whom); everybody else drifts slowly.
"""
import csv
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
DEFAULT_STAGES = ["subscriber", "lead", "marketing_qualified_lead", "sales_qualified_lead", "opportunity", "customer", "evangelist"]
TENANTS = [
    # slug, people, stages, conversion stage, campaigns (name, channel, budget), influencers (name, network, handle, star)
    ("lumen-cosmetics", 3000, DEFAULT_STAGES, "customer",
     [("Glow Serum Launch", "INFLUENCER", 42000), ("Winter Skin Newsletter", "EMAIL", 3500), ("Holiday Gift Sets", "PAID_SOCIAL", 18000),
      ("Clean Beauty Pop-up", "EVENT", 9000), ("Refer a Friend", "REFERRAL", 2500)],
     [("Chloe Martin", "INSTAGRAM", "chloeglows", True), ("Ravi Patel", "YOUTUBE", "ravireviews", True),
      ("Sofia Rossi", "TIKTOK", "sofiaskin", True), ("Tom Baker", "INSTAGRAM", "tombakes", False),
      ("Lena Vogel", "X", "lenavogel", False), ("Marco Ruiz", "TIKTOK", "marcoruiz", False)]),
    ("greenway-2026", 3000, ["unaware", "aware", "supporter", "volunteer", "donor", "advocate"], "donor",
     [("Parks for All Canvass", "CANVASS", 12000), ("Clean Streets Video", "INFLUENCER", 15000), ("Town Hall Series", "EVENT", 6000),
      ("Volunteer Drive SMS", "SMS", 2000), ("Small Donor Appeal", "EMAIL", 3000)],
     [("Dana Brooks", "INSTAGRAM", "danabikes", True), ("Omar Haddad", "TIKTOK", "omarongreen", True),
      ("Grace Kim", "YOUTUBE", "gracekimcity", True), ("Pete Olsen", "X", "peteolsen", False),
      ("Ines Duarte", "INSTAGRAM", "inesduarte", False), ("Sam Lee", "BLUESKY", "samlee.bsky.social", False)]),
    ("acme-outdoor", 2000, DEFAULT_STAGES, "customer",
     [("Trail Season Kickoff", "INFLUENCER", 25000), ("Gear Guide Email", "EMAIL", 2000), ("Summit Challenge", "EVENT", 8000),
      ("Retargeting Q4", "PAID_SOCIAL", 11000), ("Loyalty Referral", "REFERRAL", 1500)],
     [("Alex Stone", "YOUTUBE", "alexonthetrail", True), ("Mia Berg", "INSTAGRAM", "miaclimbs", True),
      ("Noah Fisher", "TIKTOK", "noahoutside", True), ("Kate Hill", "INSTAGRAM", "katehikes", False),
      ("Leo Park", "X", "leopark", False), ("Ava Reed", "YOUTUBE", "avareedcamps", False)]),
    ("bluepeak-coffee", 2000, DEFAULT_STAGES, "customer",
     [("Single Origin Drop", "INFLUENCER", 16000), ("Brew Guide Newsletter", "EMAIL", 1800), ("Latte Art Festival", "EVENT", 7000),
      ("Subscription Push", "PAID_SOCIAL", 9500), ("Barista Referral", "REFERRAL", 1200)],
     [("Jules Moreau", "INSTAGRAM", "julesbrews", True), ("Hana Sato", "TIKTOK", "hanapours", True),
      ("Ben Carter", "YOUTUBE", "bencoffeelab", True), ("Eva Lund", "INSTAGRAM", "evalund", False),
      ("Yusuf Arslan", "X", "yusufarslan", False), ("Nina Weber", "TIKTOK", "ninaweber", False)]),
]
FIRST = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mateo", "Amelia", "Leo", "Isla", "Hugo", "Chloe",
         "Louis", "Zoe", "Jonas", "Lea", "Felix", "Nora", "Oscar", "Alice", "Arthur", "Maya", "Samuel", "Ines", "Tomas", "Aisha", "Omar",
         "Priya", "Arjun", "Yuki", "Kenji", "Sara", "David", "Elena", "Marco", "Julia", "Pablo", "Clara", "Ivan", "Anna", "Erik", "Fatima"]
LAST = ["Smith", "Johnson", "Garcia", "Martin", "Bernard", "Dubois", "Muller", "Schmidt", "Rossi", "Russo", "Silva", "Santos", "Novak",
        "Kowalski", "Jensen", "Hansen", "Lopez", "Gonzalez", "Khan", "Patel", "Nguyen", "Tanaka", "Kim", "Brown", "Taylor", "Wilson",
        "Moreau", "Fischer", "Weber", "Costa", "Ferrari", "Horvat", "Nielsen", "Berg", "Larsen", "Okafor", "Mensah", "Cohen", "Levi"]
# city, region, postal code prefix, country, latitude, longitude, phone format (national digits filled from the person's number)
CITIES = [
    ("Portland", "OR", "972", "US", 45.5152, -122.6784, "+1 503 555 01{:02d}"),
    ("Denver", "CO", "802", "US", 39.7392, -104.9903, "+1 303 555 01{:02d}"),
    ("Austin", "TX", "787", "US", 30.2672, -97.7431, "+1 512 555 01{:02d}"),
    ("Seattle", "WA", "981", "US", 47.6062, -122.3321, "+1 206 555 01{:02d}"),
    ("Chicago", "IL", "606", "US", 41.8781, -87.6298, "+1 312 555 01{:02d}"),
    ("Boston", "MA", "021", "US", 42.3601, -71.0589, "+1 617 555 01{:02d}"),
    ("San Francisco", "CA", "941", "US", 37.7749, -122.4194, "+1 415 555 01{:02d}"),
    ("New York", "NY", "100", "US", 40.7128, -74.0060, "+1 212 555 01{:02d}"),
    ("Atlanta", "GA", "303", "US", 33.7490, -84.3880, "+1 404 555 01{:02d}"),
    ("Minneapolis", "MN", "554", "US", 44.9778, -93.2650, "+1 612 555 01{:02d}"),
    ("Phoenix", "AZ", "850", "US", 33.4484, -112.0740, "+1 602 555 01{:02d}"),
    ("Nashville", "TN", "372", "US", 36.1627, -86.7816, "+1 615 555 01{:02d}"),
    ("Miami", "FL", "331", "US", 25.7617, -80.1918, "+1 305 555 01{:02d}"),
    ("Philadelphia", "PA", "191", "US", 39.9526, -75.1652, "+1 215 555 01{:02d}"),
    ("San Diego", "CA", "921", "US", 32.7157, -117.1611, "+1 619 555 01{:02d}"),
    ("Salt Lake City", "UT", "841", "US", 40.7608, -111.8910, "+1 801 555 01{:02d}"),
    ("Detroit", "MI", "482", "US", 42.3314, -83.0458, "+1 313 555 01{:02d}"),
    ("Raleigh", "NC", "276", "US", 35.7796, -78.6382, "+1 919 555 01{:02d}"),
    ("Columbus", "OH", "432", "US", 39.9612, -82.9988, "+1 614 555 01{:02d}"),
    ("Kansas City", "MO", "641", "US", 39.0997, -94.5786, "+1 816 555 01{:02d}"),
]
STREETS = ["Oak St", "Maple Ave", "Pine St", "Cedar Ln", "Elm St", "Park Ave", "Lake Dr", "Hill Rd", "River Rd", "Main St", "2nd Ave"]
NETWORKS = ["INSTAGRAM", "TIKTOK", "X", "YOUTUBE", "BLUESKY", "MASTODON"]
OTHER_CHANNELS = ["EMAIL", "SOCIAL", "PAID_SOCIAL", "EVENT", "REFERRAL", "SMS"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def touch_row(key, channel, campaign, network, handle, when, n, medium):
    return [key, channel, campaign] + [handle if net == network else "" for net in NETWORKS] + [iso(when), f"tp-{n}", medium]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def generate(slug, people, stages, conversion_stage, campaigns, influencers):
    rnd = random.Random(slug)
    out = os.path.join(HERE, slug)
    os.makedirs(out, exist_ok=True)
    domain = {"lumen-cosmetics": "example.com", "greenway-2026": "example.org", "acme-outdoor": "example.net"}.get(slug, "example.com")
    prefix = "".join(w[0] for w in slug.split("-")).upper()

    campaign_rows = []
    for i, (name, channel, budget) in enumerate(campaigns):
        start = NOW - timedelta(days=120 - i * 18)
        campaign_rows.append([name, "ACTIVE" if i < 4 else "ENDED", channel, iso(start), iso(start + timedelta(days=75)), budget])
    write(os.path.join(out, "campaigns.csv"), ["name", "status", "channel", "startsAt", "endsAt", "budget"], campaign_rows)

    contact_header = ["external:demo", "firstName", "lastName", "emails", "phones", "address.line1", "address.city", "address.region",
                      "address.postalCode", "address.country", "address.latitude", "address.longitude", "language", "tags",
                      "identity:instagram", "identity:tiktok", "identity:x", "identity:youtube", "identity:bluesky",
                      "consent:email", "consent:sms", "consentSource", "consentLegalBasis", "doNotContact", "supportLevel"]
    contacts, metrics, touchpoints, conversions, transitions = [], [], [], [], []
    phones_used = set()
    handles = {n: None for n in NETWORKS}

    def person_row(key, first, last, email, handle_by_network, tags, city_index):
        city, region, zip3, country, lat, lon, phone_fmt = CITIES[city_index]
        phone = ""
        for _ in range(5):
            candidate = phone_fmt.format(rnd.randrange(100))
            if candidate not in phones_used and rnd.random() < 0.65:
                phones_used.add(candidate)
                phone = candidate
                break
        email_consent = rnd.choices(["OPTED_IN", "OPTED_OUT", "UNKNOWN"], [70, 8, 22])[0]
        sms_consent = rnd.choices(["OPTED_IN", "OPTED_OUT", ""], [35, 10, 55])[0] if phone else ""
        return [key, first, last, email, phone, f"{rnd.randrange(1, 999)} {rnd.choice(STREETS)}", city, region,
                f"{zip3}{rnd.randrange(100):02d}", country, f"{lat + rnd.uniform(-0.08, 0.08):.5f}", f"{lon + rnd.uniform(-0.08, 0.08):.5f}",
                rnd.choice(["en", "en", "en", "es", "fr"]), ";".join(tags),
                handle_by_network.get("INSTAGRAM", ""), handle_by_network.get("TIKTOK", ""), handle_by_network.get("X", ""),
                handle_by_network.get("YOUTUBE", ""), handle_by_network.get("BLUESKY", ""),
                email_consent, sms_consent, "signup form" if email_consent != "UNKNOWN" else "", "consent" if email_consent == "OPTED_IN" else "",
                "true" if rnd.random() < 0.01 else "", str(rnd.randint(1, 5)) if slug == "greenway-2026" and rnd.random() < 0.5 else ""]

    # influencers first: contacts with a big social identity and a follower history
    for i, (name, network, handle, star) in enumerate(influencers):
        first, last = name.split(" ", 1)
        key = f"{prefix}-I{i + 1}"
        contacts.append(person_row(key, first, last, f"{first.lower()}.{last.lower()}@creators.{domain}", {network: handle},
                                   ["influencer", "star" if star else "creator"], i % len(CITIES)))
        followers = rnd.randint(180_000, 900_000) if star else rnd.randint(8_000, 60_000)
        for day in range(60, -1, -3):
            observed = NOW - timedelta(days=day, hours=rnd.randrange(6))
            followers = int(followers * (1 + (0.006 if star else 0.002) + rnd.uniform(-0.001, 0.003)))
            metrics.append([key, network, handle, "followers", iso(observed), followers])
            metrics.append([key, network, handle, "engagement_rate", iso(observed), round(rnd.uniform(0.03, 0.09) if star else rnd.uniform(0.005, 0.03), 4)])
        transitions.append([key, "", stages[1], iso(NOW - timedelta(days=150))])

    tp = 0
    for n in range(1, people + 1):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        key = f"{prefix}-{n:05d}"
        email = f"{first.lower()}.{last.lower()}{n}@{domain}"
        handle_by_network = {}
        if rnd.random() < 0.45:
            net = rnd.choice(NETWORKS[:5])
            handle_by_network[net] = f"{first.lower()}{last.lower()[:3]}{n}"
            if net in ("INSTAGRAM", "TIKTOK") and rnd.random() < 0.3:
                handle_by_network["X"] = f"{first.lower()}_{n}"
        tags = rnd.sample(["newsletter", "vip", "event", "sample", "wholesale", "volunteer" if slug == "greenway-2026" else "loyalty"],
                          rnd.randint(0, 2))
        contacts.append(person_row(key, first, last, email, handle_by_network, tags, rnd.randrange(len(CITIES))))
        refused = {"EMAIL"} if contacts[-1][19] == "OPTED_OUT" else set()
        refused |= {"SMS"} if contacts[-1][20] == "OPTED_OUT" else set()
        reachable = contacts[-1][23] != "true"  # doNotContact: consent is enforced, so no touchpoint for them
        for net, handle in handle_by_network.items():
            if rnd.random() < 0.25:
                followers = rnd.randint(50, 4000)
                for day in (60, 30, 0):
                    metrics.append([key, net, handle, "followers", iso(NOW - timedelta(days=day, hours=rnd.randrange(12))),
                                    followers + rnd.randint(0, 40) * (60 - day) // 10])

        # history: joined at a stage, drifts, and moves fast after a star influencer's touch
        joined = NOW - timedelta(days=rnd.randint(100, 170), hours=rnd.randrange(24))
        conv = stages.index(conversion_stage)
        stage = min(rnd.choices([0, 1, 2, 3], [40, 30, 20, 10])[0], conv - 2)
        transitions.append([key, "", stages[stage], iso(joined)])
        t = joined
        touched_by_star = reachable and rnd.random() < 0.35
        star = rnd.choice([i for i, inf in enumerate(influencers) if inf[3]])
        for _ in range(rnd.randint(1, 3) if reachable else 0):
            channel = rnd.choice(OTHER_CHANNELS)
            channel = "SOCIAL" if channel in refused else channel
            tp += 1
            when = joined + timedelta(days=rnd.randint(1, 90), hours=rnd.randrange(24))
            touchpoints.append(touch_row(key, channel, rnd.randint(2, len(campaigns)), None, None, when, tp,
                                         rnd.choice(["newsletter", "ads", "store", "web"])))
        if rnd.random() < 0.3:
            t = t + timedelta(days=rnd.randint(10, 40))
            transitions.append([key, stages[stage], stages[stage + 1], iso(t)])
            stage += 1
        if touched_by_star:
            name, network, handle, _ = influencers[star]
            touch = t + timedelta(days=rnd.randint(3, 20), hours=rnd.randrange(24))
            tp += 1
            touchpoints.append(touch_row(key, "INFLUENCER", 1, network, handle, touch, tp, "creator post"))
            jumps = 1 + (rnd.random() < 0.5) + (star == 0 and rnd.random() < 0.5)
            for _ in range(jumps):
                if stage + 1 >= conv:
                    break
                t = t if t > touch else touch
                t = t + timedelta(days=rnd.uniform(0.5, 6))
                transitions.append([key, stages[stage], stages[stage + 1], iso(t)])
                stage += 1
        elif reachable and rnd.random() < 0.15:
            weak = rnd.choice([i for i, inf in enumerate(influencers) if not inf[3]])
            name, network, handle, _ = influencers[weak]
            tp += 1
            touchpoints.append(touch_row(key, "INFLUENCER", 1, network, handle, joined + timedelta(days=rnd.randint(5, 80)), tp, "creator post"))
        if stage == conv - 1 and rnd.random() < (0.6 if touched_by_star else 0.12):
            t = t + timedelta(days=rnd.uniform(1, 10))
            transitions.append([key, stages[stage], conversion_stage, iso(t)])
            stage += 1
            conversions.append([key, round(rnd.uniform(15, 240), 2), conversion_stage, 1 if touched_by_star else rnd.randint(2, len(campaigns)),
                                iso(t), f"cv-{n}"])
            if rnd.random() < 0.1:
                t = t + timedelta(days=rnd.uniform(5, 20))
                transitions.append([key, stages[stage], stages[stage + 1], iso(t)])
                stage += 1

    write(os.path.join(out, "contacts.csv"), contact_header, contacts)
    write(os.path.join(out, "metrics.csv"), ["external:demo", "network", "handle", "metric", "observedAt", "value"], metrics)
    write(os.path.join(out, "touchpoints.csv"), ["external:demo", "channel", "campaignId"]
          + ["influencer:" + n.lower() for n in NETWORKS] + ["occurredAt", "eventId", "source.medium"], touchpoints)
    write(os.path.join(out, "conversions.csv"), ["external:demo", "value", "stage", "campaignId", "occurredAt", "eventId"], conversions)
    write(os.path.join(out, "transitions.csv"), ["external:demo", "fromStage", "toStage", "occurredAt"], transitions)


if __name__ == "__main__":
    for tenant in TENANTS:
        generate(*tenant)
        print("generated", tenant[0])
