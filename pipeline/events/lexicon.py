"""The words of cooperation, kept as data: trigger lemmas with their event type.

Lemmas are pymorphy3 normal forms (lower case, е for ё). Collected from the predicates of
../shared/spec/events.md and the triggers of real news (the gold's triggers were studied for
their general classes, not copied: every entry is a word any news archive uses this way).
"""

from __future__ import annotations

AGREEMENT, TALKS, JOINT, COOPERATION = "agreement", "talks", "joint_activity", "cooperation"

# Nouns that name an agreement; alone they state one ("соглашение о прекращении огня").
AGREEMENT_NOUNS = frozenset(
    """
    соглашение договор договоренность меморандум декларация контракт сделка пакт конвенция хартия
    коммюнике соглашение-рамка дорожный
    """.split()
) - {"дорожный"}

# Verbs that make an agreement out of an agreement noun ("подписать соглашение"), or alone.
AGREEMENT_VERBS_WITH_NOUN = frozenset(
    "подписать подписывать заключить заключать ратифицировать ратифицировать продлить продлевать "
    "парафировать подписание заключение ратификация продление".split()
)
AGREEMENT_VERBS = frozenset("договориться договариваться условиться".split())

TALKS_NOUNS = frozenset(
    """
    переговоры встреча визит поездка бизнес-миссия саммит форум консультация консультации разговор беседа
    диалог переговорный турне мини-саммит телефонный созвон конференция
    """.split()
) - {"переговорный", "телефонный"}
TALKS_VERBS = frozenset(
    """
    встретиться встречаться переговорить поговорить созвониться посетить посещать обсудить обсуждать
    приехать прибыть побывать приезжать разговаривать беседовать
    """.split()
)
# Verbs of travel: talks only when those who travel are a party, not private people ("Родители
# погибшей приехали из Китая").
TRAVEL_VERBS = frozenset("приехать прибыть побывать приезжать посетить посещать".split())
# Crime is not cooperation (spec/events.md, "Not events"): "преступный сговор с целью поставок".
CRIME_LEMMAS = frozenset("сговор взятка мошенничество контрабанда отмывание договорной".split())
# A guest of a meeting or event is a party to it: "гость форума".
TALKS_NOUNS = TALKS_NOUNS | {"гость"}
# "говорить с американцами": talking *with* someone is talks (talking alone is only saying).
TALK_WITH_VERBS = frozenset("говорить".split())
# "принять участие в сессии": taking part counts when what is taken part in is a meeting.
PARTICIPATION_NOUNS = frozenset("участие".split())
# Words that add another meeting partner in a "с" phrase of its own: "а также с", "и с", "затем с".
MEETING_SEQUENCE = frozenset("и а также затем потом".split())
MEETING_NOUNS = frozenset("сессия заседание саммит форум конференция переговоры встреча консультация".split())

JOINT_NOUNS = frozenset(
    """
    поставка инвестиция инвестирование инвестор кредит заем займ помощь финансирование грант закупка продажа
    покупка приобретение экспорт импорт транзит сп строительство учения спонсор поддержка
    """.split()
)
JOINT_VERBS = frozenset(
    """
    поставлять поставить продать продавать купить покупать приобрести приобретать инвестировать вложить
    финансировать профинансировать выделить выделять предоставить предоставлять пожертвовать построить
    экспортировать импортировать закупать закупить спонсировать поставляться
    """.split()
)
# Verbs of supply that are joint acts only for goods: "в РМ будет поступать газ", "подача воды".
SUPPLY_VERBS = frozenset("поступать поступить подача подавать получать получить".split())
COMMODITIES = frozenset(
    """
    газ нефть вода электроэнергия электричество топливо уголь зерно пшеница оружие вооружение боеприпас
    нефтепродукт бензин мазут продукция товар самолет техника
    """.split()
)
# "совместный проект", "совместное предприятие", "совместно с": joint acts whatever the noun.
JOINT_MARKERS = frozenset("совместный совместно".split())

