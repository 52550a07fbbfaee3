"""The words of goal sentences: which KPI a phrase names, the direction and rate words, and the examples an
unreadable sentence is answered with (``closest_example``: a sentence in the UI language close to what was written).

>>> closest_example("Хочу больше выручки", "ru"), closest_example("Make our brand famous", "en")
('Увеличить выручку на 20% за 3 месяца', 'Double reach this quarter')
"""

from __future__ import annotations

import re

# The method's example goals, offered as templates: (Russian sentence, English sentence).
TEMPLATES: dict[str, tuple[str, str]] = {
    "sales": ("Увеличить онлайн-продажи на 20% за 3 месяца", "Increase online sales by 20% in 3 months"),
    "customers": ("Привлечь 100 новых клиентов за 3 месяца", "Get 100 new customers in 3 months"),
    "traffic": ("Повысить посещаемость сайта на 50% за полгода", "Grow site traffic by 50% in 6 months"),
    "awareness": ("Увеличить охват в 2 раза за квартал", "Double reach this quarter"),
    "service": (
        "Сократить время ответа до 15 минут за 2 месяца",
        "Lower average response time to 15 minutes in 2 months",
    ),
}
EXAMPLES = {"ru": TEMPLATES["sales"][0], "en": TEMPLATES["sales"][1]}

# (pattern on the lower-cased sentence, KPI id), most specific first
KPI_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"стоимост\w* привлечени\w*|стоимост\w* (нов\w+ )?клиент\w*|\bcac\b|customer acquisition cost", "cac"),
    (r"cost to acquire|cost per (new )?customer", "cac"),
    (r"(стоимост|цен)\w* (заявк|лид|обращени|регистраци)\w*|\bcpl\b|cost per (lead|sign.?up|inquiry)", "cpl"),
    (r"стоимост\w* заказ\w*|\bcpo\b|cost per order", "cpo"),
    (r"стоимост\w* клик\w*|цен\w* клик\w*|\bcpc\b|cost per click", "cpc"),
    (r"\bдрр\b|дол\w* рекламн\w* расход\w*|\bacos\b|ad cost share", "drr"),
    (r"\bromi\b|окупаемост\w*", "romi"),
    (r"\broas\b", "roas"),
    (r"\bctr\b|кликабельност\w*|click.through rate", "ctr"),
    (r"\bnps\b|индекс\w* лояльност\w*|лояльност\w*|net promoter", "nps"),
    (r"(врем|скорост)\w* (\w+ )?ответ\w*|response time|time to (first )?(respond|reply|response)", "avg_response_time"),
    (r"врем\w* на сайте|time on (the )?site|session duration|длительност\w* (визит|сеанс)\w*", "avg_session_duration"),
    (r"отказ\w*|bounce", "bounce_rate"),
    (r"средн\w* чек\w*|average order value|\baov\b|average (check|basket)", "average_order_value"),
    (r"повторн\w* (покуп|заказ|продаж)\w*|repeat (purchase|order|customer)\w*", "repeat_purchase_rate"),
    # CR2 before CR1: "конверсия лида в сделку" names a lead before the deal
    (
        r"конверси\w* (из )?(заяв|лид|обращени)\w* в (продаж|сделк|клиент|покуп|оплат|договор)\w*|"
        r"конверси\w* в (продаж|сделк|клиент|оплат)\w*|\bcr2\b|lead.to.(customer|deal|sale|client|close)|"
        r"(close|closing|win) rate|conver\w* (rate )?(from |of )?leads? (in)?to (deal|sale|customer|client)",
        "lead_to_customer",
    ),
    (r"конверси\w* (сайта )?(в )?(заяв|лид|обращени)\w*|\bcr1\b|lead conversion|visitor.to.lead", "lead_conversion"),
    (r"конверси\w*|conversion", "conversion_rate"),
    (r"вовлеченност\w*|engagement rate", "engagement_rate"),
    (r"engagement\w*|лайк\w*|реакци\w*", "engagements"),
    (r"охват\w*|\breach\b(?!\s+\d)", "reach"),
    (r"упоминани\w*|mentions?", "mentions"),
    (
        r"органическ\w* (трафик|посещаемост|визит)\w*|seo.трафик\w*|organic (traffic|search|visits|sessions)",
        "organic_traffic",
    ),
    (r"(трафик|переход)\w* из соц\w*|social (traffic|referrals)", "social_referrals"),
    (r"нов\w* (клиент|покупател|заказчик)\w*|new (customers?|clients?|buyers?)", "new_customers"),
    (r"(лид|заяв|обращени|регистраци)\w*|\bleads?\b|inquir\w*|enquir\w*|sign.?ups?\b|registrations?", "leads"),
    (r"(demo|quote|trial|contact|call.?back) requests?", "leads"),
    (r"сдел\w*|\bdeals?\b", "deals_won"),
    (r"заказ\w*|\borders?\b|purchases", "orders"),
    (r"выручк\w*|продаж\w*|доход\w*|оборот\w*|revenue|\bsales\b|income|turnover", "revenue"),
    (r"\d\s*(тыс\.?|k)?\s*(клиент|покупател|заказчик)\w*|\d\s*k?\s*(customers|clients|buyers)\b", "new_customers"),
    (r"посетител\w*|уникальн\w*|visitors|\busers\b", "unique_visitors"),
    (r"посещаемост\w*|трафик\w*|визит\w*|сеанс\w*|traffic|visits|sessions", "sessions"),
)
AWARENESS_WORDS = r"узнаваемост\w*|awareness|бренд\w*|brand"
DOWN_WORDS = (
    r"сниз\w*|сократ\w*|уменьш\w*|пониз\w*|урез\w*|\breduc\w*|\bcut\w*|\blower\w*|decreas\w*|\bdown\b|"
    r"minimi[sz]\w*|\bhalve\w*|\bdrop\w*"
)
# "в неделю", "per week", "a month" (not "in a month": that is the window), "ежемесячно", "monthly"
_EVERY = r"(?:\bper|/|\beach|\bevery|(?<!\bin )(?<!\bwithin )(?<!\bfor )(?<!\bover )\ban?)\s*"
PER_PATTERNS = (
    ("day", r"\bв (день|сутки)\b|ежедневн\w*|\bкаждый день|" + _EVERY + r"day\b|\bdaily\b"),
    ("week", r"\bв нед(\.|елю\b)|/\s*нед\w*|еженедельн\w*|\bкаждую неделю|" + _EVERY + r"week\b|\bweekly\b"),
    ("month", r"\bв мес(\.|яц\b|(?!\w))|/\s*мес\w*|ежемесячн\w*|\bкаждый месяц|" + _EVERY + r"mo(nth)?\b|\bmonthly\b"),
)

