"""The ten held-out posts with inline gold markup (see build_heldout.py for the syntax).

Written for textmine's held-out evaluation; all people, works and figures are invented, real
organisations appear only as actors. Licensed CC BY 4.0 like the sample corpus.
"""

P, S, E, G = "person", "science", "economy", "state"
O, C, CS, CI, U, M = "organisation", "collective", "civil_society", "citizens", "unknown", "media"

#: canonical form -> (type, sector)
ACTORS = {
    # persons
    "Marion Brückner": (P, S), "Katja Lorenz": (P, S), "Tobias Haas": (P, S), "Petra Lindholm": (P, G),
    "Pohlmann": (P, S), "Sauerland": (P, S), "Karimi": (P, S), "Yüksel": (P, S),
    "Ralf Hofstetter": (P, S), "Gerda Thalheim": (P, S), "Linh Nguyen": (P, S), "Annika Roth": (P, S),
    "Murat Özdemir": (P, E), "Sevda Aydın": (P, CS), "Morawietz": (P, S), "Frey": (P, S), "Adeyemi": (P, S),
    "Feldmann": (P, S), "Otieno": (P, S), "Sørensen": (P, S), "Buchholz": (P, S),
    "Henrike Schwarz-Meier": (P, S), "Jiwon Park": (P, S), "Ulrike Weißenborn": (P, S),
    # organisations
    "Forschungsverbund Jugendhilfe": (O, S), "Elternverein Gemeinsam Lernen": (O, CS),
    "Deutscher Städtetag": (O, G), "Bund": (O, G), "Paritätischer Wohlfahrtsverband": (O, CS),
    "Netzwerk Migrationsberatung": (O, CS), "TSV Grünwiesen": (O, CS), "Energieagentur Mittelhessen": (O, G),
    "Deutscher Olympischer Sportbund": (O, CS), "Wohnungsgenossenschaft Lindenhof eG": (O, E),
    "Stadtbau Nordhafen GmbH": (O, E), "Caritas": (O, CS), "Diakonie": (O, CS), "Wissenschaftsrat": (O, S),
    "Datenlabor Zivilgesellschaft": (O, CS), "Meta": (O, E), "Facebook": (O, E), "TikTok": (O, E),
    "Social Entrepreneurship Netzwerk Deutschland": (O, CS), "Bundesregierung": (O, G),
    "Bundesministerium für Arbeit und Soziales": (O, G), "Tafel Deutschland": (O, CS),
    # collectives
    "Fachkraft": (C, CS), "Sozialarbeiter": (C, CS), "Jugendamt": (C, G), "Kind": (C, CI), "Jugendliche": (C, CI),
    "Eltern": (C, CI), "Landesjugendamt": (C, G), "Kommune": (C, G), "Lehrkraft": (C, G),
    "Schüler": (C, CI), "Sonderpädagoge": (C, G), "Kultusministerium": (C, G), "Familie": (C, CI),
    "Verein": (C, CS), "Land": (C, G), "Schulbegleiter": (C, CS), "Geflüchtete": (C, CI), "Träger": (C, CS),
    "Lehrende": (C, CS), "Teilnehmende": (C, CI), "Zugewanderte": (C, CI), "Befragte": (C, U), "Autor": (C, S),
    "Teilnehmer": (C, CI), "Ehrenamtliche": (C, CI), "Willkommensinitiative": (C, CS), "Behörde": (C, G),
    "Ausländerbehörde": (C, G), "Sportverein": (C, CS), "Mitglied": (C, CI), "Vereinsvorstand": (C, CS),
    "Wohnungsgenossenschaft": (C, E), "Genossenschaft": (C, E), "Mieter": (C, CI), "Vermieter": (C, E),
    "Vorstand": (C, U), "Bewohner": (C, CI), "Mieterrat": (C, CS), "Stadt": (C, G), "Studierende": (C, S),
    "Organisation": (C, CS), "Tafel": (C, CS), "Mieterverein": (C, CS), "Hochschule": (C, S),
    "Praxispartner": (C, CS), "Partnerorganisation": (C, CS), "Zivilgesellschaft": (C, CS),
    "Interessierte": (C, CI), "Bundesbehörde": (C, G), "Plattform": (C, E), "Datenschützer": (C, CS),
    "Konzern": (C, E), "Wohlfahrtsverband": (C, CS), "Unternehmen": (C, E), "Sozialunternehmen": (C, CS),
    "Langzeitarbeitslose": (C, CI), "Investor": (C, E), "Kostenträger": (C, G), "Gründer": (C, E),
    "Bank": (C, E), "Förderer": (C, CS), "Zielgruppe": (C, CI), "Supermarkt": (C, E), "Mitarbeitende": (C, U),
    "Kunde": (C, CI), "Rentner": (C, CI), "Politik": (C, G), "Kritiker": (C, U),
    "Initiative": (C, CS), "Verwaltung": (C, G), "Bürger": (C, CI),
}