COOPERATION_NOUNS = frozenset(
    """
    сотрудничество партнерство партнер взаимодействие кооперация альянс союзник сближение коалиция тандем
    взаимосвязь вступление
    """.split()
)
COOPERATION_VERBS = frozenset(
    "сотрудничать взаимодействовать кооперироваться сблизиться сближаться поддержать поддерживать".split()
)
COOPERATION_ADJECTIVES = frozenset("союзнический партнерский союзный".split())
# Verbs that make a statement of cooperation out of "отношения", "связи", "контакты".
RELATION_NOUNS = frozenset("отношение связь контакт".split())
RELATION_VERBS = frozenset(
    "развивать развить укреплять укрепить расширять расширить углублять углубить наладить налаживать "
    "поддерживать восстановить восстанавливать нормализовать улучшить улучшать развитие укрепление "
    "расширение углубление нормализация улучшение восстановление установить устанавливать "
    "установление".split()
)

# Every trigger lemma (for the cheap "may this sentence hold an event" test).
ALL_TRIGGERS = (
    AGREEMENT_NOUNS | AGREEMENT_VERBS | TALKS_NOUNS | TALKS_VERBS | TALK_WITH_VERBS | PARTICIPATION_NOUNS
    | SUPPLY_VERBS | JOINT_NOUNS | JOINT_VERBS
    | JOINT_MARKERS | COOPERATION_NOUNS | COOPERATION_VERBS | COOPERATION_ADJECTIVES | RELATION_NOUNS
)

# Joint acts whose "в X" names the counterpart, not the place: "инвестировать в Бразилию",
# "крупнейший инвестор во Вьетнаме".
INVESTMENT_LEMMAS = frozenset("инвестиция инвестирование инвестор инвестировать вложить вложение".split())

# Gatherings whose own name NER reads as an organisation: "выставка Texhibition", "форум BRICS+
# Fashion Summit" name where parties meet, not a party.
GATHERING_NOUNS = frozenset(
    "выставка форум саммит конференция фестиваль ярмарка конгресс конкурс чемпионат турнир шоу".split()
)

# Nouns for a government named by its leader: "администрация Обамы", "правительство Абэ" stand for
# the state.
GOVERNMENT_NOUNS = frozenset("администрация правительство кабинет режим".split())

# Nouns whose complement is a target, not a party: "давление на Пхеньян", "конфронтация с КНР",
# "противники Пекина", "проблема Северной Кореи", "денуклеаризация КНДР".
TARGET_NOUNS = frozenset(
    """
    давление конфронтация противник противостояние сдерживание угроза санкция проблема кризис
    денуклеаризация разоружение экспансия агрессия удар война борьба критика претензия враг оккупация
    """.split()
)

# Abbreviations NER tags as organisations that name a kind of thing, not an organisation: "СП"
# (a joint venture), "АЭС", "ВС" (armed forces, whose country the text does not say).
GENERIC_ABBREVIATIONS = frozenset("сп аэс тэц гэс вс вуз нии пво оао зао пао ооо".split())

# Words that refer back to the two parties of the previous event: "стороны договорились".
BOTH_PARTIES = frozenset("сторона страна".split())

# Nouns that stand for a party when an adjective or demonym names its country or city:
# "турецкие коллеги", "китайская сторона", "московские компании".
PARTY_NOUNS = frozenset(
    """
    сторона коллега компания власть правительство делегация партнер бизнес инвестор лидер президент
    премьер премьер-министр министр министерство ведомство военный дипломат банк корпорация предприятие
    фирма производитель поставщик специалист представитель организация агентство руководство глава
    кинематографист эксперт ученый университет вуз город регион столица концерн холдинг энергетик
    конгрессмен сенатор депутат парламентарий бизнесмен предприниматель чиновник врач инженер дизайнер
    военнослужащий миротворец экспортер импортер перевозчик авиакомпания студия фонд
    """.split()
)

