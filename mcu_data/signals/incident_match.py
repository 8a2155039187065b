"""Whether two residents' messages speak of one problem in the world (one incident), by rules a clerk would agree with.

A message is read once (`read`, cached by its text): its problem concepts from a small lexicon of synonym classes,
the streets, house numbers and landmarks it names, the people a personal case concerns, and markers (a whole settlement affected, the problem still unresolved, a recurrence after a fix, a
confirmation under a post, a consequence that needs its own decision); the settlements a text names are read
apart (`named_settlements`), only for a message whose source gave none. `score` compares two readings: a conflict
rules the pair out (another settlement, another street, another house, another numbered building, another doctor,
a repeat after a fix, a long gap with nothing saying the problem lasted, problems of unrelated concept families,
another fault of one thing, another piece of one playground, a consequence beside its cause or what finished work
left behind, a reply «а у нас…» with a place of its own, another kind of help in a personal case) — except that a
network's outage told on two streets of one village within two days is one outage and has no one landmark;
otherwise shared concepts (or one family of them), shared
words weighted by their part of speech (weighed more where the lexicon knows one side or neither), a shared place
and a reply that confirms a post make the score (a short reply with no problem and no place of its own inherits
the post's problem). `may_match` and `block_key` are the cheap checks the grouping uses to choose
the pairs it scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache

from mcu_data.core.config import REFERENCE_DIR
from mcu_data.ingest import gazetteer, morph

SAME_AT = 0.5  # score(a, b) >= SAME_AT: the same problem
MAX_DAYS = 60  # an unresolved problem is written about again for weeks («ФАП так и не открыли»); beyond this, never
SHORT_DAYS = 7  # within a week the same problem goes on without anyone saying so; later a message must say it lasts
RECURRENCE_DAYS = 2  # «опять», «снова» within a couple of days is the same breakdown told again, later a new one
COMMENT_HOURS = 24  # a short confirmation («всё так и есть») belongs to a post written within this time
COMMENT_WORDS = 10  # and is short: a reply of more content words than this tells something of its own
CACHE_TEXTS = 200_000  # distinct texts whose reading is kept: a week's import and its window

# themes a source may give one problem: a pole on the road is «roads» to one source and «energy» to another;
# two messages are compared only when their themes share a group («other» goes with any)
THEME_GROUPS = (
    # problems of a place: a street, a building, a network, a service that stands somewhere
    frozenset(
        {"housing", "roads", "energy", "waste", "construction", "property", "land", "transport", "health"}
        | {"education", "culture", "sport", "trade"}
    ),
    frozenset({"health", "social", "guardianship"}),  # one person's care
    frozenset({"social", "housing", "energy"}),  # fuel, utility subsidies
    frozenset({"trade", "economy", "land", "property", "construction"}),
    frozenset({"economy", "housing", "waste", "energy"}),  # a bill for a utility: filed under the bill or the service
)
ANY_THEME = "other"

# Problem concepts: code -> cues. A cue is «words» or «words + words»: every group needs one of its words among the
# text's lemmas; a word ending in «*» matches lemmas that start with it. A concept is found when any of its cues is.
CONCEPTS: dict[str, tuple[str, ...]] = {
    # electricity
    "power_outage": (
        "свет электроснабжение электроэнергия электричество обесточить обесточенный подстанция трансформатор "
        "вырубить россет* электросеть энергосбыт фаза",
    ),
    # the power is there but poor: low or jumping voltage, flickering lamps — a fault of its own, not an outage
    "voltage": (
        "вольт стабилизатор",
        "напряжение + перепад скачок скакать низкий прыгать маленький слабый падать упасть",
        "свет + моргать мигать мерцать",  # the light of the house; a lamp that blinks in the stairwell is the lamp
    ),
    "streetlight": ("фонарь освещение прожектор", "лампа + уличный столб перегореть"),
    # darkness alone may be the street lights or an outage: it goes with either (`DARK_MEANS`)
    "dark": ("темно темнотища",),
    "power_line": (
        "провод проводы лэп искрить обрыв",
        "столб опора + упасть упавший наклониться накрениться качать повалить падать",
    ),
    # gas
    "gas_pressure": (
        "газ газа газовый конфорка плита + давление слабый еле минимум тухнуть гаснуть отключаться потухнуть",
        "газ газа + нет без отключить отключение пропасть перекрыть",
        "котел + тухнуть гаснуть потухнуть",
    ),
    "gas_leak": ("газ газа газовый + запах пахнуть утечка вонять",),
    "gasification": (
        "газификация догазификация газифицировать газопровод баллон",
        "газ газа газовый + врезка подключение",
    ),
    # a damaged pipe of the network: «повредили газовую трубу», «газопровод прогнут»
    "gas_pipe": ("газовый газопровод + труба повредить повреждение повреждать прогнуть согнуть порвать зацепить",),
    # water, heat, sewage
    "water_quality": ("вода кран водопровод + ржавый желтый мутный запах грязный песок коричневый вонять вонючий",),
    "water_supply": (
        "водоснабжение водокачка водоканал водовоз",
        "сухо + кран колонка водопровод труба дать подать",  # «в кране сухо», «Садовая — сухо, когда дадут?»
        "вода водичка + нет нету без отключить отключение отсутствовать перебой напор дать пропасть подача сухой слабый еле "
        "капля",
        "вода водичка + не + идти течь",  # «вода не идёт», «из крана не течёт»
        "капля + нет ни",
        "напор + пропасть нет слабый упасть никакой",
        "кран + пусто сухо сухой воздух шипеть",
        "водопровод + не + работать",
        "колонка скважина насос водокачка + качать работать сломаться сгореть",
    ),
    "water_leak": (
        "утечка порыв прорыв прорвать течь теча потоп",
        "вода водопровод труба + бежать хлестать литься фонтан вытекать выходить фонтанировать лопнуть",
        "вода + бить + земля асфальт люк труба колодец",  # «из земли бьёт вода», not «бьют колёса в яме с водой»
    ),
    "water_pump": ("колонка скважина водокачка",),  # the thing; what is wrong with it is another concept
    "washout": ("размыть размывать подмыть подмывать промоина размыв вымыть вымывать",),
    "flooding": ("подтопление подтопить затопить затапливать лужа водоотвод кювет ливневка", "вода + стоять стоить"),
    "heating": (
        "отопление батарея котельная холодно холодина холод холодрыга дубак мерзнуть теплоснабжение градусник",
        "градус + квартира батарея группа класс кабинет помещение палата",
        "котел + сломаться неисправность неисправный сломать авария починить запускаться стартовать заводиться",
    ),
    "sewage": ("канализация канализационный септик откачка ассенизатор нечистоты фекалия сток выгребной",),
    # waste and fire
    "waste": (
        "мусор* помойк* тко отход* контейнер* бак урна мешок невывоз вывоз крупногабаритный",
        "вывозить вывозиться вывезти + площадка",
    ),
    "dump": ("свалка",),
    # a container broken or knocked over: a repair of the container, not a collection of the waste
    "container_damage": (
        "колесо крышка + бак контейнер мусорка",
        "бак контейнер мусорка + сломать сломанный оторвать оторванный отвалиться перевернуть перевернутый",
    ),
    "fire": (
        "пожар дым дымить задымление пожарный тлеть поджог гарь",
        "гореть загореться сгореть + свалка трава сухостой мусор камыш поле сарай баня гараж лес дом",
    ),
    # roads
    "pothole": (
        "яма ям ямка ямища выбоина колдобина ямочный провал дыра ухаб рытвина",
        "асфальт дорога + разбить разбитый провалиться убитый",
        "месиво распутица бездорожье непролазный",
        "застревать застрять увязнуть + дорога машина",  # a road cars get stuck in
        "каша + дорога дождь грязь проехать проезд",
    ),
    "paving": ("заасфальтировать асфальтировать асфальтирование", "твердый + покрытие"),
    "grading": ("грейдер грейдировать прогрейдировать колея отсыпать отсыпка грунтовка щебень",),
    "snow": (
        "снег сугроб снегопад перемет расчистить расчищать расчищаться расчистка чистить снегоуборочный "
        "снегоочиститель замести занести откапываться откапывать откопать",  # «с утра откапываемся»
    ),
    # ice is sanded, snow is cleared: two jobs, often of two crews
    "ice": ("гололед гололедица наледь скользко посыпать подсыпать лед",),
    "sidewalk": ("тротуар",),
    "crossing": ("переход зебра светофор разметка",),
    "speed_bump": ("неровность", "лежачий + полицейский"),
    "road_sign": ("знак",),
    "bridge_damage": (
        "мост мостик + просесть провалиться обрушиться разрушаться трещина подмыть промоина прогнить настил доска "
        "аварийный шататься",
    ),
    "railing": ("перила", "ограждение + мост мостик"),
    # a torn or fallen fence or net, wherever it stands (not a fence moved onto a lane: `encroachment`)
    "fence_damage": (
        "забор ограждение ограда сетка + оторваться порвать рваный упасть повалиться повалить сломать сломанный дыра без",
    ),
    # greenery, animals, playgrounds
    "tree": ("дерево тополь береза клен ветка сухостой спилить спил вяз ива сук крона кронирование сосна липа",),
    # the pieces of a playground, each its own thing: a broken swing and a cracked slide are two repairs
    "swing": ("качели качель",),
    "slide": ("горка",),
    "carousel": ("карусель",),
    "sandbox": ("песочница",),
    "workout": ("турник брусья тренажер",),  # one outdoor gym to its users, whichever word they use
    "stray_dogs": (
        "стая бродячий свора",
        "собака пес + кидаться бросаться укусить напасть нападать бегать покусать гнаться злой агрессивный бездомный "
        "бояться страшно опасно",  # «детям страшно мимо ходить»: dogs people fear
    ),
    "noise": ("шум шуметь шумный громкий тишина грохот грохотать музыка", "собака пес + выть лаять цепь"),
    "pollution": ("навоз свинарник выброс", "ферма + вонь вонять запах пахнуть"),
    # transport
    "bus_service": (
        "рейс маршрут",
        "автобус маршрутка + ходить отменить восстановить отмена пустить прийти приходить нет сломаться выходить приехать "
        "приезжать",
        "утренний вечерний дневной + прийти приходить ходить отменить",
    ),
    "school_bus": ("школьный + автобус", "автобус + ребенок дети школьник ученик"),  # the bus that carries the children
    "bus_late": ("опоздание опаздывать расписание",),
    "bus_driver": ("водитель кондуктор + хамить грубить высаживать хамство грубый",),
    "bus_stop": ("павильон навес",),
    # health
    "ambulance": (
        "неотложка",
        "скорый + помощь ждать дождаться ехать приехать вызвать вызов прибыть подъехать",
        "бригада + прибыть приехать вызов вызвать ждать ехать",
    ),
    "doctor_access": (
        "талон записаться запись регистратура",
        "терапевт педиатр хирург стоматолог окулист врач + попасть принимать очередь нет уволиться",
    ),
    "fap": ("фап фапе фельдшер фельдшерский",),  # «в фапе»: the dictionary reads its own lemma
    "medicine": ("лекарство препарат инсулин рецепт",),
    "parking": ("стоянка парковка парковаться припарковаться",),
    # education, culture, sport
    "staff_shortage": (
        "учитель педагог фельдшер библиотекарь врач специалист + нет без хватать уволиться уйти остаться",
        "урок + проводиться",
        # a school subject stands for its teacher: «математики так и нет», «физики нет с сентября»
        "математика физика химия биология география информатика физкультура + нет без",
    ),
    "school_food": ("питание + школа школьный столовая", "завтрак обед + школа школьник"),
    "kindergarten_place": ("ясли ясельный", "сад садик + место очередь"),
    "facility_closed": (
        "библиотека клуб сдк дк культура почта отделение аптека фап магазин баня музей стадион "
        "+ закрыть закрытый закрываться замок открыть",
    ),
    # when a place is open: «ФАП работает только до 12:00», «поменяли график работы почты»
    "opening_hours": ("график режим + работа работать прием", "работать принимать + только + до после"),
    "roof_leak": ("крыша кровля потолок + течь теча протекать протечка капать",),
    "ice_rink": ("каток",),
    # connection and services
    "wired_internet": ("ростелеком оптоволокно провайдер", "проводной домашний кабельный кабель + интернет"),
    # the line or the mobile network: «интернет», «инет», «нет связи» go with either (`AMBIGUOUS`)
    "internet": ("интернет инет связь",),
    "mobile_signal": ("сотовый мобильный мобильник вышка мтс мегафон билайн", "ловить + телефон сеть связь"),
    "post": (
        "почтальон почтальонка посылка",
        "пенсия + принести приносить доставить доставлять задержать задерживать задержка опоздание",
    ),
    "bread": ("хлеб автолавка",),
    # what a shop or a stall does wrong: alcohol sold at night, spoilt goods and dirt — two matters for two bodies
    "alcohol": ("алкоголь алкогольный спиртное водка пиво самогон",),
    "spoilt_goods": ("просроченный просрочить просрочка антисанитария", "срок + годность"),
    # social
    "social_worker": ("соцработник", "социальный + работник"),
    "payment": ("выплата пособие субсидия компенсация",),
    "firewood": ("дрова топливо уголь",),
    "disability": ("инвалидность",),
    "child_welfare": ("неблагополучный", "ребенок дети + одних"),
    # land, property, housing
    "encroachment": (
        "самовольный самовольно захват самозахват распахать запахать перекопать",
        "забор ограждение + проезд проулок участок",
        "занять перенести + проезд",
    ),
    "land_allocation": ("участок + предоставление предоставить многодетный бесплатный",),
    "rent": ("аренда арендовать",),
    "dilapidated": ("разрушаться заброшенный развалины развалина", "стекло + выбить", "аварийный + дом здание"),
    "construction_site": ("стройка недострой", "строительный + площадка", "строительство + возобновление заморозить"),
    "stairwell": ("подъезд",),
    # consequences that need their own decision: damage, recalculation, an unfilled excavation
    # a burnt fridge told as what happened is a symptom; asking who pays for it is a claim of its own
    "damage_claim": ("ущерб возместить возмещение перерасчет пересчитать начислять начисление квитанция разморозить",),
    # an excavation left open after the repair; «раскопали и ушли» during the breakdown is the breakdown
    "excavation": (
        "засыпать закопать зарыть + раскоп траншея котлован яма",
        "раскоп траншея котлован + оставить бросить",
    ),
}
# families of concepts: two messages whose problems are of one family (a burst pipe and the taps dry, a rutted road
# and a pothole) may be one problem told by two people; of two unrelated families, never
FAMILIES: dict[str, tuple[str, ...]] = {
    "power": ("power_outage", "power_line"),
    "voltage": ("voltage",),
    "lighting": ("streetlight",),
    "gas": ("gas_pressure", "gas_leak", "gas_pipe"),
    "gasification": ("gasification",),
    "water": ("water_quality", "water_supply", "water_leak", "water_pump"),
    "drainage": ("washout", "flooding"),
    "heat": ("heating",),
    "sewage": ("sewage",),
    "waste": ("waste", "dump"),
    "container": ("container_damage",),
    "fire": ("fire",),
    "road": ("pothole", "paving", "grading"),
    "snow": ("snow",),
    "ice": ("ice",),
    "sidewalk": ("sidewalk",),
    "road_safety": ("crossing", "speed_bump", "road_sign"),
    "bridge": ("bridge_damage", "railing"),
    "fence": ("fence_damage",),
    "tree": ("tree",),
    "playground": ("swing", "slide", "carousel", "sandbox", "workout"),
    "dogs": ("stray_dogs",),
    "nuisance": ("noise", "pollution"),
    "bus": ("bus_service", "bus_late"),
    "school_bus": ("school_bus",),  # a school bus is no bus route
    "bus_driver": ("bus_driver",),
    "bus_stop": ("bus_stop",),
    "ambulance": ("ambulance",),
    "service": ("doctor_access", "fap", "staff_shortage", "facility_closed"),
    "medicine": ("medicine",),
    "parking": ("parking",),
    "school_food": ("school_food",),
    "kindergarten": ("kindergarten_place",),
    "roof": ("roof_leak",),
    "ice_rink": ("ice_rink",),
    "mobile": ("mobile_signal",),
    "wired": ("wired_internet",),
    "hours": ("opening_hours",),
    "post": ("post",),
    "bread": ("bread",),
    "alcohol": ("alcohol",),
    "spoilt_goods": ("spoilt_goods",),
    "social_worker": ("social_worker",),
    "payment": ("payment",),
    "firewood": ("firewood",),
    "disability": ("disability",),
    "child_welfare": ("child_welfare",),
    "encroachment": ("encroachment",),
    "land_allocation": ("land_allocation",),
    "rent": ("rent",),
    "building": ("dilapidated", "construction_site", "stairwell"),
    "damage_claim": ("damage_claim",),
    "excavation": ("excavation",),
}
# families one problem often spans: a burst main floods the street, a gas boiler that goes out leaves the house cold,
# a washed-out road is a road problem; the street lights and an outage stay apart («фонари не горят» is no «нет
# света в домах»), darkness alone goes with either (`DARK_MEANS`)
RELATED_FAMILIES = (("water", "drainage"), ("road", "drainage"), ("gas", "heat"), ("snow", "ice"))
FAMILY_OF = {concept: family for family, members in FAMILIES.items() for concept in members}
_RELATED = {family: {family} for family in FAMILIES}
for _x, _y in RELATED_FAMILIES:
    _RELATED[_x].add(_y)
    _RELATED[_y].add(_x)
# a network's outage reaches many streets: «у нас на Мира 20 тоже сухо» is the same breakdown as the burst at 14
NETWORK_FAMILIES = frozenset({"water", "power", "gas", "heat", "mobile", "wired"})
# concepts that name a thing, not what is wrong with it: two messages about one sidewalk, one of snow on it and one
# of its holes, are two problems
OBJECT_CONCEPTS = frozenset({"sidewalk", "dump", "fap", "stairwell", "water_pump"})
# the words of a waste container: a broken one is the container's repair unless other words speak of the waste
CONTAINERS = frozenset({"бак", "мусорка", "урна"})
# what a network's outage is said as, whichever street one stands in
OUTAGES = frozenset({"water_supply", "power_outage", "gas_pressure", "mobile_signal", "wired_internet"})
OUTAGE_DAYS = 2  # an outage told on two streets within this many days is one outage
# the pieces of one place that are repaired apart (`FAMILIES["playground"]`)
PIECES = frozenset({"swing", "slide", "carousel", "sandbox", "workout"})
DARK_MEANS = frozenset({"power_outage", "streetlight"})
# a word that may mean either of two problems goes with both, unless the text says which: darkness (an outage or
# the street lights), the internet (the wired line or the mobile network)
AMBIGUOUS = {"dark": DARK_MEANS, "internet": frozenset({"wired_internet", "mobile_signal"})}
# faults of a place that are one trouble to its visitors: «нет фельдшера» and «ФАП закрыт»
SAME_FAULT = {"staff_shortage": "unserved", "facility_closed": "unserved"}
# a concept that takes another's place when both are found: a school bus is no bus route
# the gas not yet brought to a street is no outage of the gas; wired internet is no mobile signal
SUPERSEDES = {"school_bus": "bus_service", "gasification": "gas_pressure", "wired_internet": "mobile_signal"}
# a concept of the kind whose case is one person's: two people's cases are two problems
PERSONAL = frozenset({"ambulance", "doctor_access", "social_worker", "payment", "firewood", "disability", "medicine"})
# whose case it is: groups of people a message may name
PEOPLE = {
    "child": "ребенок сын дочь внук внучка малыш младенец школьник",
    "elder": "отец мать мама папа дед дедушка бабушка пожилой пенсионер старик ветеран",
    "disabled": "инвалид",
    "svo": "сво мобилизованный",
    "large_family": "многодетный",
    "low_income": "малоимущий",
}
SPECIALISTS = frozenset(
    "терапевт педиатр хирург стоматолог окулист офтальмолог гинеколог невролог кардиолог лор эндокринолог уролог "
    "дерматолог психиатр травматолог".split()
)
# landmarks: code -> words; a message gives its place by one of them as often as by an address
LANDMARKS: dict[str, str] = {
    "shop": "магазин магнит пятерочка продуктовый сельпо",
    "school": "школа",
    "gym": "спортзал",
    "kindergarten": "садик",
    "hospital": "црб больница поликлиника",
    "fap": "фап фапе",
    "bridge": "мост",
    "footbridge": "мостик",
    "library": "библиотека",
    "club": "сдк дк клуб культура",
    "stadium": "стадион",
    "playground": "площадка + детский",
    "post": "почта",
    "pharmacy": "аптека",
    "bus_stop": "остановка",
    "water_tower": "водонапорный башня водокачка",
    "church": "церковь храм",
    "cemetery": "кладбище",
    "farm": "ферма",
    "entrance": "въезд",
    "market": "рынок",
}
RELATIVE = frozenset({"entrance"})  # «у въезда» places a thing by another one: «у въезда в больницу»
# the nouns a street's adjective name goes with: «Садовая улица», «Школьный переулок»
STREET_NOUNS = frozenset({"улица", "переулок", "проезд", "проспект", "тупик", "шоссе", "микрорайон"})
# common street names as lemmas: a capitalised one is a street even without «ул.» («На Молодёжной сугробы»)
STREET_NAMES = frozenset(
    "центральный школьный молодежный советский набережная набережный заречный садовый степной полевой мир ленин "
    "гагарин чапаев строитель октябрьский лесной луговой рабочий колхозный пионерский комсомольский кооперативный "
    "нагорный почтовый зеленый юбилейный солнечный космонавт киров калинин пушкин лермонтов горький первомайский "
    "трудовой восточный западный северный южный дачный овражный родниковый речной озерный вокзальный элеваторный "
    "больничный победа дружба новый чкалов куйбышев фрунзе титов мичурин жуков шоссейный парковый".split()
)
STREET_WORDS = re.compile(
    r"(?<![а-яёa-z])(?:ул\.|улиц[аеиуы]\b|улицей\b|пер\.|переул(?:ок|ка|ке|ку)\b|пр-т\b|проспект[аеу]?\b|мкр\.?)\s*"
    r"([А-ЯЁа-яё][а-яё]+)",
    re.IGNORECASE,
)
# a street named by its adjective before the word: «горная улица», «на лесной улице»
ADJECTIVE_STREET = re.compile(r"(?<![а-яёА-ЯЁ])([а-яёА-ЯЁ]+(?:ая|яя|ой|ей))\s+улиц[аеиуы]?(?:ей)?\b", re.IGNORECASE)
NOT_STREET_ADJECTIVES = frozenset(
    "наш ваш свой мой твой их этот тот весь всякий каждый другой соседний какой такой один целый сам самый "
    "любой чужой родной нужный ближний дальний главный".split()
)
PREPOSITION_BEFORE = re.compile(r"(?:^|[^а-яё])(?:на|по|за|вдоль|с|у|до|от|к)\s+$", re.IGNORECASE)
LOCATED_BEFORE = re.compile(
    r"(?:^|[^а-яё])(?:у|в|во|возле|около|напротив|рядом\s+с|за|перед|между|близ)\s+(?:[а-яё]+\s+)?$", re.IGNORECASE
)
# the power is off, said in so many words: «нет света», «без электричества», «то включают, то выключают свет»
POWER_OFF = re.compile(
    r"(?<![а-яё])(?:нет|без|нету)\s+(?:св[её]т|электри)|(?:св[её]т|электри)[а-яё]*\s+(?:нет|нету|отключ|выключ|пропа|вырубил)"
    r"|(?:отключ|выключ|вырубил|вырубают|обесточ)[а-яё]*\s+(?:св[её]т|электри|подстанц|весь|вс[её]|улиц)",
    re.IGNORECASE,
)
# «пос. Лесной», «с. Мойка», «в селе Лесное»: a word that is a locality's name because the text says it is one
LOCALITY_MARK = re.compile(
    r"(?:^|[^а-яё])(?:пос|п|с|д|х|дер|село|сел[еау]|пос[её]л(?:ок|ке|ка)|деревн[яеиюу])\.?\s*$", re.IGNORECASE
)
FROM_TO_BEFORE = re.compile(r"(?:^|[^а-яё])(?:из|до|от|со|с)\s+$", re.IGNORECASE)  # «возим из Алдаркино»
# what happens over and over by its nature: «каждую пятницу», «каждую ночь», «по выходным», «постоянно»
HABITUAL = re.compile(
    r"(?<![а-яё])(?:кажд(?:ую|ый|ое|ые|ой)\s+(?:ночь|ноч|вечер|утро|выходн|пятниц|суббот|воскресен|недел|день)"
    r"|по\s+(?:ночам|выходным|вечерам|пятницам|субботам)|постоянно|регулярно)",
    re.IGNORECASE,
)
# «то же самое, ещё и …», «подтверждаю, а ещё …»: a confirmation first, then something more
CONFIRM_AND_ADD = re.compile(
    r"^\s*((?:\+\s*1|то\s*же\s+самое|подтверждаю|так\s+и\s+есть|аналогично)[\s!.,]*)"
    r"(?:а\s+)?(?:ещ[её]\s+и|ещ[её]|плюс)\s",
    re.IGNORECASE,
)
# «в школу», «во двор»: after «в» only the prepositional places a thing («в школе»); other cases say where one goes
INTO_BEFORE = re.compile(r"(?:^|[^а-яё])(?:в|во)\s+(?:[а-яё]+\s+)?$", re.IGNORECASE)
# the masking replaces a street named after a person by a name label: «на Чапаева» is stored «на [ФИО]»
MASKED_STREET = "[фио]"
MASKED_AFTER = re.compile(r"(?:^|[^а-яё])(?:на|по|вдоль|ул\.|улиц[аеиуы])\s+\[ФИО\]", re.IGNORECASE)
PERSON_STREET_SHARE = 0.5  # a street whose name is mostly read as a surname is named after a person
QUOTES = frozenset("«\"“„'")
CAPITALISED = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ][а-яё]{2,}")
# house numbers: «д. 4», «дом 12», «у дома 6», «к 12 дому», «Школьной, 2», «Школьная 2-4», «между 43 и 45»
HOUSE_AFTER_WORD = re.compile(
    r"(?<![а-яё])(?:д|дом[а-я]*)\.?\s*(?:№\s*)?(\d{1,3})(?!\d)(?:\s*[-–]\s*(\d{1,3})(?!\d))?"
    r"(?!\s*(?:градус|°|час|минут|лет|челов|сем))"
)
# «к 12 дому», «у 3-го дома»; «12 домов», «3 дома» count houses and name none
HOUSE_BEFORE_WORD = re.compile(r"(?<![\d.])(\d{1,3})(?:-?(?:го|му|м|й)\s+дом[а-я]*|\s+дом(?:у|ом|е)?\b)")
# «у 30 дома», «возле 5 дома»: after a preposition of place the genitive names one house, not a count of them
HOUSE_AT = re.compile(r"(?<![а-яё])(?:у|возле|около|напротив|рядом\s+с|за)\s+(\d{1,3})\s+дома\b", re.IGNORECASE)
BETWEEN = re.compile(r"между\s+(?:д(?:ом[а-я]*)?\.?\s*)?(\d{1,3})\s+и\s+(\d{1,3})")
# «Ленина, 20», «Школьная 2-4», «Мира, 61: колонка»; not a time («в 7:10»)
NUMBER_AFTER_STREET = re.compile(r"^\s*,?\s*(?:д\.\s*)?(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?(?![\d]|:\d|\.\d)")
ORDINAL_HOUSE = re.compile(r"\b(перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)[а-я]*\s+дом", re.IGNORECASE)
ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4, "четвёрт": 4, "пят": 5, "шест": 6, "седьм": 7}
ORDINALS |= {"восьм": 8, "девят": 9, "десят": 10}
RANGE_SPAN = 10  # «2-4» is the houses 2 to 4; a longer span is no range of houses

AREA_WIDE = re.compile(
    r"(?:весь|всем|всему|всей|вс[её]|во\s+вс[её]м)\s+(?:пос[её]л|сел|деревн|населенн|населённ|район)"
    # «по всем улицам» is many streets; «по всей улице», «вся улица» one street from end to end
    r"|(?:всем|всех|все)\s+улиц|по\s+всему(?!\s+(?:улиц|переул|двор|дом))|у\s+всех",
    re.IGNORECASE,
)
# two streets named as a crossing are one point, not several streets: «у д. 3 (перекрёсток с ул. Ленина)»
CROSSING = re.compile(r"перекр[её]ст|пересечени|(?<![а-яё])(?:на\s+)?угл[уе]\s|(?<![а-яё])угол\s", re.IGNORECASE)
# «в селе отсутствует водоснабжение»: the village as a whole, not «в селе Петровка» (an address)
VILLAGE_AS_WHOLE = re.compile(
    r"(?<![а-яёА-ЯЁ])(?:[Вв]|[Пп]о)\s+(?:сел[еу]|пос[её]лк[еу]|деревне)(?![а-яё])(?!\s+[А-ЯЁ])"
)
UNRESOLVED = re.compile(
    r"так\s+и\s+(?:не|нет|жд[уеё]|сто|леж|вис|оста)|до\s+сих\s+пор|по-прежнему|вс[её]\s+ещ[её]|повторно|не\s+восстановл|не\s+устран|ничего\s+не\s+(?:сдела|измени)"
    r"|(?:снова|опять|вновь|ещ[её]\s+раз)\s+(?:обраща|пиш|прош)|никто\s+не\s+(?:приехал|пришел|пришёл|отреагировал)"
    r"|обещали|никаких\s+(?:изменений|мер|сдвигов)|вс[её]\s+(?:так|там)\s+же|(?<![а-яё])с\s+(?:\d{1,2}\.\d{2}\.\d{2,4}|\d{1,2}\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр))|как\s+не\s+было"
    r"|(?:месяц|недел[юи]|полгода)\s+уже|с\s+(?:прошл[а-я]+\s+)?(?:лета|весны|осени|зимы)\b|с\s+(?:начала\s+|конца\s+|середины\s+)?(?:январ|феврал|март|апрел|ма[яй]|июн|июл"
    r"|август|сентябр|октябр|ноябр|декабр)[а-я]*(?!\s*\d)",
    re.IGNORECASE,
)
# how long it has lasted: «третью неделю», «уже месяц», «больше месяца»; with «опять» too («опять не пришёл, уже
# неделю так» is a trouble that keeps on, not a new one)
DURATION = re.compile(
    r"(?:уже|втор(?:ой|ую)|трет(?:ий|ью)|четв[её]рт(?:ый|ую)|пят(?:ый|ую)|больше|более|цел(?:ый|ую)|полтора|несколько)"
    r"\s+(?:месяц|недел)"
    # «месяц лежит», «полгода стоит»: how long it has lain there
    r"|(?<![а-яё])(?:месяц|полгода|год)\s+(?:уже\s+)?(?:леж|сто|вис|вал)[а-я]*",
    re.IGNORECASE,
)
# how many days it has lasted, said in days: «третий день», «вторые сутки», «3 дня» («больше суток» sets no bound)
LASTED_DAYS = re.compile(
    r"(?<![а-яё])(?:(перв|втор|трет|четв[её]рт|пят|шест|седьм)[а-я]*|(\d{1,2}|два|две|три|четыре|пять|шесть|семь))"
    r"\s+(?:день|дня|дней|сутки|суток)(?![а-яё])",
    re.IGNORECASE,
)
NUMBER_WORDS = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7}
DAYS_SLACK = 1  # a day's slack between «третий день» and the dates the two messages came in
WHOLE_PLACE = re.compile(r"(?<![а-яё])(?:[Вв]ся|[Вв]с[её]|[Вв]есь)\s+[А-ЯЁ][а-яё]+")  # «Вся Петровка без света»
RECURRENCE = re.compile(r"\b(?:опять|снова|вновь|очередной\s+раз|в\s+очередной)\b", re.IGNORECASE)
# the problem was fixed, and what is written now comes after: «вывезли 9 октября, а теперь…», «отремонтировали, а…»
FIXED_BEFORE = re.compile(
    r"\b(?:вывезли|отремонтировали|починили|устранили|заделали|восстановили|заменили|убрали|сделали|засыпали|дали"
    r"|включили|подключили|расчистили|почистили|прочистили|откачали|спилили|залатали|отсыпали)"
    r"[^.!?]{0,40}?,\s*(?:а|но)\b"
    r"|после\s+того\s+как[^.!?]{0,40}?(?:дали|включили|восстановили|починили|устранили|запустили)"
    # «котельную запустили, спасибо. только теперь…»: the fix thanked for, then what is wrong now
    r"|\b(?:вывезли|отремонтировали|починили|устранили|заделали|восстановили|заменили|убрали|сделали|засыпали|дали"
    r"|включили|подключили|запустили|расчистили|почистили|спилили|залатали|отсыпали)\b.{0,40}?"
    r"(?:(?:только|а|но)\s+теперь|теперь\s+(?:зато|же))",
    re.IGNORECASE,
)
# what finished work left behind, a task of its own: «после спила тополя оставили брёвна», «после ремонта бросили
# мусор»; the work named, then what was left or not done after it
AFTERMATH = re.compile(
    r"после\s+(?:спил|ремонт|работ|замен|прокладк|раскоп|покос|вырубк|опиловк|укладк|монтаж|демонтаж|сноса|строител"
    r"|реконструкц|чистк|расчистк|уборк)[а-я]*(?:[^.!?]|(?<=ул)\.|(?<=д)\.|(?<=с)\.){0,60}?(?:оставил|бросил|не\s+убрал|не\s+засыпал|не\s+вывез"
    r"|не\s+восстановил|осталис?[ьаи]?\b|лежат|валяются)"
    r"|оставили\s+после\s+себя",
    re.IGNORECASE,
)
# «грейдер прошёл и завалил выезды», «трактор почистил и перекрыл въезд»: the machine did its work and left this
# (a machine or a crew did it: «ночью прошёл снег и завалил дороги» is the snowfall itself); searched only where
# «завалил», «перекрыл» stand
MACHINE_BLOCKED = re.compile(
    r"(?:грейдер|трактор|техника|погрузчик|бульдозер|снегоуборщик|уборочн|коммунальщик|дорожник|рабоч)[а-я]*"
    r"[^.!?]{0,30}?(?:прош[её]л|проехал|почистил|расчистил)[аи]?\b[^.!?]{0,40}?\b(?:завалил|перекрыл)[аи]?\b",
    re.IGNORECASE,
)
# «горит», «горят»; the group is «не » when it is negated («фонари не горят» is no fire)
BURNING = re.compile(r"(?<![а-яё])(не\s+)?(?:гор(?:ит|ят|ел|ела|ело|ели)|горящ[а-я]*)(?![а-яё])", re.IGNORECASE)
# «в связи с пожаром»: a phrase of letters, no word of the mobile network
IN_VIEW_OF = re.compile(r"(?<![а-яё])в\s+связи\s+с(?:о)?(?![а-яё])", re.IGNORECASE)
# a numbered school, kindergarten or clinic: «школа № 2» and «школа № 1» are two buildings
NUMBERED = re.compile(r"(?<![а-яё])(школ|сад|садик|детсад|поликлиник|больниц)[а-я]*\s*№\s*(\d{1,3})", re.IGNORECASE)
CONFIRMATION = re.compile(
    r"так\s+и\s+есть|подтверждаю|то\s+же\s+самое|аналогично|\+\s*1(?!\d|[,.]\d)|сам[аи]?\s+видел|\bтоже\b|\b(?:эти|те|тот|та)\s+же\b",
    re.IGNORECASE,
)
# a reply that points back at the post it stands under: «да они там каждое утро», «там же», «это у 15 дома»
REPLY = re.compile(
    r"^\s*(?:да|ага|вот|точно|верно|согласн[аы]?|согласен|это)(?![а-яё])|\b(?:они|она|оно)\s+там\b|\bтам\s+же\b",
    re.IGNORECASE,
)
# a reply that sets its own case against the post: «а у нас…», «зато…», «наоборот»
CONTRAST = re.compile(r"^\s*(?:а|зато)\s|\bзато\b|\bнаоборот\b", re.IGNORECASE)
# a reply that opens with a place of its own: «а у нас…», «а в садике в Подгорном…», «зато на Озёрной…»
OWN_CASE = re.compile(r"^\s*(?:а|зато)\s+(?:вот\s+)?(?:(у\s+(?:нас|меня|них))(?![а-яё])|(?:на|в|во)\s)", re.IGNORECASE)
# words too common in messages to say that two of them speak of one thing
GENERIC_LEMMAS = frozenset(
    "быть нет не уже весь всё этот тот такой свой мой наш ваш который прошу просить просим день неделя месяц час год "
    "раз житель жительница улица ул дом д село посёлок поселок пос деревня администрация глава уважаемый "
    "сделать делать мочь стать сказать говорить писать обращаться обращение сегодня вчера утро вечер когда где "
    "кто что как почему сколько можно очень никакой никто ничто один два три вообще ещё еще там тут здесь".split()
)
CONTENT_POS = frozenset({"NOUN", "ADJF", "ADJS", "VERB", "INFN", "PRTF", "PRTS", "ADVB", "GRND", ""})
CONCEPT_SHARED = 0.45  # the score a shared problem concept gives by itself
CONCEPT_SHARE = 0.15  # and how much more as the share of the smaller side's concepts shared grows
WORDS_SHARE = 0.3  # the weight of the shared content words (the smaller side's share)
PLACE_SAME = 0.12  # a shared street, house or landmark, each
CONFIRMS = 0.25  # a short confirmation with a place of its own under a post of the same day
CONFIRMS_ECHO = 0.45  # and one that repeats a word or a place of the post
CONFIRMS_INHERITS = SAME_AT  # one with no place of its own («подтверждаю», «это у 15 дома») inherits the post's problem
WORDS_MIN = 3  # a text of one or two words shares them by chance: its share is taken over at least this many
WORDS_ALONE = 0.6  # their weight when neither side names a concept the lexicon knows
FAMILY_SHARED = 0.45  # no concept shared, but one family of them
RELATED_SHARED = 0.3  # only related families
RULED_OUT = 0.0
# how much a shared content word says by its part of speech: a shared noun («колонка», «автолавка») names the thing,
# a shared adverb («опять», «сильно») says little
POS_WEIGHTS = {"NOUN": 1.0, "": 1.0, "VERB": 0.8, "INFN": 0.8, "PRTF": 0.7, "PRTS": 0.7, "GRND": 0.7}
POS_WEIGHTS |= {"ADJF": 0.6, "ADJS": 0.6, "ADVB": 0.4}
_WEIGHTS: dict[str, float] = {}  # a content lemma's weight by the part of speech of the lemma itself, kept once read


@dataclass(frozen=True)
class Message:
    text: str  # the stored, already masked text
    received_at: datetime
    theme: str  # theme code (housing, roads, waste, energy, transport, health, ...)
    settlement: str | None  # OKTMO or None when the source did not determine it
    channel: str  # channel code (gosuslugi, vk, ok, telegram, letter, email, site, ...)


@dataclass(frozen=True)
class Reading:
    """Everything taken from one text that the comparison needs."""

    lemmas: frozenset[str]  # content lemmas, places and generic words aside
    concepts: frozenset[str]
    streets: frozenset[str]  # street names as lemmas; MASKED_STREET for «на [ФИО]»
    person_streets: bool  # one of them is named after a person: «Гагарина», «Ленина»
    houses: frozenset[int]
    landmarks: frozenset[str]
    located_at: frozenset[str]  # the landmarks the problem is placed by: «у магазина», «возле школы»
    people: frozenset[str]  # whose case: child, elder, disabled …
    specialists: frozenset[str]
    area_wide: bool  # a whole settlement or several streets are affected
    unresolved: bool  # says the problem goes on («так и не», «до сих пор», «повторно»)
    lasted_days: int | None  # says for how many days it has gone on («третий день»), None when it does not
    aftermath: bool  # speaks of what finished work left behind: «после спила оставили ветки», «раскоп не засыпали»
    recurrence: bool  # says it happened again («опять», «снова») or that it was fixed before («вывезли…, а»)
    again: bool  # says «опять», «снова» and no fix before it
    habitual: bool  # says it happens over and over: «каждую пятницу», «по ночам», «постоянно»
    localities: frozenset[str]  # the localities it names as where it is (`localities`)
    confirmation: bool  # confirms a post («всё так и есть», «у нас тоже»)
    reply: bool  # points back at a post («подтверждаю», «да они там…») and sets no case of its own against it
    contrast: bool  # sets its own case against the post («а у нас на Луначарского бак сгорел») and says no «тоже»
    words: int  # content words in the text
    weight: float  # their weights summed (`POS_WEIGHTS`)
    numbered: frozenset[tuple[str, int]]  # numbered buildings: («школ», 2) for «школа № 2»
    families: frozenset[str]  # the families of the concepts it may mean (`FAMILIES`)


class Lexicon:
    """Codes found by cues of words: «a b c» needs one of the words, «a b + c d» one of each side.

    Each distinct lemma is looked up once (which groups of which cues it satisfies, prefixes included), so finding
    a text's codes costs a dictionary look-up per lemma, not a pass over the whole lexicon.
    """

    def __init__(self, entries: dict[str, tuple[str, ...]]) -> None:
        self.groups: list[tuple[str, int, int, frozenset[str], tuple[str, ...]]] = []
        self.sizes: dict[tuple[str, int], int] = {}
        for code, cues in entries.items():
            for cue_index, cue in enumerate(cues):
                parts = cue.split("+")
                self.sizes[(code, cue_index)] = len(parts)
                for group_index, part in enumerate(parts):
                    words = part.split()
                    exact = frozenset(w for w in words if not w.endswith("*"))
                    prefixes = tuple(w[:-1] for w in words if w.endswith("*"))
                    self.groups.append((code, cue_index, group_index, exact, prefixes))
        self._hits: dict[str, frozenset[tuple[str, int, int]]] = {}

    def hits(self, lemma: str) -> frozenset[tuple[str, int, int]]:
        found = self._hits.get(lemma)
        if found is None:
            found = frozenset(
                (code, cue, group)
                for code, cue, group, exact, prefixes in self.groups
                if lemma in exact or (prefixes and lemma.startswith(prefixes))
            )
            if len(self._hits) < CACHE_TEXTS:
                self._hits[lemma] = found
        return found

    def find(self, lemmas: frozenset[str]) -> set[str]:
        satisfied: dict[tuple[str, int], set[int]] = {}
        for lemma in lemmas:
            for code, cue, group in self.hits(lemma):
                satisfied.setdefault((code, cue), set()).add(group)
        return {key[0] for key, groups in satisfied.items() if len(groups) == self.sizes[key]}


_CONCEPT_LEXICON = Lexicon(CONCEPTS)
_LANDMARK_LEXICON = Lexicon({code: (cue,) for code, cue in LANDMARKS.items()})
# one-word landmarks by their word, for «у магазина»: where the problem is, not where someone goes
_LANDMARK_WORDS = {
    word: code for code, cue in LANDMARKS.items() if "+" not in cue and code not in RELATIVE for word in cue.split()
}
_PEOPLE = {code: frozenset(words.split()) for code, words in PEOPLE.items()}


@cache
def _places() -> gazetteer.Gazetteer:
    """The shipped gazetteer, read once: the settlements a text names without an OKTMO of its own."""
    import pandas as pd

    return gazetteer.build_places(pd.read_csv(REFERENCE_DIR / "gazetteer.csv", dtype=str, keep_default_na=False))


@cache
def _place_forms() -> frozenset[str]:
    return _places().forms()


def _streets(text: str, place_forms: frozenset[str]) -> set[str]:
    found = {MASKED_STREET} if MASKED_AFTER.search(text) else set()
    for match in STREET_WORDS.finditer(text):
        first = match.group(1).split()[0]
        if first[0].islower() and not _may_name_street(first):
            continue  # «улица вечером темень»: the next word is no street's name
        found.add(morph.lemma(first))
    for match in ADJECTIVE_STREET.finditer(text):
        lemma = morph.lemma(match.group(1))  # «горная улица», «на лесной улице»; not «на нашей улице»
        if lemma not in NOT_STREET_ADJECTIVES and morph.word(match.group(1)).pos == "ADJF":
            found.add(lemma)
    found |= _small_streets(text, place_forms)
    for match in CAPITALISED.finditer(text):
        token = match.group(0)
        if morph.fold(token) in place_forms or text[max(0, match.start() - 1) : match.start()] in QUOTES:
            continue  # a village, or a quoted name: the shop «Солнечный» is no Солнечная street
        lemma = morph.lemma(token)
        if (lemma in STREET_NAMES or _street_like(text, match.start(), token)) and not _attribute(
            text, token, match.end()
        ):
            found.add(lemma)
    return found


def _attribute(text: str, token: str, end: int) -> bool:
    """`token`, ending at `end`, is an adjective of the noun right after it: «Школьный автобус сломался» names a
    bus, not Школьная street («Садовая улица» is a street all the same)."""
    following = morph.WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is None:
        return False
    noun = morph.word(following.group(0))
    if noun.pos != "NOUN" or noun.lemma in STREET_NOUNS:
        return False
    adjective = morph.word(token)
    return adjective.pos == "ADJF" and not {r[:3] for r in noun.readings}.isdisjoint(
        {r[:3] for r in adjective.readings}
    )


def _may_name_street(token: str) -> bool:
    """A word written after «улица» that may be its name: an adjective, a surname, a known street name."""
    found = morph.word(token)
    if found.lemma in NOT_STREET_ADJECTIVES:
        return False  # «улица вся в ямах»
    return found.pos == "ADJF" or found.surname >= PERSON_STREET_SHARE or found.lemma in STREET_NAMES


def _small_streets(text: str, place_forms: frozenset[str]) -> set[str]:
    """Streets written in small letters, as posts and comments write them: «на гагарина», «борское гагарина баки»,
    «новоборский юбилейная у садика» — a known street name after a preposition, after the village or first in the
    text; a surname, or a feminine adjective that no noun beside it agrees with («на новой площадке» is no street)."""
    found: set[str] = set()
    named: set[int] = set()  # the word indices read as streets
    words = list(morph.WORD.finditer(text))
    for index, match in enumerate(words):
        token = match.group(0)
        if not token[0].islower() or morph.lemma(token) not in STREET_NAMES or morph.fold(token) in place_forms:
            continue
        if index > 0:
            previous = words[index - 1]
            between = text[previous.end() : match.start()]
            after_place = morph.fold(previous.group(0)) in place_forms and between.strip(" ,") == ""
            # «на полевой и луговой», «кирова и трудовая»: a second street joined to the first
            joined = previous.group(0).lower() == "и" and index - 2 in named
            if (
                not after_place
                and not joined
                and PREPOSITION_BEFORE.search(text[max(0, match.start() - 8) : match.start()]) is None
            ):
                continue
        word = morph.word(token)
        if word.pos == "ADJF":
            if not any(number == "sing" and gender == "femn" for _, number, gender, _ in word.readings):
                continue
            following = words[index + 1] if index + 1 < len(words) else None
            if following is not None and text[match.end() : following.start()].strip() == "":
                noun = morph.word(following.group(0))
                if noun.pos == "NOUN" and not {r[:3] for r in noun.readings}.isdisjoint({r[:3] for r in word.readings}):
                    continue  # «на новой площадке», «восточная окраина»: an adjective of the noun beside it
        elif word.surname < PERSON_STREET_SHARE and not word.lemma.endswith("ая"):
            continue  # «набережную так и не почистили»: a street's name that is a noun made of an adjective
        found.add(morph.lemma(token))
        named.add(index)
    return found


def _other_streets(ra: Reading, rb: Reading) -> bool:
    """Both name their streets and no street is the same; a masked name («на [ФИО]») may be any street named
    after a person («Гагарина», «Чапаева»), never «Молодёжная»."""
    if not ra.streets or not rb.streets or not ra.streets.isdisjoint(rb.streets):
        return False
    if MASKED_STREET in ra.streets and rb.person_streets:
        return False
    return not (MASKED_STREET in rb.streets and ra.person_streets)


def _person_name(street: str) -> bool:
    return street == MASKED_STREET or morph.word(street).surname >= PERSON_STREET_SHARE


def _street_like(text: str, start: int, token: str) -> bool:
    """A capitalised feminine adjective after «на», «по», «за»…: «на Луговой», «по Родниковой» is a street."""
    before = PREPOSITION_BEFORE.search(text[max(0, start - 8) : start])
    if before is None:
        return False
    found = morph.word(token)
    return found.pos == "ADJF" and any(number == "sing" and gender == "femn" for _, number, gender, _ in found.readings)


def _numbers(first: str, last: str | None) -> set[int]:
    low = int(first)
    high = int(last) if last else low
    if low <= high <= low + RANGE_SPAN:
        return set(range(low, high + 1))
    return {low, high} if last else {low}


def _houses(text: str, streets: set[str]) -> set[int]:
    found: set[int] = set()
    for match in HOUSE_AFTER_WORD.finditer(text):
        found |= _numbers(match.group(1), match.group(2))
    for match in HOUSE_BEFORE_WORD.finditer(text):
        found.add(int(match.group(1)))
    for match in HOUSE_AT.finditer(text):
        found.add(int(match.group(1)))
    for match in BETWEEN.finditer(text):
        found |= _numbers(match.group(1), match.group(2))
    for match in ORDINAL_HOUSE.finditer(text):
        stem = match.group(1).lower()
        if stem in ORDINALS:
            found.add(ORDINALS[stem])
    if streets:
        # a number right after a street name: «Школьной, 2», «Ленина, 20», «Школьная 2-4»
        for match in CAPITALISED.finditer(text):
            if morph.lemma(match.group(0)) in streets:
                after = NUMBER_AFTER_STREET.match(text[match.end() :])
                if after:
                    found |= _numbers(after.group(1), after.group(2))
    return found


def _own_case(text: str, names_a_place: bool) -> bool:
    """A reply that sets its own case against the post: «а у нас…», or «а в садике…», «а на Мира…» when it names a
    street or a landmark (not «а в темноте её не видно»), and says no «тоже»."""
    found = OWN_CASE.search(text)
    if found is None or CONFIRMATION.search(text):
        return False
    return bool(found.group(1)) or names_a_place


def _elsewhere(reply: Reading, other: Reading) -> bool:
    """A reply that sets its own case against the other message, at a place of its own: «а на Луговой у д. 3 …»
    against a message of the same street and house is no other place, but the same one told again."""
    if not reply.contrast:
        return False
    same_street = bool(reply.streets) and reply.streets <= other.streets
    return not (same_street and (not reply.houses or not other.houses or bool(reply.houses & other.houses)))


def _located_at(text: str) -> set[str]:
    found = set()
    for match in morph.WORD.finditer(text):
        code = _LANDMARK_WORDS.get(morph.lemma(match.group(0)))
        before = text[max(0, match.start() - 30) : match.start()]
        if code and LOCATED_BEFORE.search(before):
            readings = morph.word(match.group(0)).readings  # none for an abbreviation: «в ФАП» may be either
            if INTO_BEFORE.search(before) and readings and not any(r[0] == "loct" for r in readings):
                continue  # «добираться в поликлинику»: where someone goes (the accusative), not where it is
            found.add(code)
    return found


def _lasted_days(text: str) -> int | None:
    found = None
    for match in LASTED_DAYS.finditer(text):
        ordinal, number = match.groups()
        if ordinal:
            days = ORDINALS.get(ordinal.lower().replace("ё", "е"), 1)
        else:
            days = int(number) if number.isdigit() else NUMBER_WORDS[number.lower()]
        found = max(found or 0, days)
    return found


@lru_cache(maxsize=CACHE_TEXTS)
def read(text: str) -> Reading:
    """What one text says of its problem and its place; cached by the text, since a week repeats many texts.

    A reply that confirms and then adds («то же самое, ещё и сетку порвали») is read by its confirmation: what it
    adds is news of its own, not a second problem set against the post."""
    text = text or ""
    added = CONFIRM_AND_ADD.match(text)
    if added:
        return read(added.group(1))
    lemmas = morph.lemmas(IN_VIEW_OF.sub(" ", text))
    all_lemmas = frozenset(lemmas)
    place_forms = _place_forms()
    streets = _streets(text, place_forms)
    content_words = {
        lemma: morph.word(token).pos
        for token, lemma in zip(lemmas.words, lemmas, strict=True)
        if len(lemma) > 2
        and lemma not in GENERIC_LEMMAS
        and lemma not in streets
        and morph.fold(token) not in place_forms
        and morph.word(token).pos in CONTENT_POS
    }
    for lemma in content_words:
        if lemma not in _WEIGHTS:
            _WEIGHTS[lemma] = POS_WEIGHTS.get(morph.word(lemma).pos, 1.0)
    content = frozenset(content_words)
    # a street's name is a place, no word of the problem: the bus sent round «через Школьную» is no school bus
    problem_lemmas = all_lemmas - streets
    burning = BURNING.findall(text)
    if burning and all(burning):
        # «не горит освещение у Дома культуры»: a light that is out, no fire
        problem_lemmas = problem_lemmas - {"гореть"}
    concepts = _CONCEPT_LEXICON.find(problem_lemmas)
    if "container_damage" in concepts and "waste" not in _CONCEPT_LEXICON.find(
        frozenset(lemma for lemma in problem_lemmas if lemma not in CONTAINERS and not lemma.startswith("контейнер"))
    ):
        concepts.discard("waste")  # «у бака оторвано колесо»: the container is broken, nothing says it is full
    for vague, means in AMBIGUOUS.items():
        if concepts & means:
            concepts.discard(vague)  # «не горят фонари, темно» is the street lighting; «света нет, темно» an outage
    for specific, general in SUPERSEDES.items():
        if specific in concepts:
            concepts.discard(general)
    if "voltage" in concepts and not POWER_OFF.search(text):
        concepts.discard("power_outage")  # «свет моргает, 170 вольт»: the power is there, but poor
    landmarks = _LANDMARK_LEXICON.find(all_lemmas)
    located_at = _located_at(text)
    people = {code for code, words in _PEOPLE.items() if not words.isdisjoint(all_lemmas)}
    fixed = bool(FIXED_BEFORE.search(text))
    said_again = bool(RECURRENCE.search(text))
    lasts = bool(UNRESOLVED.search(text))
    lasted = bool(DURATION.search(text))
    unresolved = not fixed and (lasts or lasted)
    return Reading(
        lemmas=content,
        concepts=frozenset(concepts),
        streets=frozenset(streets),
        # «ул. Кирова»: the form written is read as a surname, though the lemma «Киров» is a city too
        person_streets=any(_person_name(street) for street in streets)
        or any(
            lemma in streets and morph.word(token).surname >= PERSON_STREET_SHARE
            for token, lemma in zip(lemmas.words, lemmas, strict=True)
        ),
        houses=frozenset(_houses(text, streets)),
        landmarks=frozenset(landmarks),
        located_at=frozenset(located_at),
        people=frozenset(people),
        specialists=frozenset(all_lemmas & SPECIALISTS),
        area_wide=bool(AREA_WIDE.search(text) or WHOLE_PLACE.search(text) or VILLAGE_AS_WHOLE.search(text))
        or (len(streets) >= 2 and not CROSSING.search(text)),
        unresolved=unresolved,
        lasted_days=_lasted_days(text),
        aftermath=bool(AFTERMATH.search(text))
        or "excavation" in concepts
        or (("завалил" in text or "перекрыл" in text) and bool(MACHINE_BLOCKED.search(text))),
        recurrence=fixed or (said_again and not lasts and not lasted),
        again=said_again and not fixed,
        habitual=bool(HABITUAL.search(text)),
        localities=localities(text),
        confirmation=bool(CONFIRMATION.search(text)),
        reply=bool(CONFIRMATION.search(text) or REPLY.search(text)) and not CONTRAST.search(text),
        contrast=_own_case(text, bool(streets or landmarks)),
        words=len(content),
        weight=sum(_WEIGHTS[lemma] for lemma in content),
        numbered=frozenset((m.group(1).lower(), int(m.group(2))) for m in NUMBERED.finditer(text)),
        families=frozenset(FAMILY_OF[c] for c in _meant(frozenset(concepts)) if c in FAMILY_OF),
    )


@lru_cache(maxsize=CACHE_TEXTS)
def named_settlements(text: str) -> frozenset[str]:
    """OKTMO of the settlements a text names where something is (not where someone goes); read only for the
    messages whose source gave no settlement, so it is kept apart from `read`."""
    found = frozenset(m.oktmo for m in gazetteer.mentions_in(text or "", _places()) if not m.destination)
    if found:
        return found
    # a post that opens with its village in small letters: «таволжанка без света», «петровка опять без воды»
    first = morph.WORD.search(text or "")
    if first is None or first.start() > 0:
        return found
    places = _places().by_first.get(morph.fold(first.group(0)), [])
    codes = {p.oktmo for p in places if len(p.words) == 1 and not p.derived and not p.centre}
    return frozenset(codes) if len(codes) == 1 else found


@lru_cache(maxsize=CACHE_TEXTS)
def localities(text: str) -> frozenset[str]:
    """The localities (villages, hamlets) a text names as where it is, by their gazetteer names: one settlement's
    code may cover several («пос. Лесной» and «Большое Алдаркино»), each with its own streets, pump and shop. A
    name that is an ordinary word too («Лесной», «Мойка») counts only after «пос.», «с.», «д.», «в селе»…; «из
    Алдаркино», «до Петровки» say where from or where to."""
    text = text or ""
    places = _places()
    if places.scanner is None:
        return frozenset()
    # one scan of the gazetteer's expression finds where a name may start; most texts name none
    starts = {m.start() for m in places.scanner.finditer(text.lower().replace("ё", "е"))}
    if not starts:
        return frozenset()
    words = list(morph.WORD.finditer(text))
    low = [morph.fold(w.group(0)) for w in words]
    found: set[str] = set()
    covered = 0  # the words of a name read already: «Большое Алдаркино» holds no second «Алдаркино»
    for index, word in enumerate(words):
        if index < covered or word.start() not in starts:
            continue
        longest: tuple[int, str] | None = None
        for place in places.by_first.get(low[index], ()):
            if place.derived or place.centre or place.people_only:
                continue
            end = index + 1
            for forms in place.words[1:]:
                if end >= len(low) or low[end] not in forms:
                    end = -1
                    break
                end += 1
            if end < 0:
                continue
            before = text[max(0, word.start() - 14) : word.start()]
            if FROM_TO_BEFORE.search(before):
                continue
            if place.common and not LOCALITY_MARK.search(before):
                continue
            if longest is None or end > longest[0]:
                longest = (end, place.place)
        if longest is not None:
            covered = longest[0]
            found.add(longest[1])
    return frozenset(found)


def _same_locality(a: frozenset[str], b: frozenset[str]) -> bool:
    """One locality named by both: the same name, or a short name that is a part of the full one («Алдаркино» for
    «Большое Алдаркино»); «Малое Алдаркино» and «Большое Алдаркино» stay two."""
    if not a.isdisjoint(b):
        return True
    words_a = [frozenset(morph.fold(name).split()) for name in a]
    words_b = [frozenset(morph.fold(name).split()) for name in b]
    return any(x <= y or y <= x for x in words_a for y in words_b)


def themes_compatible(a: str, b: str) -> bool:
    """Two themes one problem may carry: the same, «other», or two of one group (roads and energy for a pole)."""
    return a == b or ANY_THEME in (a, b) or any(a in group and b in group for group in THEME_GROUPS)


def settlements_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def block_key(m: Message) -> str | None:
    """The key that splits a week's messages into blocks compared among themselves: the settlement's OKTMO.

    Messages with different non-None keys are never compared. A message whose key is None (the source did not
    determine its settlement, as with many social-media posts) is compared, within MAX_DAYS, with every message
    whose theme is compatible (`themes_compatible`), whatever that message's key; `may_match` says so for a pair.
    """
    return m.settlement


def gap_days(a: Message, b: Message) -> float:
    return abs((a.received_at - b.received_at).total_seconds()) / 86_400


def may_match(a: Message, b: Message) -> bool:
    """A cheap pre-check before score: compatible settlements and themes, and the gap within MAX_DAYS.

    Where it is False, score is 0, so the grouping may skip the pair.
    """
    return (
        settlements_compatible(a.settlement, b.settlement)
        and themes_compatible(a.theme, b.theme)
        and gap_days(a, b) <= MAX_DAYS
    )


def reach_back_days(m: Message) -> int:
    """How far back a message can match an earlier one: MAX_DAYS when its text says the problem goes on
    («так и не», «до сих пор», «третью неделю») or comes back («опять»: an earlier message may say it happens
    every week), SHORT_DAYS otherwise. Beyond it score is 0, so the grouping
    need not look further back for this message."""
    reading = read(m.text)
    return MAX_DAYS if reading.unresolved or reading.again else SHORT_DAYS


def concept_keys(m: Message) -> frozenset[str]:
    """The problem concepts a message may share with another (darkness in both its meanings), with their families
    and the families related to them («family:water», «family:drainage»), empty when the lexicon knows none. Two
    messages whose keys are both non-empty and disjoint score 0 (their families neither meet nor are related): an
    index on the keys gives the grouping its candidate pairs within a block (a message without keys goes with
    every other)."""
    reading = read(m.text)
    return _meant(reading.concepts) | frozenset(
        f"family:{related}" for family in reading.families for related in _RELATED[family]
    )


def _named_elsewhere(m: Message, other: Message) -> bool:
    """A message without a settlement code whose text names settlements, none of them the other's."""
    if m.settlement is not None:
        return False
    named = named_settlements(m.text)
    if not named:
        return False
    known = {other.settlement} if other.settlement is not None else named_settlements(other.text)
    return bool(known) and known.isdisjoint(named)


