"""The goal-sentence parser: 60+ phrasings in Russian and English, as of Thursday 15 January 2026."""

import datetime as dt

import pytest

from kpi_core.goals.text import GoalDateError, GoalParseError, parse_goal

TODAY = dt.date(2026, 1, 15)

# text, kpi, kind, target, deadline (start is today)
CASES = [
    ("Увеличить онлайн-продажи на 20%", "revenue", "change", 20, None),
    ("Привлечь 100 новых клиентов за 3 месяца", "new_customers", "total", 100, "2026-04-14"),
    ("Повысить посещаемость сайта на 50%", "sessions", "change", 50, None),
    ("Увеличить выручку на 15% за полгода", "revenue", "change", 15, "2026-07-14"),
    ("Снизить стоимость привлечения клиента на 20%", "cac", "change", -20, None),
    ("Снизить CAC до 1500 ₽ к концу квартала", "cac", "level", 1500, "2026-03-31"),
    ("Поднять конверсию до 2,5% к июню", "conversion_rate", "level", 2.5, "2026-05-31"),
    ("Получить 300 заявок за месяц", "leads", "total", 300, "2026-02-14"),
    ("Удвоить трафик за год", "sessions", "change", 100, "2027-01-14"),
    ("Снизить показатель отказов до 35%", "bounce_rate", "level", 35, None),
    ("Сократить время ответа до 15 минут", "avg_response_time", "level", 900, None),
    ("Увеличить средний чек на 10% за квартал", "average_order_value", "change", 10, "2026-04-14"),
    ("Довести NPS до 50 к концу года", "nps", "level", 50, "2026-12-31"),
    ("Увеличить охват в 2 раза за 6 месяцев", "reach", "change", 100, "2026-07-14"),
    ("Нарастить органический трафик на 30% за полгода", "organic_traffic", "change", 30, "2026-07-14"),
    ("Снизить ДРР до 12%", "drr", "level", 12, None),
    ("Повысить ROMI до 150%", "romi", "level", 150, None),
    ("Получить 50 сделок в этом квартале", "deals_won", "total", 50, "2026-03-31"),
    ("Увеличить количество заказов на 25% к концу месяца", "orders", "change", 25, "2026-01-31"),
    ("Довести выручку до 2 млн ₽ в месяц", "revenue", "level", 2_000_000, None),
    ("Привлечь 2 тыс. посетителей за 30 дней", "unique_visitors", "level", 2000, "2026-02-13"),
    ("Увеличить вовлечённость на 40%", "engagement_rate", "change", 40, None),
    ("Снизить стоимость заявки на 15% за 2 месяца", "cpl", "change", -15, "2026-03-14"),
    ("Увеличить оборот на 20% до 31.12.2026", "revenue", "change", 20, "2026-12-31"),
    ("Повысить долю повторных покупок до 30%", "repeat_purchase_rate", "level", 30, None),
    ("Увеличить количество обращений на 10%", "leads", "change", 10, None),
    ("Сократить время ответа клиентам вдвое", "avg_response_time", "change", -50, None),
    ("Увеличить число упоминаний бренда на 50%", "mentions", "change", 50, None),
    ("Утроить число лидов за 9 месяцев", "leads", "change", 200, "2026-10-14"),
    ("Увеличить время на сайте до 3 минут", "avg_session_duration", "level", 180, None),
    ("Поднять CTR до 5%", "ctr", "level", 5, None),
    ("Увеличить продажи на 20% к концу июня", "revenue", "change", 20, "2026-06-30"),
    ("Снизить отказы на 10%", "bounce_rate", "change", -10, None),
    ("Повысить конверсию заявок в продажи до 25%", "lead_to_customer", "level", 25, None),
    ("Увеличить доходы интернет-магазина на 12% в течение 4 месяцев", "revenue", "change", 12, "2026-05-14"),
    ("Рост выручки +30% за год", "revenue", "change", 30, "2027-01-14"),
    ("Привлечь 1 000 новых покупателей за полгода", "new_customers", "total", 1000, "2026-07-14"),
    ("Снизить стоимость клика до 25 рублей", "cpc", "level", 25, None),
    ("Увеличить число визитов в 3 раза к концу года", "sessions", "change", 200, "2026-12-31"),
    ("Increase online sales by 20% by June", "revenue", "change", 20, "2026-05-31"),
    ("Get 100 new customers in 3 months", "new_customers", "total", 100, "2026-04-14"),
    ("Grow site traffic by 50% this quarter", "sessions", "change", 50, "2026-03-31"),
    ("Double leads within a year", "leads", "change", 100, "2027-01-14"),
    ("Reduce CAC to 40 by the end of the year", "cac", "level", 40, "2026-12-31"),
    ("Raise conversion rate to 3% in 6 months", "conversion_rate", "level", 3, "2026-07-14"),
    ("Cut bounce rate by 15%", "bounce_rate", "change", -15, None),
    ("Lower average response time to 2 hours", "avg_response_time", "level", 7200, None),
    ("Boost average order value by 10% within 2 months", "average_order_value", "change", 10, "2026-03-14"),
    ("Reach 500 orders this month", "orders", "total", 500, "2026-01-31"),
    ("Increase revenue by 1.5% over the next 4 weeks", "revenue", "change", 1.5, "2026-02-11"),
    ("Triple organic traffic in 12 months", "organic_traffic", "change", 200, "2027-01-14"),
    ("Improve NPS to 60 by the end of March", "nps", "level", 60, "2026-03-31"),
    ("Win 30 deals in 90 days", "deals_won", "total", 30, "2026-04-14"),
    ("Increase brand reach by 40%", "reach", "change", 40, None),
    ("Grow engagement rate to 5%", "engagement_rate", "level", 5, None),
    ("Reduce cost per lead by 25% this year", "cpl", "change", -25, "2026-12-31"),
    ("Get 10k visitors in a month", "unique_visitors", "level", 10_000, "2026-02-14"),
    ("Increase sales by 20% until 2026-06-30", "revenue", "change", 20, "2026-06-30"),
    ("Lower ACoS to 15%", "drr", "level", 15, None),
    ("Raise ROAS to 4 in 6 months", "roas", "level", 4, "2026-07-14"),
    ("Increase repeat purchase rate to 35% by September", "repeat_purchase_rate", "level", 35, "2026-08-31"),
    ("Attract 250 leads within 6 weeks", "leads", "total", 250, "2026-02-25"),
    ("Increase mentions by 30% in 3 months", "mentions", "change", 30, "2026-04-14"),
    ("Grow new customers to 200 per month", "new_customers", "level", 200, None),
    ("Reduce CPC by 10%", "cpc", "change", -10, None),
    ("Increase time on site to 4 minutes", "avg_session_duration", "level", 240, None),
    ("Increase sessions +25% in 2 months", "sessions", "change", 25, "2026-03-14"),
]