# Heads of people's titles: a country in the genitive after them describes the person
# ("министр иностранных дел Сирии Валид Муаллем"), it is not a party of its own.
# Nouns for a kind of place before its name: "на острове Хоккайдо", "в городе Алеппо".
PLACE_NOUNS = frozenset(
    "город остров провинция область регион район округ порт столица село поселок штат деревня".split()
)

# Words of founding: the organisation founded is no party, its founders are ("создать «Европейскую
# армию»", "о запуске Европейского оборонного союза", "учредили LetterOne").
CREATION_WORDS = frozenset(
    "создать создавать создание учредить учреждать учреждение основать основание запуск запустить".split()
)

# Verbs whose object is the topic: its parties are those who discuss, the subject and "с" partners.
DISCUSS_VERBS = frozenset({"обсуждать", "обсудить"})

# Nouns of intention whose infinitive's doer is the subject of the clause: "он заявил о намерении
# посетить Гагаузию", "выразил готовность сотрудничать".
INTENT_NOUNS = frozenset("намерение план готовность желание решение стремление предложение".split())

# Verbs of geography: "граничащий с Южными Курилами" says where a place is, not who acts.
NEIGHBOUR_VERBS = frozenset("граничить соседствовать примыкать".split())

TITLE_NOUNS = frozenset(
    """
    император императрица королева принц монарх султан эмир
    министр президент премьер премьер-министр глава посол спикер председатель лидер канцлер король
    генсек секретарь руководитель директор мэр губернатор замминистра вице-премьер вице-президент
    представитель госсекретарь пресс-секретарь советник депутат сенатор командующий
    """.split()
)

# Verbs of saying: their subject reports an event, it is not a party of it
# ("Лавров отметил, что КНДР не захочет вести диалог" has no Лавров among the parties).
SPEECH_VERBS = frozenset(
    """
    сказать заявить отметить подчеркнуть сообщить рассказать добавить считать полагать пояснить
    напомнить указать уточнить признать заметить говорить заявлять сообщать рассказывать отмечать
    подчеркивать полагать утверждать обвинить обвинять написать процитировать цитировать приводить
    заверить заверять писать передавать комментировать прокомментировать сообщаться
    """.split()
)

# "в беседе с RT", "в интервью ТАСС": an organisation spoken *to* in these formulas is a medium
# reporting the words, not a party to talks.
INTERVIEW_NOUNS = frozenset("беседа разговор интервью комментарий".split())

# A "встреча" among these words is a match, not a meeting ("До встречи коэффициент на победу").
MATCH_WORDS = frozenset(
    "матч тур гол счет лига коэффициент тайм игра чемпионат болельщик футболист хоккеист соперник ничья".split()
)

# Words of a sports report: in an article with many of them, a "встреча" of two clubs is a match and
# a club's deal with a player is his employment (spec/events.md, "Not events").
SPORT_WORDS = MATCH_WORDS | frozenset(
    "клуб тренер игрок команда сезон нападающий защитник вратарь полузащитник трансфер аренда турнир "
    "спортсмен сборная кубок этап старт забег финиш медаль".split()
)

# Fixed phrases whose words are triggers elsewhere: "с помощью" (by means of), "при поддержке".
IDIOMS = frozenset({("с", "помощь"), ("при", "поддержка"), ("в", "связь"), ("в", "отношение"), ("по", "отношение")})
# Verbs of supply or allocation in another sense, told by the words after them: "поставить под
# угрозу", "поставило ЕС в сложное положение", "поставить задачу"; "выделили ключевые направления"
# (singled out) against "выделили средства" (allocated).
SENSE_VERBS = frozenset("поставить ставить выделить выделять".split())
OTHER_SENSE_WORDS = frozenset(
    """
    под задача цель вопрос рекорд точка условие диагноз известность положение голосование ультиматум
    акцент направление приоритет группа особо главный ключевой
    """.split()
)
RESOURCE_WORDS = frozenset(
    """
    средство деньги деньга кредит заем займ грант помощь транш субсидия финансирование бюджет
    доллар долл евро рубль фунт юань млн млрд тыс миллион миллиард
    """.split()
)