#: surface -> canonical (surfaces equal to their canonical form need no entry)
SURFACES = {
    "Brückner": "Marion Brückner", "Lorenz": "Katja Lorenz", "Haas": "Tobias Haas", "Lindholm": "Petra Lindholm",
    "Hofstetter": "Ralf Hofstetter", "Thalheim": "Gerda Thalheim",
    "Nguyen": "Linh Nguyen", "Roth": "Annika Roth", "Özdemir": "Murat Özdemir", "Aydın": "Sevda Aydın",
     "Schwarz-Meier": "Henrike Schwarz-Meier",
    "Park": "Jiwon Park", "Weißenborn": "Ulrike Weißenborn",
    "Fachkräfte": "Fachkraft", "Sozialarbeiter*innen": "Sozialarbeiter", "Jugendämter": "Jugendamt",
    "Jugendämtern": "Jugendamt", "Kinder": "Kind", "Jugendlichen": "Jugendliche", "Landesjugendämter": "Landesjugendamt",
    "Kommunen": "Kommune", "Lehrkräfte": "Lehrkraft", "Lehrer:innen": "Lehrkraft", "Schülerinnen und Schüler": "Schüler",
    "Sonderpädagog:innen": "Sonderpädagoge", "Kultusministerien": "Kultusministerium", "Familien": "Familie",
    "Vereins": "Verein", "Vereine": "Verein", "Vereinen": "Verein", "Länder": "Land",
    "Schulbegleiter*innen": "Schulbegleiter", "Lehrenden": "Lehrende", "Teilnehmenden": "Teilnehmende",
    "Befragten": "Befragte", "Autor*innen": "Autor", "Autorinnen": "Autor", "Ehrenamtlichen": "Ehrenamtliche",
    "Willkommensinitiativen": "Willkommensinitiative", "Behörden": "Behörde", "Ausländerbehörden": "Ausländerbehörde",
    "Sportvereine": "Sportverein", "Mitgliedern": "Mitglied", "Mitglieder": "Mitglied", "Vereinsvorstände": "Vereinsvorstand",
    "Wohnungsgenossenschaften": "Wohnungsgenossenschaft", "Genossenschaften": "Genossenschaft",
    "Mieterinnen und Mieter": "Mieter", "Vorstände": "Vorstand", "Bewohnerinnen und Bewohner": "Bewohner",
    "Deutsche Städtetag": "Deutscher Städtetag", "Paritätische Wohlfahrtsverband": "Paritätischer Wohlfahrtsverband",
    "Deutsche Olympische Sportbund": "Deutscher Olympischer Sportbund", "Caritasverband": "Caritas",
    "Stadtbau Nordhafen": "Stadtbau Nordhafen GmbH", "Studierenden": "Studierende", "Organisationen": "Organisation",
    "Hochschulen": "Hochschule", "Partnerorganisationen": "Partnerorganisation", "Interessierten": "Interessierte",
    "Bundesbehörden": "Bundesbehörde", "Plattformen": "Plattform", "Datenschützer*innen": "Datenschützer",
    "Wohlfahrtsverbände": "Wohlfahrtsverband", "Datenlabors Zivilgesellschaft": "Datenlabor Zivilgesellschaft",
    "Social Entrepreneurship Netzwerks Deutschland": "Social Entrepreneurship Netzwerk Deutschland",
    "Investoren": "Investor", "Kostenträgern": "Kostenträger", "Gründerinnen und Gründer": "Gründer",
    "Banken": "Bank", "Zielgruppen": "Zielgruppe", "Supermärkte": "Supermarkt", "Kundinnen und Kunden": "Kunde",
    "Geflüchteten": "Geflüchtete", "Rentnerinnen und Rentner": "Rentner", "Tafeln": "Tafel",
    "Tafel Deutschland e.V.": "Tafel Deutschland", "Initiativen": "Initiative", "Verwaltungen": "Verwaltung",
    "Bürgerinnen und Bürger": "Bürger", "Bewohnerinnen und Bewohnern": "Bewohner", "Elternverein Gemeinsam Lernen e.V.": "Elternverein Gemeinsam Lernen",
}


def ref(entry: str, authors: list[str], year: int, title: str, container: str | None = None,
        editors: list[str] | None = None, publisher: str | None = None, place: str | None = None,
        pages: str | None = None) -> tuple:
    return ("ref", entry, {"authors": authors, "year": year, "title": title, "container": container,
                           "editors": editors or [], "publisher": publisher, "place": place, "pages": pages})