def test_there_are_at_least_sixty_phrasings_in_both_languages():
    russian = [c for c in CASES if any("а" <= ch <= "я" for ch in c[0].lower())]
    assert len(CASES) >= 60 and len(russian) >= 30 and len(CASES) - len(russian) >= 25


@pytest.mark.parametrize(("text", "kpi", "kind", "target", "deadline"), CASES, ids=[c[0] for c in CASES])
def test_phrasing(text, kpi, kind, target, deadline):
    goal = parse_goal(text, today=TODAY)
    assert (goal["kpi"], goal["kind"], goal["deadline"]) == (kpi, kind, deadline)
    assert goal["target"] == pytest.approx(target)
    assert goal["start"] == "2026-01-15"


@pytest.mark.parametrize(
    ("text", "unit", "objective"),
    [
        ("Увеличить онлайн-продажи на 20%", "percent", "sales"),
        ("Привлечь 100 новых клиентов за 3 месяца", "count", "sales"),
        ("Сократить время ответа до 15 минут", "duration", "customer"),
        ("Снизить CAC до 1500 ₽", "money", "sales"),
        ("Повысить посещаемость сайта на 50%", "percent", "traffic"),
        ("Increase brand reach by 40%", "percent", "awareness"),
        ("Повысить узнаваемость: охват 50 000 за квартал", "count", "awareness"),
    ],
)
def test_unit_and_objective(text, unit, objective):
    goal = parse_goal(text, today=TODAY)
    assert (goal["unit"], goal["objective"]) == (unit, objective)


@pytest.mark.parametrize("text", ["Стать лучше всех", "Be great", "", "Увеличить всё", "Make customers happy"])
def test_unreadable_sentences_get_an_example(text):
    with pytest.raises(GoalParseError, match="Increase online sales by 20% in 3 months"):
        parse_goal(text, today=TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "Увеличить продажи в магазине на 20%",
        "Рост выручки в маркетплейсе на 15%",
        "Увеличить продажи в мастерской на 10%",
    ],
)
def test_words_starting_like_may_are_not_a_deadline(text):
    assert parse_goal(text, today=TODAY)["deadline"] is None


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Увеличить выручку на 20% к маю", "2026-04-30"),
        ("Увеличить выручку на 20% в мае", "2026-05-31"),
        ("Увеличить выручку на 20% до конца мая", "2026-05-31"),
    ],
)
def test_may_itself_is_read(text, deadline):
    assert parse_goal(text, today=TODAY)["deadline"] == deadline


@pytest.mark.parametrize("text", ["Увеличить выручку на 20% до 31.02.2027", "Increase revenue by 20% by 2027-13-01"])
def test_an_impossible_date_is_named(text):
    with pytest.raises(GoalDateError, match="no such date"):
        parse_goal(text, today=TODAY)
