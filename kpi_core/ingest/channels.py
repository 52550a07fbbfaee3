"""Source-specific traffic source names → the app's channels (docs/ARCHITECTURE.md, R-measures)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kpi_core.catalog.registry import CHANNELS

CHANNEL_NAMES: dict[str, str] = {
    **{c: c for c in CHANNELS if c != "all"},  # the app's own ids
    # Yandex.Metrica "Источник трафика"
    "переходы из поисковых систем": "organic",
    "прямые заходы": "direct",
    "переходы по ссылкам на сайтах": "referral",
    "переходы из социальных сетей": "social",
    "переходы по рекламе": "paid_search",
    "внутренние переходы": "internal",
    "переходы из почтовых рассылок": "email",
    "переходы из мессенджеров": "messenger",
    "переходы с сохранённых страниц": "direct",
    "переходы с сохраненных страниц": "direct",
    "переходы из рекомендательных систем": "referral",
    "кэшированные страницы": "direct",
    "не определено": "other",
    # Yandex.Metrica Reports API (ym:s:lastSignTrafficSource…): English names, then the Logs API ids
    "ad traffic": "paid_search",
    "direct traffic": "direct",
    "link traffic": "referral",
    "internal traffic": "internal",
    "search engine traffic": "organic",
    "social network traffic": "social",
    "recommendation system traffic": "referral",
    "messenger traffic": "messenger",
    "mailing traffic": "email",
    "cached page traffic": "direct",
    "undefined": "other",
    "ad": "paid_search",
    "saved": "direct",
    "recommend": "referral",
    # GA4 default channel group
    "organic search": "organic",
    "paid search": "paid_search",
    "organic social": "social",
    "paid social": "paid_social",
    "organic video": "social",
    "paid video": "display",
    "paid other": "display",
    "paid shopping": "paid_search",
    "organic shopping": "organic",
    "cross-network": "display",
    "affiliates": "referral",
    "sms": "messenger",
    "mobile push notifications": "messenger",
    "audio": "display",
    "unassigned": "other",
    "(other)": "other",
    # Yandex.Direct "Тип площадки"
    "поиск": "paid_search",
    "сети": "display",
    "рекламная сеть яндекса": "display",
    "search": "paid_search",
    "networks": "display",
    "ad_network": "display",
    # hand-kept sheets
    "seo": "organic",
    "контекст": "paid_search",
    "контекстная реклама": "paid_search",
    "cpc": "paid_search",
    "таргет": "paid_social",
    "таргетированная реклама": "paid_social",
    "соцсети": "social",
    "рассылка": "email",
    "e-mail": "email",
    "прямой": "direct",
    "реферальный": "referral",
    "мессенджеры": "messenger",
    "медийная реклама": "display",
}


def _key(value: object) -> str:
    return " ".join(str(value).strip().lower().replace("ё", "е").split())


def normalise_channel(value: object) -> str:
    """One channel id for a source's own name ('Organic Search', 'Переходы по рекламе'…); unknown → other.

    >>> normalise_channel("Переходы из поисковых систем"), normalise_channel("Paid Social")
    ('organic', 'paid_social')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "other"
    key = _key(value)
    return CHANNEL_NAMES.get(key) or CHANNEL_NAMES.get(key.replace("ё", "е")) or "other"


def normalise_channels(values: pd.Series) -> pd.Series:
    """``normalise_channel`` over a column, each distinct name looked up once; a categorical result."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    names = [normalise_channel(v) for v in uniques] + ["other"]
    categories = sorted(set(names))
    position = np.array([categories.index(n) for n in names])
    mapped = pd.Categorical.from_codes(position[codes], categories=categories)
    return pd.Series(mapped, index=values.index)