POSTS = [
# ------------------------------------------------------------------------------------------ 1
{"guid": "https://gemeinsinn-blog.example/?p=4101", "slug": "2024/02/hilfeplanung-mit-jugendlichen",
 "title": "Hilfeplanung mit statt über Jugendliche", "author": "Katharina Wiesner",
 "date": "Tue, 06 Feb 2024 07:45:00 +0000", "categories": ["Jugendhilfe", "Beteiligung"],
 "blocks": [
  ("p", [
    ("N/n", "Vor einigen Wochen saß ich in einem Hilfeplangespräch, in dem sieben {Fachkräfte} über die Zukunft einer Fünfzehnjährigen berieten."),
    ("N/n", "Sie selbst sagte in anderthalb Stunden genau zwei Sätze."),
    ("C", "Solche Szenen sind kein Einzelfall, sondern Ausdruck einer Praxis, die Beteiligung zwar verspricht, aber selten einlöst."),
  ]),
  ("p", [
    ("N", "Das Kinder- und Jugendstärkungsgesetz hat 2021 die Rechte junger Menschen in der Hilfeplanung gestärkt."),
    ("N", "Seither haben {Kinder} und {Jugendliche} ausdrücklich Anspruch darauf, in einer für sie verständlichen Form beteiligt zu werden."),
    ("N/d", "Die Sozialpädagogin {Marion Brückner} hat für ihre Studie Hilfeplanprotokolle aus zwölf {Jugendämtern} ausgewertet."),
    ("C/Brückner", "Nach [[{Brückner} (2019, S. 47)|n|Brückner|2019|47|0]] kommen die Wünsche der {Jugendlichen} in weniger als einem Drittel der Protokolle überhaupt vor."),
    ("C/Brückner", "Ausführlich dokumentiert werden dagegen die Einschätzungen der {Eltern} und der Schule [[(ebd.)|i|Brückner|2019||0]]."),
    ("K/Brückner/Jugendämter", "{Brückner} kritisiert, dass viele {Jugendämter} Beteiligung als Formalie behandeln, die mit einer Unterschrift unter dem Hilfeplan erledigt ist."),
  ]),
  ("h2", [("N/h", "Warum Beteiligung scheitert")]),
  ("p", [
    ("C/Lorenz", "Zeitknappheit und hohe Fallzahlen gelten als die wichtigsten Gründe ([[{Lorenz}/{Haas} 2017|p|Lorenz;Haas|2017||1]]; [[{Forschungsverbund Jugendhilfe} 2021, S. 8|p|Forschungsverbund Jugendhilfe|2021|8|2]])."),
    ("C", "Das allein erklärt aber nicht, warum {Jugendliche} selbst dort kaum zu Wort kommen, wo genug Zeit vorhanden wäre."),
    ("C/Haas", "<<»Beteiligung ist eine Haltung, keine Methode«|Haas>>, schreibt [[{Tobias Haas} (2020: 112)|n|Haas|2020|112|3]] zu Recht."),
    ("C", "Wer {Jugendliche} beteiligen will, muss ihnen vor dem Gespräch erklären, worum es geht, und ihnen danach sagen, was aus ihren Wünschen geworden ist."),
    ("C", "Dafür braucht es keine neue Software, sondern verbindliche Zeitfenster und {Sozialarbeiter*innen}, die diese Übersetzungsarbeit als Kern ihres Auftrags verstehen."),
  ]),
  ("p", [
    ("K//Landesjugendämter", "Bedauerlich ist, dass die {Landesjugendämter} das Thema seit 2015 kaum noch in ihren Fortbildungsprogrammen aufgreifen."),
    ("K//Beteiligungsbögen", "Fraglich ist auch, ob die neuen Beteiligungsbögen, die mehrere {Kommunen} derzeit testen, mehr sind als ein weiteres Formular."),
    ("C", "Beteiligung gelingt dort, wo {Jugendliche} erleben, dass ihre Stimme Folgen hat."),
  ]),
  ("p", [
    ("N/a", "Im nächsten Beitrag stellen wir ein Projekt aus Bielefeld vor, in dem {Jugendliche} ihre Hilfeplangespräche selbst moderieren."),
  ]),
  ("p", [("N/h", "Literatur:")]),
  ref("Brückner, Marion (2019): Gehört werden. Beteiligung in der Hilfeplanung. Weinheim: Beltz Juventa.",
      ["Brückner, Marion"], 2019, "Gehört werden. Beteiligung in der Hilfeplanung", publisher="Beltz Juventa", place="Weinheim"),
  ref("Lorenz, Katja/Haas, Tobias (2017): Zeit für Beteiligung? Fallbelastung im Allgemeinen Sozialen Dienst, in: Jugendhilfe-Forum, 21 (3), S. 14–22.",
      ["Lorenz, Katja", "Haas, Tobias"], 2017, "Zeit für Beteiligung? Fallbelastung im Allgemeinen Sozialen Dienst", container="Jugendhilfe-Forum", pages="14–22"),
  ref("Forschungsverbund Jugendhilfe (2021): Beteiligung in den Hilfen zur Erziehung. Ein Monitoring. Dortmund: Eigenverlag.",
      ["Forschungsverbund Jugendhilfe"], 2021, "Beteiligung in den Hilfen zur Erziehung. Ein Monitoring", publisher="Eigenverlag", place="Dortmund"),
  ref("Haas, Tobias (2020): Haltung statt Methode. Partizipation in der Heimerziehung, in: Lorenz, Katja/Stein, Mira (Hrsg.): Handbuch Partizipation. Freiburg: Lambertus, S. 103–118.",
      ["Haas, Tobias"], 2020, "Haltung statt Methode. Partizipation in der Heimerziehung", container="Handbuch Partizipation",
      editors=["Lorenz, Katja", "Stein, Mira"], publisher="Lambertus", place="Freiburg", pages="103–118"),
 ]},
# ------------------------------------------------------------------------------------------ 2
{"guid": "https://gemeinsinn-blog.example/?p=4117", "slug": "2024/03/inklusion-braucht-mehr-als-guten-willen",
 "title": "Inklusion braucht mehr als guten Willen", "author": "Johanna Kreutzer",
 "date": "Thu, 14 Mar 2024 10:00:00 +0000", "categories": ["Inklusion", "Schule"],
 "blocks": [
  ("p", [
    ("N/n", "Als {Petra Lindholm} 2022 die Leitung einer Gesamtschule im Ruhrgebiet übernahm, lernten dort 41 {Kinder} mit sonderpädagogischem Förderbedarf."),
    ("N/n", "Heute sind es fast doppelt so viele, die Zahl der {Lehrkräfte} ist dagegen gleich geblieben."),
    ("C/Lindholm", "{Lindholm} sagt, Inklusion sei an ihrer Schule <<„vor allem eine Frage der Stunden, nicht der Haltung“|Lindholm>>."),
  ]),
  ("p", [
    ("C/Pohlmann", "Wie [[{Pohlmann} (2020: 12)|n|Pohlmann|2020|12|]] zeigt, hängt der Lernerfolg inklusiver Klassen stärker von multiprofessionellen Teams ab als von der Ausstattung mit Material."),
    ("C/Sauerland", "Auch eine Längsschnittstudie kommt zu dem Ergebnis, dass {Schülerinnen und Schüler} mit und ohne Förderbedarf profitieren, wenn {Sonderpädagog:innen} fest im Kollegium verankert sind [[({Sauerland} et al. 2022, 31 f.)|p|Sauerland|2022|31 f.|]]."),
    ("C", "Teamarbeit kostet allerdings Zeit, und genau diese Zeit fehlt den {Lehrer:innen} im Alltag."),
  ]),
  ("p", [
    ("K/Elternverein Gemeinsam Lernen/Kultusministerien", "Der {Elternverein Gemeinsam Lernen e.V.} wirft den {Kultusministerien} vor, Inklusion als Sparmodell zu betreiben: Förderschulen würden geschlossen, die frei werdenden Stellen aber nicht vollständig an die Regelschulen übertragen."),
    ("C/Elternverein Gemeinsam Lernen", "Nach Angaben des {Vereins} warten {Familien} in manchen Kreisen mehr als ein halbes Jahr auf die Bewilligung einer Schulbegleitung."),
    ("N/d", "Der {Verein} hat dazu im vergangenen Jahr mehr als 600 {Eltern} befragt, die Ergebnisse sind auf seiner Website nachzulesen."),
    ("K//Länder", "Bedauerlich ist, dass die {Länder} solche Wartezeiten bis heute nicht systematisch erheben."),
  ]),
  ("h2", [("N/h", "Was jetzt passieren müsste")]),
  ("p", [
    ("C", "{Schulbegleiter*innen} dürfen nicht länger als Notlösung für fehlendes Fachpersonal dienen."),
    ("C", "Sie brauchen tarifliche Bezahlung, feste Verträge und einen Platz in den Teamsitzungen."),
    ("C", "Und die {Kultusministerien} sollten offenlegen, wie viele Stellen aus den Förderschulen tatsächlich im gemeinsamen Unterricht angekommen sind."),
    ("K//Aktionsplan", "Fraglich ist, ob der neue Aktionsplan Inklusion 2030, den das {Land} im Frühjahr vorgestellt hat, daran etwas ändert."),
    ("K/Lindholm/Plan", "Schulleiterin {Lindholm} jedenfalls ist skeptisch: Ohne zusätzliche Stellen werde der Plan <<„ein schönes Papier bleiben“|Lindholm>>."),
    ("C", "Inklusion ist ein Menschenrecht, und Menschenrechte gibt es nicht zum Nulltarif."),
  ]),
 ]},
# ------------------------------------------------------------------------------------------ 3
{"guid": "https://gemeinsinn-blog.example/?p=4123", "slug": "2024/04/integrationskurse-warten",
 "title": "Integrationskurse: Warten, bis die Motivation weg ist", "author": "Samira El-Khatib",
 "date": "Mon, 22 Apr 2024 06:30:00 +0000", "categories": ["Migration", "Integration"],
 "blocks": [
  ("p", [
    ("N/n", "Seit 2015 haben Hunderttausende {Geflüchtete} einen Integrationskurs besucht."),
    ("C", "Das ist eine beachtliche Leistung der {Träger}, der {Lehrenden} und nicht zuletzt der {Teilnehmenden} selbst."),
    ("C/Karimi", "Eine Befragung von [[{Karimi} u.a. (2022)|n|Karimi|2022||0]] zeigt allerdings, dass viele {Zugewanderte} monatelang auf einen Kursplatz warten."),
  ]),
  ("p", [
    ("C/Karimi", "Im Schnitt vergingen zwischen Anmeldung und Kursbeginn mehr als fünf Monate [[({Karimi} u.a. 2022, S. 18)|p|Karimi|2022|18|0]]."),
    ("K/Befragte/", "Viele {Befragte} bemängeln, dass sie in dieser Zeit weder Sprachförderung noch Beratung erhielten [[(ebd., S. 21)|i|Karimi|2022|21|0]]."),
    ("C/Karimi", "<<„Man lernt in dieser Zeit vor allem, dass man nicht gebraucht wird“|Karimi>>, zitieren die {Autor*innen} einen {Teilnehmer} aus Leipzig [[(ebd., S. 22)|i|Karimi|2022|22|0]]."),
  ]),
  ("p", [
    ("K/Deutscher Städtetag/Bund", "Der {Deutsche Städtetag} kritisiert seit Jahren, dass der {Bund} die Kursplätze zu knapp plant und die {Kommunen} mit den Folgen allein lässt."),
    ("C/Paritätischer Wohlfahrtsverband", "Auch der {Paritätische Wohlfahrtsverband} fordert, Wartezeiten mit niedrigschwelligen Angeboten zu überbrücken."),
    ("C/Netzwerk Migrationsberatung", "Das [[{Netzwerk Migrationsberatung} (2023, 6)|n|Netzwerk Migrationsberatung|2023|6|1]] schlägt vor, die Beratungsstellen früher einzubinden, damit niemand ohne Ansprechperson bleibt."),
  ]),
  ("h3", [("N/h", "Ehrenamt als Lückenbüßer?")]),
  ("p", [
    ("N/n", "In der Praxis springen oft {Ehrenamtliche} ein."),
    ("C/Yüksel", "[[{Yüksel} (2018)|n|Yüksel|2018||2]] zufolge organisierten {Willkommensinitiativen} schon in den ersten Jahren Sprachcafés, Hausaufgabenhilfe und Begleitung zu {Behörden}."),
    ("C", "Dieses Engagement ist wertvoll, aber es darf staatliche Verantwortung nicht ersetzen."),
    ("K//Ausländerbehörden", "Hier entstehen Abhängigkeiten, über die in den {Ausländerbehörden} kaum jemand spricht."),
    ("C", "Wer Integration ernst meint, muss den Kursbeginn garantieren und nicht nur den Anspruch darauf."),
  ]),
  ("p", [("N/h", "Quellen")]),
  ref("Karimi, S., Weber, L. & Osei, K. (2022). Warten auf den Kurs. Integrationskurse aus Sicht der Teilnehmenden. Zeitschrift für Migrationsforschung und Praxis, 9(2), 10–27.",
      ["Karimi, S.", "Weber, L.", "Osei, K."], 2022, "Warten auf den Kurs. Integrationskurse aus Sicht der Teilnehmenden",
      container="Zeitschrift für Migrationsforschung und Praxis", pages="10–27"),
  ref("Netzwerk Migrationsberatung (2023). Ankommen begleiten. Positionspapier. Hannover.",
      ["Netzwerk Migrationsberatung"], 2023, "Ankommen begleiten. Positionspapier", place="Hannover"),
  ref("Yüksel, M. (2018). Ehrenamt in der Flüchtlingshilfe. In T. Baumann & R. Ilić (Hrsg.), Engagement nach dem Sommer der Migration (S. 55–72). Wiesbaden: Springer VS.",
      ["Yüksel, M."], 2018, "Ehrenamt in der Flüchtlingshilfe", container="Engagement nach dem Sommer der Migration",
      editors=["Baumann, T.", "Ilić, R."], publisher="Springer VS", place="Wiesbaden", pages="55–72"),
 ]},
# ------------------------------------------------------------------------------------------ 4
{"guid": "https://gemeinsinn-blog.example/?p=4130", "slug": "2024/05/klimaschutz-im-verein",
 "title": "Klimaschutz im Verein: Das Vereinsheim ist Problem und Chance zugleich", "author": "Moritz Albig",
 "date": "Wed, 15 May 2024 12:10:00 +0000", "categories": ["Klimaschutz", "Vereine"],
 "blocks": [
  ("p", [
    ("N/n", "Im Vereinsheim des {TSV Grünwiesen} brennt das Flutlicht auch dann, wenn niemand mehr auf dem Platz steht."),
    ("N/n", "Die Heizung stammt aus dem Jahr 1987, die Duschen laufen mit einem alten Durchlauferhitzer."),
    ("C", "So oder ähnlich sieht es in vielen der rund 87.000 {Sportvereine} in Deutschland aus."),
  ]),
  ("p", [
    ("C/Energieagentur Mittelhessen", "Nach Berechnungen der [[{Energieagentur Mittelhessen} (2023, 14 f.)|n|Energieagentur Mittelhessen|2023|14 f.|]] ließe sich der Energieverbrauch typischer Vereinsheime mit einfachen Maßnahmen um ein Drittel senken."),
    ("C/Hofstetter", "Der Sportsoziologe {Ralf Hofstetter} hat schon früh darauf hingewiesen, dass {Vereine} dafür vor allem Menschen brauchen, die sich kümmern [[(2021, 88)|n|Hofstetter|2021|88|]]."),
    ("N", "Er spricht von <<„Klimakümmerern“|Hofstetter>> [[({Hofstetter})|a|Hofstetter|||]], die Verbräuche erfassen und Fördermittel beantragen."),
  ]),
  ("p", [
    ("K//Förderprogramme", "Genau hier hakt es: Die meisten Förderprogramme setzen voraus, dass {Vereine} Eigenmittel vorstrecken und Anträge in Fachsprache schreiben."),
    ("K/Deutscher Olympischer Sportbund/", "Der {Deutsche Olympische Sportbund} warnt davor, dass kleine {Vereine} beim Klimaschutz abgehängt werden, weil ihnen hauptamtliche Strukturen fehlen."),
    ("C", "Ist es nicht längst Aufgabe der {Kommunen}, ihre {Vereine} bei der Sanierung aktiv zu unterstützen, statt auf Anträge zu warten?"),
    ("C", "Viele Vereinsheime stehen schließlich auf kommunalem Grund und werden auch für den Schulsport genutzt."),
  ]),
  ("p", [
    ("N/q", "Was können {Vereine} selbst tun?"),
    ("C", "Ein erster Schritt ist eine ehrliche Bestandsaufnahme: Zählerstände notieren, Heizzeiten prüfen, das Flutlicht auf LED umstellen."),
    ("C", "Das kostet wenig und schafft Vertrauen bei den {Mitgliedern}, wenn später größere Investitionen anstehen."),
    ("N/n", "Beim {TSV Grünwiesen} hat eine Arbeitsgruppe aus fünf {Ehrenamtlichen} im Haushalt 2023 erstmals ein eigenes Klimabudget durchgesetzt."),
    ("N/n", "Mit dem Geld wurden zunächst Thermostate und Bewegungsmelder gekauft."),
  ]),
  ("p", [
    ("N/a", "Am 14. März laden wir gemeinsam mit der {Energieagentur Mittelhessen} zu einem Online-Workshop für {Vereinsvorstände} ein."),
    ("N/a", "Die Anmeldung ist bis Ende Februar möglich."),
  ]),
 ]},
# ------------------------------------------------------------------------------------------ 5
{"guid": "https://gemeinsinn-blog.example/?p=4138", "slug": "2024/06/genossenschaften-mehr-als-guenstige-mieten",
 "title": "Genossenschaften: Mehr als günstige Mieten", "author": "Helge Marquardt",
 "date": "Fri, 07 Jun 2024 09:00:00 +0000", "categories": ["Wohnen", "Genossenschaften"],
 "blocks": [
  ("p", [
    ("C", "In vielen Großstädten gelten {Wohnungsgenossenschaften} als letzte Inseln bezahlbaren Wohnens."),
    ("C", "Das stimmt, greift aber zu kurz."),
    ("C", "{Genossenschaften} sind auch Orte, an denen {Mieterinnen und Mieter} Mitbestimmung einüben – die Soziologin {Gerda Thalheim} nennt sie eine <<„Schule der Demokratie“|Thalheim>> [[({Thalheim})|a|Thalheim|||0]]."),
  ]),
  ("p", [
    ("C/Thalheim", "[[{Thalheim} (2016)|n|Thalheim|2016||0]] zufolge engagieren sich {Mitglieder} von {Genossenschaften} deutlich häufiger in ihrem Stadtteil als {Mieter} privater {Vermieter}."),
    ("C/Thalheim", "Den Grund sieht sie in der Erfahrung, über das eigene Haus tatsächlich mitentscheiden zu können ([[{Thalheim} 2016, 33|p|Thalheim|2016|33|0]]; [[{Nguyen}/{Roth} 2020, 101 f.|p|Nguyen;Roth|2020|101 f.|1]])."),
    ("N/d", "{Nguyen} und {Roth} haben dafür Mitgliederversammlungen in sechs Berliner {Genossenschaften} beobachtet."),
  ]),
  ("h2", [("N/h", "Wo es knirscht")]),
  ("p", [
    ("K/Nguyen/Vorstände", "Die beiden {Autorinnen} beschreiben allerdings auch Schattenseiten: Sie bemängeln, dass {Vorstände} wichtige Entscheidungen oft lange vor der Versammlung treffen und die {Mitglieder} nur noch zustimmen lassen [[(2020, 108)|n|Nguyen;Roth|2020|108|1]]."),
    ("K//Genossenschaften", "Hinzu kommt ein Problem, über das in der Branche ungern gesprochen wird: Viele ältere {Genossenschaften} nehmen seit Jahren keine neuen {Mitglieder} mehr auf."),
    ("N/n", "Bei einer großen Genossenschaft in Hamburg warten derzeit mehr als 4.000 {Interessierte} auf eine Wohnung."),
    ("C", "Wer auf der Warteliste steht, hat von Mitbestimmung wenig."),
    ("C", "Genossenschaftliche Mitbestimmung darf kein Privileg derjenigen werden, die früh genug eingezogen sind."),
  ]),
  ("p", [
    ("C", "Dass es anders geht, zeigt die {Wohnungsgenossenschaft Lindenhof eG} in Kassel, die ein Viertel ihrer frei werdenden Wohnungen an Haushalte mit Wohnberechtigungsschein vergibt."),
    ("C/Özdemir", "Ihr Vorstand {Murat Özdemir} argumentiert, dass eine Genossenschaft <<„nur dann gemeinwohlorientiert ist, wenn sie nicht bloß ihre {Mitglieder} versorgt“|Özdemir>>."),
    ("C", "{Kommunen} sollten solche Modelle unterstützen, etwa indem sie Grundstücke bevorzugt in Erbpacht an {Genossenschaften} vergeben."),
  ]),
  ("p", [("N/h", "Literatur")]),
  ref("Thalheim, Gerda (2016): Schule der Demokratie. Genossenschaftliches Wohnen und politische Teilhabe. Bielefeld: transcript.",
      ["Thalheim, Gerda"], 2016, "Schule der Demokratie. Genossenschaftliches Wohnen und politische Teilhabe", publisher="transcript", place="Bielefeld"),
  ref("Nguyen, Linh/Roth, Annika (2020): Mitbestimmung im Bestand. Beobachtungen aus Berliner Wohnungsgenossenschaften. In: Engel, Sabine (Hrsg.): Gemeinschaftlich wohnen. Münster: Waxmann, S. 97–115.",
      ["Nguyen, Linh", "Roth, Annika"], 2020, "Mitbestimmung im Bestand. Beobachtungen aus Berliner Wohnungsgenossenschaften",
      container="Gemeinschaftlich wohnen", editors=["Engel, Sabine"], publisher="Waxmann", place="Münster", pages="97–115"),
 ]},
# ------------------------------------------------------------------------------------------ 6
{"guid": "https://gemeinsinn-blog.example/?p=4145", "slug": "2024/07/gemeinwesenarbeit-im-nordhafen",
 "title": "Gemeinwesenarbeit im Nordhafen: Ein Jahr nach dem Abriss", "author": "Anna-Lena Vogt",
 "date": "Tue, 09 Jul 2024 14:20:00 +0000", "categories": ["Stadtteilarbeit", "Wohnen"],
 "blocks": [
  ("p", [
    ("N/n", "Vor einem Jahr ließ die {Stadtbau Nordhafen GmbH} den letzten der drei Wohnblöcke an der Hafenstraße abreißen."),
    ("N/n", "Rund 300 {Mieterinnen und Mieter} mussten umziehen, viele von ihnen in andere Stadtteile."),
    ("N/n", "Das Quartiersbüro, das wir seit 2016 gemeinsam mit dem {Caritasverband} betreiben, hat diesen Prozess begleitet."),
  ]),
  ("p", [
    ("N/n", "Quartiersmanagerin {Sevda Aydın} erinnert sich an die ersten Versammlungen, in denen die {Bewohnerinnen und Bewohner} vor allem wütend waren."),
    ("C/Aydın", "<<„Die Leute hatten das Gefühl, dass über ihre Köpfe hinweg entschieden wird, und sie hatten recht“|Aydın>>, sagt {Aydın}."),
    ("K/Aydın/Stadtbau Nordhafen", "Sie wirft der {Stadtbau Nordhafen} vor, die Pläne erst öffentlich gemacht zu haben, als die Verträge längst unterschrieben waren."),
  ]),
  ("p", [
    ("C/Morawietz", "In der Fachliteratur gilt Gemeinwesenarbeit als Versuch, {Bewohner} nicht als Objekte von Planung, sondern als Gestalter ihres Stadtteils anzusprechen (vgl. [[{Morawietz} 2019, S. 23|p|Morawietz|2019|23|]]; [[{Frey}/{Adeyemi} 2021|p|Frey;Adeyemi|2021||]])."),
    ("C/Morawietz", "[[{Morawietz} (2019, S. 31)|n|Morawietz|2019|31|]] betont, dass dafür Zeit und Kontinuität nötig sind, die Projektförderungen selten bieten."),
    ("K/Morawietz/Befriedungsarbeit", "Zugleich warnt er vor einer <<„Befriedungsarbeit“|Morawietz>>, die Konflikte moderiert, statt Interessen zu stärken [[(a.a.O., S. 34)|i|Morawietz|2019|34|]]."),
    ("C", "Dieser Hinweis ist für unsere Arbeit zentral."),
  ]),
  ("h2", [("N/h", "Was bleibt")]),
  ("p", [
    ("C", "Ein Jahr später fällt unsere Bilanz gemischt aus."),
    ("N/n", "Ein Teil der ehemaligen Nachbarschaft trifft sich weiterhin im Stadtteilcafé, und der {Mieterrat} hat durchgesetzt, dass im Neubau ein Drittel der Wohnungen sozial gebunden bleibt."),
    ("K//Stadt", "Schade ist, dass die {Stadt} den Haushalt 2023 genutzt hat, um die Mittel für das Quartiersbüro um ein Viertel zu kürzen."),
    ("K/Deutscher Städtetag/Bund", "Auch der {Deutsche Städtetag} beklagt, dass {Kommunen} Gemeinwesenarbeit immer häufiger aus befristeten Sondertöpfen finanzieren müssen, weil der {Bund} seine Programme kürzt."),
    ("C", "Gemeinwesenarbeit braucht eine Regelfinanzierung, sonst bleibt sie ein Feuerwehreinsatz nach dem Abriss."),
  ]),
  ("p", [
    ("N/a", "Im Oktober feiern wir mit den {Bewohnerinnen und Bewohnern} das zehnjährige Bestehen des Stadtteilcafés, das Programm folgt in Kürze."),
  ]),
 ]},
# ------------------------------------------------------------------------------------------ 7
{"guid": "https://gemeinsinn-blog.example/?p=4152", "slug": "2024/08/service-learning-studierende-im-stadtteil",
 "title": "Service Learning: Wenn Studierende in den Stadtteil gehen", "author": "Mareike Lüttgen",
 "date": "Mon, 26 Aug 2024 08:00:00 +0000", "categories": ["Hochschule", "Zivilgesellschaft"],
 "blocks": [
  ("p", [
    ("N/n", "In diesem Semester arbeiten 46 {Studierende} unseres Fachbereichs in Projekten mit gemeinnützigen {Organisationen} in der Stadt."),
    ("N/n", "Sie entwickeln mit einer {Tafel} ein Buchungssystem, begleiten Hausaufgabenhilfen und werten für einen {Mieterverein} eine Umfrage aus."),
    ("C", "Service Learning verbindet so Lehre mit gesellschaftlicher Verantwortung."),
  ]),
  ("p", [
    ("C", "Spätestens seit der {Wissenschaftsrat} 2016 den Transfer als gleichrangige Aufgabe neben Forschung und Lehre beschrieben hat, gehört die sogenannte Third Mission zum Selbstverständnis vieler {Hochschulen}."),
    ("C/Feldmann", "Wie [[{Feldmann} und {Otieno} (2018)|n|Feldmann;Otieno|2018||1]] zeigen, profitieren {Studierende} vor allem dann, wenn die {Praxispartner} als gleichberechtigt wahrgenommen werden."),
    ("C/Feldmann", "In einer späteren Studie mit 14 {Hochschulen} bestätigen [[{Feldmann} et al. (2021, S. 9–11)|n|Feldmann|2021|9–11|0]] diesen Befund."),
  ]),
  ("p", [
    ("K/Feldmann/Hochschulen", "Zugleich bemängeln die {Autor*innen}, dass viele {Hochschulen} die Kooperationen nach Semesterende einfach auslaufen lassen [[(ebd., S. 12)|i|Feldmann|2021|12|0]]."),
    ("C", "Für kleine {Vereine} bedeutet das: Sie investieren Zeit in die Einarbeitung, und wenn das Projekt endlich läuft, sind die {Studierenden} wieder weg."),
    ("K//Hochschulen", "Fraglich ist, ob die {Hochschulen} diese Kosten überhaupt wahrnehmen."),
  ]),
  ("p", [
    ("C/Sørensen", "Nach [[{Sørensen} (2020, 57)|n|Sørensen|2020|57|2]] sollten Kooperationsvereinbarungen deshalb mindestens zwei Jahre umfassen und eine Aufwandsentschädigung für die {Partnerorganisationen} vorsehen."),
    ("C", "Dem schließe ich mich an."),
    ("C", "{Hochschulen} müssen lernen, dass die {Zivilgesellschaft} kein Labor ist, in dem man Lehrveranstaltungen durchführt."),
    ("N/a", "Am 3. Dezember stellen unsere {Studierenden} ihre Projekte im Rathaus vor; alle {Interessierten} sind herzlich eingeladen."),
  ]),
  ("p", [("N/h", "Literaturverzeichnis")]),
  ref("Feldmann, J., Kral, U. & Sommer, P. (2021). Lernen durch Engagement an Hochschulen. Eine Vergleichsstudie. Opladen: Barbara Budrich.",
      ["Feldmann, J.", "Kral, U.", "Sommer, P."], 2021, "Lernen durch Engagement an Hochschulen. Eine Vergleichsstudie",
      publisher="Barbara Budrich", place="Opladen"),
  ref("Feldmann, J. & Otieno, G. (2018). Partnerschaft auf Augenhöhe? Service Learning aus Sicht der Praxis. Zeitschrift für Hochschulentwicklung und Engagement, 6(1), 44–59.",
      ["Feldmann, J.", "Otieno, G."], 2018, "Partnerschaft auf Augenhöhe? Service Learning aus Sicht der Praxis",
      container="Zeitschrift für Hochschulentwicklung und Engagement", pages="44–59"),
  ref("Sørensen, K. (2020). Community Partnerships in Higher Education. London: Routledge.",
      ["Sørensen, K."], 2020, "Community Partnerships in Higher Education", publisher="Routledge", place="London"),
 ]},
# ------------------------------------------------------------------------------------------ 8
{"guid": "https://gemeinsinn-blog.example/?p=4160", "slug": "2024/09/offene-daten-fuer-das-gemeinwohl",
 "title": "Offene Daten für das Gemeinwohl – und warum Vereine sie kaum nutzen", "author": "Niklas Obermaier",
 "date": "Thu, 19 Sep 2024 11:45:00 +0000", "categories": ["Open Data", "Digitalisierung"],
 "blocks": [
  ("p", [
    ("N/n", "Seit dem Open-Data-Gesetz von 2017 sind {Bundesbehörden} verpflichtet, unbearbeitete Daten offen bereitzustellen."),
    ("N/n", "Viele {Länder} und {Kommunen} sind nachgezogen, manche mit eigenen Portalen und ehrgeizigen Zielen wie der Digitalstrategie 2030 einer großen Landeshauptstadt."),
    ("C", "Für die {Zivilgesellschaft} ist das eine Chance, die sie bisher kaum nutzt."),
  ]),
  ("p", [
    ("C/Datenlabor Zivilgesellschaft", "Laut einer Umfrage des [[{Datenlabors Zivilgesellschaft} (2022, S. 5)|n|Datenlabor Zivilgesellschaft|2022|5|]] hat nur jeder zehnte gemeinnützige {Verein} schon einmal offene Verwaltungsdaten verwendet."),
    ("C/Datenlabor Zivilgesellschaft", "Als Gründe nennen die {Befragten} fehlende Zeit, fehlendes Know-how und Daten, die nicht zu ihren Fragen passen [[(ebenda, S. 7)|i|Datenlabor Zivilgesellschaft|2022|7|]]."),
    ("N/d", "Die Studie beruht auf einer Online-Befragung von gut 900 {Organisationen} aus ganz Deutschland."),
    ("C", "Repräsentativ ist sie nicht, sie dürfte das Problem aber eher unterschätzen, weil vor allem digital affine {Vereine} geantwortet haben."),
    ("C/Buchholz", "[[{Buchholz} (2021)|n|Buchholz|2021||]] argumentiert, dass offene Daten ohne Vermittlung vor allem denen nützen, die ohnehin über Ressourcen verfügen."),
    ("K/Buchholz/Verwaltungen", "{Buchholz} hinterfragt zudem, ob {Verwaltungen} ihre Portale wirklich für {Bürgerinnen und Bürger} bauen oder vor allem für die eigene Statistik."),
    ("C/Buchholz", "Sie spricht von einer <<»Datendividende für die Starken«|Buchholz>> [[({Buchholz} 2021: 44ff.)|p|Buchholz|2021|44ff.|]]."),
  ]),
  ("h2", [("N/h", "{Plattformen} als Datensammler")]),
  ("p", [
    ("C", "Während öffentliche Daten ungenutzt bleiben, sammeln kommerzielle {Plattformen} über {Vereine} und ihre {Mitglieder} mehr Informationen als je zuvor."),
    ("K/Datenschützer/Meta", "{Datenschützer*innen} werfen {Meta} seit Langem vor, Vereinsgruppen auf {Facebook} als kostenlose Datenquelle zu nutzen."),
    ("K//TikTok", "Und wer seine Jugendarbeit auf {TikTok} verlagert, überlässt einem {Konzern} die Entscheidung darüber, welche Inhalte {Jugendliche} überhaupt zu sehen bekommen."),
    ("K//Wohlfahrtsverbände", "Bedauerlich ist, dass die großen {Wohlfahrtsverbände} hier bislang kaum Alternativen anbieten."),
  ]),
  ("p", [
    ("C", "Es braucht Datenkompetenz in den {Organisationen} selbst und Förderprogramme, die offene Werkzeuge und offene Daten ausdrücklich belohnen."),
    ("C", "{Kommunen} wiederum sollten ihre Datensätze gemeinsam mit lokalen {Initiativen} auswählen, statt nur zu veröffentlichen, was in der Verwaltung ohnehin vorliegt."),
    ("C", "Open Data ist kein Thema für Technikfans, sondern eine Frage der demokratischen Teilhabe."),
  ]),
 ]},
# ------------------------------------------------------------------------------------------ 9
{"guid": "https://gemeinsinn-blog.example/?p=4168", "slug": "2024/10/sozialunternehmen-zwischen-wirkung-und-rendite",
 "title": "Sozialunternehmen zwischen Wirkung und Rendite", "author": "Clara Reichenbach",
 "date": "Wed, 16 Oct 2024 07:15:00 +0000", "categories": ["Sozialunternehmen", "Förderpolitik"],
 "blocks": [
  ("p", [
    ("N/d", "Der Begriff Sozialunternehmen ist in Deutschland nicht gesetzlich definiert."),
    ("N/d", "Gemeint sind meist {Organisationen}, die ein gesellschaftliches Problem mit unternehmerischen Mitteln lösen wollen und Gewinne überwiegend wieder investieren."),
    ("C/Social Entrepreneurship Netzwerk Deutschland", "Nach Schätzungen des {Social Entrepreneurship Netzwerks Deutschland} gibt es inzwischen mehrere zehntausend solcher {Unternehmen}."),
  ]),
  ("p", [
    ("N/n", "Im Herbst 2023 hat die {Bundesregierung} eine nationale Strategie für {Sozialunternehmen} beschlossen."),
    ("N/n", "Auch das {Bundesministerium für Arbeit und Soziales} fördert seit Jahren Projekte, in denen {Sozialunternehmen} {Langzeitarbeitslose} beschäftigen."),
    ("C", "Eine eigene Strategie ist überfällig, denn bislang fallen {Sozialunternehmen} durch das Raster: Für die klassische Wirtschaftsförderung sind sie zu gemeinnützig, für die Wohlfahrtspflege zu unternehmerisch."),
  ]),
  ("p", [
    ("C/Schwarz-Meier", "[[{Schwarz-Meier} (2021, 5–7)|n|Schwarz-Meier|2021|5–7|0]] beschreibt das als <<“doppelte Legitimationsfalle”|Schwarz-Meier>>: {Sozialunternehmen} müssen gegenüber {Investoren} ihre Wirtschaftlichkeit und gegenüber {Kostenträgern} ihre Gemeinnützigkeit beweisen."),
    ("C/Park", "Ähnlich argumentiert {Jiwon Park}, die in zwei Studien {Gründerinnen und Gründer} sozialer Start-ups befragt hat ([[{Park} 2019, 88|p|Park|2019|88|1]]; [[2020, 14|p|Park|2020|14|2]])."),
    ("K/Park/Banken", "{Park} kritisiert vor allem die {Banken}, die {Sozialunternehmen} Kredite verweigern, weil deren Geschäftsmodelle nicht in ihre Bewertungsraster passen."),
  ]),
  ("h2", [("N/h", "Wirkung messen – aber wie?")]),
  ("p", [
    ("N", "Viele {Förderer} verlangen inzwischen Wirkungsnachweise."),
    ("C", "Grundsätzlich ist das richtig, denn auch gut gemeinte Projekte können wirkungslos sein."),
    ("K//Wirkungsnachweise", "Problematisch wird es, wenn {Sozialunternehmen} mehr Zeit in Kennzahlen investieren als in ihre {Zielgruppen}."),
    ("K//Wirkung", "Fraglich ist außerdem, ob sich die Wirkung von Beratung oder Begleitung überhaupt in Zahlen fassen lässt."),
    ("C", "{Sozialunternehmen} brauchen deshalb Förderinstrumente, die Lernen erlauben, statt nur Erfolge abzufragen."),
  ]),
  ("p", [("N/h", "Quellen:")]),
  ref("Schwarz-Meier, Henrike (2021): Zwischen Markt und Mission. Legitimationsprobleme von Sozialunternehmen. Wiesbaden: Springer VS.",
      ["Schwarz-Meier, Henrike"], 2021, "Zwischen Markt und Mission. Legitimationsprobleme von Sozialunternehmen",
      publisher="Springer VS", place="Wiesbaden"),
  ref("Park, Jiwon (2019): Gründen mit Sinn. Finanzierungswege sozialer Start-ups, in: Journal für Gemeinwohlökonomie, 11 (4), S. 80–95.",
      ["Park, Jiwon"], 2019, "Gründen mit Sinn. Finanzierungswege sozialer Start-ups", container="Journal für Gemeinwohlökonomie", pages="80–95"),
  ref("Park, Jiwon (2020): Soziale Innovation und Risiko, in: Steiner, Ruth/Vukić, Daria (Hg.): Soziale Innovationen finanzieren. Frankfurt a. M.: Campus, S. 9–25.",
      ["Park, Jiwon"], 2020, "Soziale Innovation und Risiko", container="Soziale Innovationen finanzieren",
      editors=["Steiner, Ruth", "Vukić, Daria"], publisher="Campus", place="Frankfurt a. M.", pages="9–25"),
 ]},
# ------------------------------------------------------------------------------------------ 10
{"guid": "https://gemeinsinn-blog.example/?p=4175", "slug": "2024/11/tafeln-am-limit",
 "title": "Tafeln am Limit: Was Ehrenamt nicht leisten kann", "author": "Bernd Kölsch",
 "date": "Thu, 14 Nov 2024 08:30:00 +0000", "categories": ["Armut", "Ehrenamt"],
 "blocks": [
  ("p", [
    ("N/n", "Montagmorgen, kurz nach acht: Vor der Ausgabestelle in der Lindenstraße stehen schon zwanzig Menschen, obwohl die Türen erst um zehn öffnen."),
    ("N/n", "Drinnen sortieren sieben {Ehrenamtliche} Gemüse, das ein {Supermarkt} am Vortag aussortiert hat."),
    ("N/n", "Die meisten von ihnen sind selbst im Rentenalter, bezahlte {Mitarbeitende} gibt es in der Ausgabestelle nur zwei."),
  ]),
  ("p", [
    ("C/Tafel Deutschland", "Die Zahl der {Kundinnen und Kunden} ist bei vielen {Tafeln} seit 2022 stark gestiegen [[({Tafel Deutschland} 2023)|p|Tafel Deutschland|2023||]]."),
    ("C/Tafel Deutschland", "Neben {Geflüchteten} kommen immer mehr {Rentnerinnen und Rentner} und {Familien}, deren Einkommen für Lebensmittel nicht mehr reicht."),
    ("K/Tafel Deutschland/", "Der Dachverband {Tafel Deutschland e.V.} warnt seit Monaten davor, dass die {Tafeln} an ihre Grenzen kommen: Einige mussten bereits Aufnahmestopps verhängen."),
  ]),
  ("p", [
    ("C/Weißenborn", "Die Armutsforscherin {Ulrike Weißenborn} hat früh darauf hingewiesen, dass {Tafeln} in eine Rolle gedrängt werden, für die sie nie gedacht waren."),
    ("K/Weißenborn/Sozialstaat", "Sie seien <<„zum stillen Ausfallbürgen eines Sozialstaats geworden, der sich auf das Ehrenamt verlässt“|Weißenborn>>, schreibt [[{Weißenborn} (2018: 77)|n|Weißenborn|2018|77|]]."),
    ("C/Weißenborn", "Mit jeder neuen {Tafel}, so ihr Argument, sinke der Druck auf die {Politik}, die Regelsätze armutsfest zu machen [[(2018: 80)|n|Weißenborn|2018|80|]]."),
  ]),
  ("p", [
    ("K//Kritiker", "Ich teile diese Sorge, halte die Schlussfolgerung mancher {Kritiker}, man solle {Tafeln} deshalb abschaffen, aber für falsch."),
    ("C", "Solange Menschen hungrig zur Ausgabestelle kommen, wäre es zynisch, die Türen zu schließen."),
    ("K//Bundesministerium für Arbeit und Soziales", "Umso unverständlicher ist, dass das {Bundesministerium für Arbeit und Soziales} die Arbeit der {Tafeln} zwar regelmäßig lobt, sich an ihren Kosten aber nicht beteiligt."),
    ("K//Regelsätze", "Fraglich ist, ob die geplante Erhöhung der Regelsätze überhaupt ausreicht, um die gestiegenen Preise auszugleichen."),
  ]),
  ("p", [
    ("C/Caritas", "Die {Caritas} und die {Diakonie} fordern seit Langem, Lebensmittelspenden steuerlich zu erleichtern und {Supermärkte} zur Weitergabe zu verpflichten."),
    ("C", "Das wäre ein Anfang, aber kein Ersatz für eine Grundsicherung, die zum Leben reicht."),
    ("N/a", "Wer unsere {Tafel} unterstützen möchte, findet alle Informationen zur Mitarbeit auf unserer Website."),
  ]),
 ]},
]