def _meant(concepts: frozenset[str]) -> frozenset[str]:
    """The concepts a text may mean: darkness alone goes with an outage and with the street lights (`AMBIGUOUS`)."""
    for vague, means in AMBIGUOUS.items():
        if vague in concepts:
            concepts = concepts | means
    return concepts


def _families_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """A family of one is the same as, or related to, a family of the other."""
    return any(not _RELATED[family].isdisjoint(b) for family in a)


def _network_spreads(ra: Reading, rb: Reading) -> bool:
    """One of them says «тоже» of a network's outage both speak of: the outage reaches its street too."""
    return (ra.confirmation or rb.confirmation) and not (ra.families & rb.families).isdisjoint(NETWORK_FAMILIES)


def _one_outage(ra: Reading, rb: Reading, gap: float) -> bool:
    """Both say a network is out (no water, no power, no gas, no signal) within OUTAGE_DAYS and not both name a
    house: an outage has no one place, so two streets of one village are most often the same breakdown (two
    houses named on two streets are two addresses, and the heating of a block is the block's own)."""
    return gap <= OUTAGE_DAYS and not (ra.houses and rb.houses) and bool(ra.concepts & rb.concepts & OUTAGES)


def conflict(a: Message, b: Message) -> str | None:
    """The rule that makes two messages two problems, or None: what a clerk would say first."""
    if not may_match(a, b):
        return "window"
    ra, rb = read(a.text), read(b.text)
    if _named_elsewhere(a, b) or _named_elsewhere(b, a):
        return "settlement"
    if ra.localities and rb.localities and not _same_locality(ra.localities, rb.localities):
        return "settlement"  # two localities of one settlement's code: «пос. Лесной» and «Большое Алдаркино»
    earlier, later = (ra, rb) if a.received_at <= b.received_at else (rb, ra)
    gap = gap_days(a, b)
    if later.lasted_days is not None:
        # «третий день нет света»: it began before the earlier message, or after it, and then it is a new one
        if gap > later.lasted_days + DAYS_SLACK:
            return "recurrence"
    elif gap > RECURRENCE_DAYS and later.recurrence and not (earlier.habitual and later.again):
        return "recurrence"
    # «каждую пятницу музыка до трёх ночи», weeks later «опять всю ночь грохотала»: a trouble that comes back by
    # its nature is told again, not new
    if gap > SHORT_DAYS and not later.unresolved and not (earlier.habitual and later.again):
        return "gap"
    if ra.numbered and rb.numbered and ra.numbered.isdisjoint(rb.numbered):
        return "place"  # «школа № 2» and «школа № 1»
    area_wide = ra.area_wide or rb.area_wide or _network_spreads(ra, rb)
    outage = _one_outage(ra, rb, gap)
    if _other_streets(ra, rb) and not area_wide and not outage:
        return "street"
    if ra.houses and rb.houses and ra.houses.isdisjoint(rb.houses) and not area_wide:
        return "house"
    concepts_a, concepts_b = _meant(ra.concepts), _meant(rb.concepts)
    if ra.families and rb.families and not _families_meet(ra.families, rb.families):
        return "concept"  # problems of two unrelated families: a pothole and a bus route
    if concepts_a & concepts_b & OBJECT_CONCEPTS:
        faults_a = {SAME_FAULT.get(c, c) for c in concepts_a - OBJECT_CONCEPTS}
        faults_b = {SAME_FAULT.get(c, c) for c in concepts_b - OBJECT_CONCEPTS}
        if faults_a and faults_b and faults_a.isdisjoint(faults_b):
            return "concept"  # the same thing, something else wrong with it
    items_a, items_b = concepts_a & PIECES, concepts_b & PIECES
    if items_a and items_b and items_a.isdisjoint(items_b):
        return "concept"  # one playground, another piece of it: the swing and the slide
    # where each puts it: by the landmark it is at («у школы», «в школе»), else by the landmark it is about
    # («дом культуры не работает»); two places that name nothing of each other are two places
    # (a network's outage has no one place: «детей в школу не умыть» and «насос за фермой» are one breakdown)
    place_a, place_b = ra.located_at or ra.landmarks, rb.located_at or rb.landmarks
    if (
        not (area_wide or outage)
        and place_a
        and place_b
        and (ra.located_at or rb.located_at)
        and place_a.isdisjoint(rb.landmarks)
        and place_b.isdisjoint(ra.landmarks)
        and not ra.houses & rb.houses
    ):
        return "landmark"
    if (_elsewhere(ra, rb) or _elsewhere(rb, ra)) and not (area_wide or outage):
        return "contrast"  # «а у нас на Озёрной…» under a post: the commenter's own case, somewhere else
    if ("damage_claim" in ra.concepts) != ("damage_claim" in rb.concepts):
        return "consequence"
    if ra.aftermath != rb.aftermath:
        return "consequence"  # what the work left behind («после спила оставили брёвна») beside the work asked for
    if ra.specialists and rb.specialists and ra.specialists.isdisjoint(rb.specialists):
        return "specialist"
    shared = concepts_a & concepts_b
    if "payment" in shared and (ra.concepts & PERSONAL) != (rb.concepts & PERSONAL):
        # a payment is known by what it is for: the child's allowance and the compensation for fuel are two cases
        return "person"
    if shared & PERSONAL and ra.people and rb.people and ra.people.isdisjoint(rb.people):
        return "person"
    return None