# an example for a sentence that names a KPI but no target: (Russian, English); each reads back as its KPI
KPI_EXAMPLES: dict[str, tuple[str, str]] = {
    "revenue": ("Увеличить выручку на 20% за 3 месяца", "Increase revenue by 20% in 3 months"),
    "orders": ("Увеличить число заказов на 25% за квартал", "Grow orders by 25% this quarter"),
    "average_order_value": (
        "Увеличить средний чек на 10% за квартал",
        "Increase average order value by 10% this quarter",
    ),
    "new_customers": TEMPLATES["customers"],
    "leads": ("Получать по 300 заявок в месяц к концу квартала", "Get 300 leads a month by the end of the quarter"),
    "deals_won": ("Закрыть 50 сделок за квартал", "Win 50 deals this quarter"),
    "cac": ("Снизить стоимость привлечения клиента на 20% за 3 месяца", "Reduce CAC by 20% in 3 months"),
    "cpl": ("Снизить стоимость заявки на 20% за 3 месяца", "Reduce cost per lead by 20% in 3 months"),
    "cpo": ("Снизить стоимость заказа на 15% за 2 месяца", "Reduce cost per order by 15% in 2 months"),
    "cpc": ("Снизить цену клика до 25 ₽ за 2 месяца", "Lower cost per click by 15% in 2 months"),
    "drr": ("Снизить ДРР до 12% за квартал", "Lower ACoS to 12% this quarter"),
    "romi": ("Повысить ROMI до 150% к концу года", "Raise ROMI to 150% by the end of the year"),
    "roas": ("Поднять ROAS до 4 за полгода", "Raise ROAS to 4 in 6 months"),
    "ctr": ("Поднять CTR до 2% за месяц", "Raise CTR to 2% in a month"),
    "conversion_rate": (
        "Поднять конверсию сайта до 2,5% к концу квартала",
        "Raise conversion rate to 2.5% by the end of the quarter",
    ),
    "lead_conversion": ("Поднять конверсию в заявку до 3% за квартал", "Raise lead conversion to 3% this quarter"),
    "lead_to_customer": (
        "Поднять конверсию лида в сделку до 25% за полгода",
        "Raise the lead-to-deal rate to 25% in 6 months",
    ),
    "repeat_purchase_rate": (
        "Повысить долю повторных покупок до 30% за полгода",
        "Raise repeat purchase rate to 30% in 6 months",
    ),
    "sessions": ("Увеличить число визитов на 30% за полгода", "Grow sessions by 30% in 6 months"),
    "unique_visitors": ("Привлекать 10 тыс. посетителей в месяц", "Reach 10k visitors a month"),
    "organic_traffic": ("Нарастить органический трафик на 30% за полгода", "Grow organic traffic by 30% in 6 months"),
    "social_referrals": ("Увеличить переходы из соцсетей на 25% за квартал", "Grow social traffic by 25% this quarter"),
    "avg_session_duration": ("Увеличить время на сайте до 3 минут", "Increase time on site to 3 minutes"),
    "bounce_rate": ("Снизить показатель отказов до 35% за 2 месяца", "Cut bounce rate to 35% in 2 months"),
    "reach": TEMPLATES["awareness"],
    "mentions": ("Увеличить число упоминаний бренда на 50% за полгода", "Increase mentions by 50% in 6 months"),
    "engagements": ("Увеличить число реакций на 40% за квартал", "Grow engagements by 40% this quarter"),
    "engagement_rate": ("Повысить вовлечённость до 5% за квартал", "Grow engagement rate to 5% this quarter"),
    "avg_response_time": TEMPLATES["service"],
    "nps": ("Довести NPS до 50 к концу года", "Improve NPS to 50 by the end of the year"),
}
# words that point to an objective's template beyond the template's own words
OBJECTIVE_WORDS = {
    "sales": "продаж выручк деньг прибыл заработ доход магазин оборот sales sell revenue profit money earn income shop",
    "customers": "клиент покупател заказчик аудитор customer client buyer audience",
    "traffic": "сайт трафик посещ посетит визит site website traffic visit visitors seo",
    "awareness": "узнава бренд охват извест популяр awareness brand reach famous known popular",
    "service": "сервис поддерж ответ отвеч обслуж довол жалоб service support respond reply answer satisf complain",
}
# words every template shares or that say nothing of the objective
_COMMON = {"увеличить", "повысить", "сократить", "привлечь", "месяца", "полгода", "квартал", "раза", "минут"}
_COMMON |= {"increase", "lower", "grow", "double", "months", "this", "quarter", "minutes", "average", "time"}