# News media: quoted as sources ("заверил «НГ»", "приводит слова DW"), never parties. Name keys
# (pipeline.resolve.names.name_key) of the agencies and outlets Russian news cites most.
MEDIA = frozenset({
    "тасс", "риа новости", "риа", "интерфакс", "rt", "russia today", "нг", "независимая газета",
    "коммерсантъ", "коммерсант", "ведомости", "рбк", "известия", "газета ру", "лента ру", "reuters",
    "рейтер", "bloomberg", "блумберг", "associated press", "afp", "франс пресс", "bbc", "би-би-си", "cnn",
    "deutsche welle", "dw", "n-tv", "fox news", "the new york times", "new york times", "нью-йорк таймс",
    "the washington post", "washington post", "financial times", "файнэншл таймс", "the guardian",
    "guardian", "wall street journal", "сми", "йомиури симбун", "киодо", "синьхуа", "anadolu", "анадолу",
    "euronews", "евроньюс", "первый канал", "нтв", "рен тв", "звезда", "голос америки",
    "русская служба голоса америки", "радио свобода", "эхо москвы", "россия 24", "россия 1", "дождь",
    "новая газета", "московский комсомолец", "мк", "российская газета", "рг", "газета ru", "fox",
})

# Support counts as cooperation only when a named party is what is supported ("поддержала
# Вьетнам", "поддержку США"), not an idea, a boycott or a candidate's rally.
SUPPORT_LEMMAS = frozenset("поддержать поддерживать поддержка".split())
SUPPORT_OBJECT_WINDOW = 3

# "эти соглашения", "такой праздник": a noun trigger after these words refers back to an event
# already reported (or to a kind of thing), it does not report a new one.
ANAPHORIC_DETERMINERS = frozenset("этот это тот данный указанный такой подобный вышеупомянутый".split())

# "российская столица" is Москва, not Россия: the capitals of the countries Russian news writes
# about most (ISO 3166-1 alpha-3 -> the city's name in the gazetteer).
# Words of a criminal investigation: "сотрудничество со следствием", "Следственный комитет призвал
# к сотрудничеству" are prosecution, not cooperation (spec/events.md, "Not events").
INVESTIGATION_LEMMAS = frozenset({"следствие", "следственный", "следователь"})
# ... and an inquiry, when the trigger is cooperation with it (a joint inquiry is a joint act).
INQUIRY_LEMMAS = frozenset({"расследование", "расследовать"})

CAPITALS = {
    "RUS": "Москва", "UKR": "Киев", "BLR": "Минск", "KAZ": "Астана", "UZB": "Ташкент", "KGZ": "Бишкек",
    "TJK": "Душанбе", "TKM": "Ашхабад", "AZE": "Баку", "ARM": "Ереван", "GEO": "Тбилиси", "MDA": "Кишинёв",
    "CHN": "Пекин", "JPN": "Токио", "KOR": "Сеул", "PRK": "Пхеньян", "IND": "Нью-Дели", "VNM": "Ханой",
    "USA": "Вашингтон", "GBR": "Лондон", "FRA": "Париж", "DEU": "Берлин", "ITA": "Рим", "ESP": "Мадрид",
    "POL": "Варшава", "TUR": "Анкара", "IRN": "Тегеран", "SYR": "Дамаск", "EGY": "Каир", "ISR": "Иерусалим",
    "SAU": "Эр-Рияд", "ARE": "Абу-Даби", "BRA": "Бразилиа", "THA": "Бангкок", "MNG": "Улан-Батор",
    "SRB": "Белград", "LVA": "Рига", "LTU": "Вильнюс", "EST": "Таллин", "FIN": "Хельсинки",
}