def score(a: Message, b: Message) -> float:
    """0..1, how sure it is that the two messages speak of one problem; SAME_AT and above means the same."""
    if conflict(a, b) is not None:
        return RULED_OUT
    ra, rb = read(a.text), read(b.text)
    shared = _meant(ra.concepts) & _meant(rb.concepts)
    value = 0.0
    if shared:
        value += CONCEPT_SHARED + CONCEPT_SHARE * min(1.0, len(shared) / min(len(ra.concepts), len(rb.concepts)))
    elif ra.families & rb.families:
        value += FAMILY_SHARED  # two kinds of one family: the taps dry and a burst main
    elif ra.families and rb.families:
        value += RELATED_SHARED  # related families: a burst main and a flooded street
    common = ra.lemmas & rb.lemmas
    if ra.lemmas and rb.lemmas:
        words = sum(_WEIGHTS[lemma] for lemma in common) / max(min(ra.weight, rb.weight), WORDS_MIN) if common else 0.0
        # where the lexicon knows one problem or neither, the words are what is left to go by
        value += (WORDS_ALONE if not (ra.concepts and rb.concepts) else WORDS_SHARE) * words
    value += PLACE_SAME * (
        bool(ra.streets & rb.streets)
        + bool(ra.houses & rb.houses)
        + bool(ra.landmarks & rb.landmarks)
        # a whole settlement's outage covers whatever place the other message gives
        + bool(shared and (ra.area_wide or rb.area_wide))
    )
    comment_a, comment_b = ra.reply and not ra.concepts, rb.reply and not rb.concepts
    if (comment_a or comment_b) and gap_days(a, b) * 24 <= COMMENT_HOURS:
        # a reply that names no problem of its own confirms the post: with no place of its own («подтверждаю»,
        # «это у 15 дома») it inherits the post's problem; with a place of its own, a word or a place of the post
        # in it («у весовой», «в пчёлках», «мешки») says which post
        inherits = any(
            side and r.words <= COMMENT_WORDS and not (r.streets - other.streets or r.landmarks - other.landmarks)
            for side, r, other in ((comment_a, ra, rb), (comment_b, rb, ra))
        )
        echoes = bool(common or ra.streets & rb.streets or ra.landmarks & rb.landmarks)
        value += CONFIRMS_INHERITS if inherits else CONFIRMS_ECHO if echoes else CONFIRMS
    return min(1.0, round(value, 4))


def same_problem(a: Message, b: Message) -> bool:
    return score(a, b) >= SAME_AT


def clear_caches() -> None:
    read.cache_clear()
    named_settlements.cache_clear()
    localities.cache_clear()