def normalized(text: str) -> str:
    """The sentence lower-cased, "ё" as "е", dashes as "-", one space between words."""
    return " ".join(str(text).lower().replace("ё", "е").replace("–", "-").replace("—", "-").split())


def find_kpi(text: str) -> str | None:
    """The KPI a normalized sentence names: the most specific phrase found, or None."""
    return next((kpi_id for pattern, kpi_id in KPI_PATTERNS if re.search(pattern, text)), None)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zа-я]+", normalized(text)) if len(w) >= 3 and w not in _COMMON}


def _alike(a: str, b: str) -> bool:
    """Two words with one stem: "сайт" and "сайта", "клиентов" and "клиент"."""
    n = min(len(a), len(b), 5)
    return a == b or (n >= 4 and a[:n] == b[:n])


def closest_example(text: str, lang: str) -> str:
    """The example sentence (in ``lang``) nearest to an unreadable goal: one with its KPI if it names one,
    else the template whose objective its words are nearest to, else the sales template.
    """
    kpi_id = find_kpi(normalized(text))
    if kpi_id in KPI_EXAMPLES:
        return KPI_EXAMPLES[kpi_id][lang == "en"]
    written = _words(text)
    best, best_score = "sales", 0
    for objective, sentences in TEMPLATES.items():
        vocabulary = _words(" ".join(sentences)) | set(OBJECTIVE_WORDS[objective].split())
        score = sum(any(_alike(word, known) for known in vocabulary) for word in written)
        if score > best_score:
            best, best_score = objective, score
    return TEMPLATES[best][lang == "en"]


class GoalParseError(ValueError):
    """A sentence the parser cannot read; the message gives an example it can, ``examples`` the nearest
    example per language (``{"ru": …, "en": …}``)."""

    def __init__(self, text: str = "") -> None:
        super().__init__(
            f'the sentence names no KPI or target the app knows; try e.g. "{EXAMPLES["en"]}" or "{EXAMPLES["ru"]}"'
        )
        self.examples = {lang: closest_example(text, lang) for lang in ("ru", "en")}
