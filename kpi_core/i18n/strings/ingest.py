"""The import engine's sentences: why a file cannot be imported (``IngestError``) and remarks about
a file imported all the same (``Note``), in Russian and English."""

from __future__ import annotations

import re

PREFIXES = ("ingest",)

STRINGS: dict[str, dict[str, str]] = {
    "ingest.no_header": {
        "ru": "Не нашли заголовок со столбцом даты и известным показателем: назовите столбцы, например «Дата, Визиты, Заказы, Выручка».",
        "en": "No header with a date column and a known measure was found: name the columns like 'Date, Sessions, Orders, Revenue'.",
    },
    "ingest.text_in_numbers": {
        "ru": "В столбце «{column}» текст вместо чисел: исправьте столбец или переименуйте его.",
        "en": "Column '{column}' holds text where numbers belong: fix the column or rename it.",
    },
    "ingest.too_large_numbers": {
        "ru": "Некоторые числа слишком велики, чтобы быть настоящими: проверьте числовые столбцы.",
        "en": "Some numbers are too large to be real: check the file's number columns.",
    },
    "ingest.no_rows": {
        "ru": "В файле нет строк: выгрузите отчёт заново вместе с данными.",
        "en": "The file has no rows: export the report again with data in it.",
    },
    "ingest.no_data_rows": {
        "ru": "В файле есть заголовок, но нет ни одной строки с данными: выгрузите отчёт за период, в котором "
        "были данные.",
        "en": "The file has a header but not one row of data: export the report for a period that had data.",
    },
    "ingest.binary": {
        "ru": "Это не таблица, а двоичный файл: выгрузите отчёт в CSV или Excel и загрузите его.",
        "en": "This file looks binary, not a table: export the report as CSV or Excel and upload that.",
    },
    "ingest.damaged_excel": {
        "ru": "Файл Excel повреждён или это не Excel: откройте его в Excel, сохраните заново и загрузите ещё раз.",
        "en": "This Excel file is damaged or is not really an Excel file: open it in Excel, save it again and re-upload.",
    },
    "ingest.zip_bomb": {
        "ru": "Таблица распаковывается в неправдоподобно большой объём: выгрузите отчёт поменьше.",
        "en": "This spreadsheet unpacks to an unreasonable size: export a smaller report and upload that.",
    },
    "ingest.empty": {
        "ru": "Файл пустой: выгрузите отчёт заново и загрузите новый файл.",
        "en": "The file is empty: export the report again and upload the new file.",
    },
    "ingest.too_many_cells": {
        "ru": "Один из листов файла растянут на {rows} строк × {columns} столбцов, а прочитать можно не больше "
        "{limit} ячеек: удалите лишние ячейки далеко от таблицы или сохраните лист в CSV.",
        "en": "A sheet of this file spans {rows} rows × {columns} columns, more than the {limit} cells an "
        "import can read: delete stray cells far from the table or save the sheet as CSV.",
    },
    "ingest.parse_memory": {
        "ru": "Для чтения этого файла не хватило {mb} МБ памяти, отведённых на загрузку: "
        "выгрузите более короткий период или сохраните его в CSV.",
        "en": "Reading this file needed more than the {mb} MB of memory an upload may use: "
        "export a shorter period or save it as CSV.",
    },
    "ingest.parse_timeout": {
        "ru": "Файл не удалось прочитать за {seconds} с: выгрузите более короткий период или сохраните его в CSV.",
        "en": "The file could not be read within {seconds} s: export a shorter period or save it as CSV.",
    },
    "ingest.parse_failed": {
        "ru": "Файл не удалось прочитать: сохраните его заново в CSV или Excel и загрузите ещё раз.",
        "en": "The file could not be read: save it again as CSV or Excel and upload that.",
    },
    "ingest.too_big": {
        "ru": "Файл больше {mb} МБ: выгрузите более короткий период.",
        "en": "The file is larger than {mb} MB: export a shorter period.",
    },
    "ingest.unreadable_sheet": {
        "ru": "Таблицу не удалось прочитать: сохраните её заново как .xlsx или CSV и загрузите.",
        "en": "This spreadsheet could not be read: save it again as .xlsx or CSV and upload that.",
    },
    "ingest.unreadable_text": {
        "ru": "Файл не читается как таблица: выгрузите его заново в CSV или Excel.",
        "en": "The file is not a readable table: export it again as CSV or Excel.",
    },
    "ingest.bad_type": {
        "ru": "Файлы .{ext} не загружаются: загрузите CSV, TSV, XLSX, XLS или ODS.",
        "en": "Files of type .{ext} cannot be imported: upload CSV, TSV, XLSX, XLS or ODS.",
    },
    "ingest.too_many_rows": {
        "ru": "В файле больше {rows} строк: выгрузите более короткий период или меньше столбцов.",
        "en": "The file has more than {rows} rows: export a shorter period or fewer columns.",
    },
    "ingest.no_sheet": {
        "ru": "В файле нет листа «{sheet}»: есть {sheets}.",
        "en": "The file has no sheet '{sheet}': it has {sheets}.",
    },
    "ingest.unknown_measure": {
        "ru": "Показателя «{measure}» нет в каталоге: выберите показатель из списка.",
        "en": "'{measure}' is not a known measure: pick one from the list.",
    },
    "ingest.no_date": {
        "ru": "В таблице не нашли столбец с датами: добавьте столбец «Дата» с датами вида 31.01.2026.",
        "en": "No date column was found: add a 'Date' column with dates such as 2026-01-31.",
    },
    "ingest.no_measures": {
        "ru": "Ни один столбец не распознан как показатель: назовите столбцы, например «Визиты, Заказы, Выручка».",
        "en": "No column was recognised as a measure: name the columns like 'Sessions, Orders, Revenue'.",
    },
    "ingest.bad_dates": {
        "ru": "Ни одна дата в столбце «{column}» не читается: запишите даты как 31.01.2026 или 2026-01-31.",
        "en": "No date in column '{column}' could be read: write dates like 2026-01-31 or 31.01.2026.",
    },
}

# A table with measures and no day rows: what the file lacks, then what to do in the tool it came from.
_NO_PERIOD = {
    "ru": "В файле есть показатели ({columns}), но нет ни столбца с датами, ни периода, за который они посчитаны.",
    "en": "The file has measures ({columns}) but neither a date column nor the period they cover.",
}
_ALL_TIME = {
    "ru": "Отчёт посчитан «за всё время», а такие итоги нельзя привязать к датам.",
    "en": "The report covers “All time”, which cannot be placed on the calendar.",
}
_WHAT_TO_DO = {
    "google_ads": {
        "ru": "В Google Ads выберите период и добавьте сегмент «День» (Сегменты → Время → День) "
        "или укажите период отчёта в поле «Период отчёта».",
        "en": "In Google Ads pick a date range and add the Day segment (Segment → Time → Day), "
        "or type the period the report covers in the Report period field (on the command line: --period 2026-03-01..2026-03-31).",
    },
    "yandex_direct": {
        "ru": "В «Мастере отчётов» Директа выберите период и детализацию «по дням» и не удаляйте строку «Период:» "
        "над таблицей, или укажите период отчёта в поле «Период отчёта».",
        "en": "In Yandex.Direct's report wizard pick a period and the “by day” breakdown and keep the “Период:” line "
        "above the table, or type the period the report covers in the Report period field (on the command line: --period 2026-03-01..2026-03-31).",
    },
    "ga4": {
        "ru": "Скачайте отчёт GA4 заново, не удаляя строки «# Start date» и «# End date», или добавьте параметр «Дата», "
        "или укажите период отчёта в поле «Период отчёта».",
        "en": "Download the GA4 report again keeping its “# Start date” and “# End date” lines, or add the Date "
        "dimension, or type the period the report covers in the Report period field (on the command line: --period 2026-03-01..2026-03-31).",
    },
    "meta_ads": {
        "ru": "В Ads Manager выберите период и разбивку «По времени → День», "
        "или укажите период отчёта в поле «Период отчёта».",
        "en": "In Ads Manager pick a date range and Breakdown → By time → Day, "
        "or type the period the report covers in the Report period field (on the command line: --period 2026-03-01..2026-03-31).",
    },
    "vk_ads": {
        "ru": "В VK Рекламе выгрузите статистику по дням или укажите период отчёта в поле «Период отчёта».",
        "en": "In VK Ads export the statistics by day, or type the period the report covers in the Report period field (on the command line: --period 2026-03-01..2026-03-31).",
    },
    "yandex_metrica": {
        "ru": "В Метрике добавьте группировку «Дата визита» или укажите период отчёта в поле «Период отчёта».",
        "en": "In Yandex.Metrica add the “Дата визита” grouping, or type the period the report covers in the Report period field (on the command line: --period 2026-03-01..2026-03-31).",
    },
    "generic": {
        "ru": "Добавьте столбец «Дата» с датой каждой строки или укажите период, за который посчитаны цифры, "
        "в поле «Период отчёта».",
        "en": "Add a “Date” column with each row's day, or type the period the figures cover in the Report period field (on the command line: --period 2026-03-01..2026-03-31).",
    },
}
for _tool, _todo in _WHAT_TO_DO.items():
    STRINGS[f"ingest.no_period.{_tool}"] = {lang: f"{_NO_PERIOD[lang]} {_todo[lang]}" for lang in ("ru", "en")}
    STRINGS[f"ingest.all_time.{_tool}"] = {lang: f"{_ALL_TIME[lang]} {_todo[lang]}" for lang in ("ru", "en")}
STRINGS["ingest.nested_periods"] = {
    "ru": "В файле есть итоги за периоды, которые начинаются в один день, но кончаются в разные (например, 1–31 "
    "и 1–15 марта): один содержит дни другого. Выгрузите каждый период отдельным файлом.",
    "en": "The file has totals for periods that start on the same day and end on different days (say 1–31 and "
    "1–15 March): one holds the other's days. Export each period as a file of its own.",
}
STRINGS["ingest.other_currency"] = {
    "ru": "Деньги в файле в {currency}, а это пространство считает в {workspace}: выгрузите отчёт в {workspace} "
    "или загрузите его в пространство с валютой {currency} — иначе суммы сложатся как одни деньги.",
    "en": "The file's money is in {currency} and this workspace counts in {workspace}: export the report in "
    "{workspace}, or import it into a workspace in {currency} — otherwise the sums would be added as one money.",
}
STRINGS["ingest.currencies"] = {
    "ru": "В файле деньги в нескольких валютах ({currencies}): выгрузите отчёт по каждой валюте отдельно.",
    "en": "The file holds money in several currencies ({currencies}): export a report per currency.",
}
STRINGS["ingest.bad_stated_period"] = {
    "ru": "Период в файле («{line}») не читается: такой даты нет или конец раньше начала. Исправьте строку "
    "в файле или укажите период отчёта в поле «Период отчёта».",
    "en": "The period the file states (“{line}”) is not a real range of days: a date that does not exist, or the "
    "end before the start. Correct that line in the file, or type the period in the Report period field "
    "(on the command line: --period 2026-03-01..2026-03-31).",
}
STRINGS["ingest.period_conflict"] = {
    "ru": "В файле указан период {stated}, а введён {typed}: оставьте поле «Период отчёта» пустым, "
    "чтобы взять период из файла, или загрузите отчёт за нужный период.",
    "en": "The file states its period as {stated}, and {typed} was typed: leave the period out to use the file's, "
    "or download the report for the period you want.",
}
STRINGS["ingest.period_backwards"] = {
    "ru": "В периоде «{text}» конец раньше начала: сначала первый день, потом последний — 01.03.2026 - 31.03.2026.",
    "en": "The period “{text}” ends before it starts: write the first day, then the last — 01.03.2026 - 31.03.2026.",
}
STRINGS["ingest.bad_period"] = {
    "ru": "Период «{text}» не прочитан: напишите первый и последний день, например 01.03.2026 - 31.03.2026, "
    "или месяц — март 2026 (не длиннее трёх лет).",
    "en": "The period “{text}” could not be read: write its first and last day, like 01.03.2026 - 31.03.2026, "
    "or a month, like 2026-03 (three years at most).",
}

# Remarks about a file imported all the same (kpi_core.ingest.errors.Note): English is what the
# command line prints; the Data page shows the sentence in the UI's language.
STRINGS.update(
    {
        "ingest.note.repeated_deals": {
            "en": "{rows} rows repeat a deal already in the file and were counted once",
            "ru": "Строк, повторяющих сделку из этого же файла: {rows} — каждая сделка посчитана один раз",
        },
        "ingest.note.deal_too_large": {
            "en": "{rows} deals hold an amount too large to be real (over 10^15) and were left out",
            "ru": "Сделок с нереально большой суммой (больше 10^15): {rows} — они не загружены",
        },
        "ingest.note.no_stage": {
            "en": "no deal stage column: only leads are counted",
            "ru": "В файле нет столбца с этапом сделки: посчитаны только заявки",
        },
        "ingest.note.other_results": {
            "en": "{rows} rows of '{column}' count other results ({kinds}): neither orders nor leads, left out",
            "ru": "Строк, где «{column}» считает другие результаты ({kinds}): {rows} — это не заказы и не лиды, "
            "они не загружены",
        },
        "ingest.note.far_date": {
            "en": "{rows} row dated {dates} (a date over a year from the rest of the file) was not imported",
            "ru": "Строк с датой {dates}, которая больше чем на год отстоит от остальных: {rows} — не загружены",
        },
        "ingest.note.far_dates": {
            "en": "{rows} rows dated {dates} ({count} dates over a year from the rest of the file) were not imported",
            "ru": "Строк с датами {dates}, которые больше чем на год отстоят от остальных: {rows} — не загружены",
        },
        "ingest.note.unique_total": {
            "en": "'{column}' counts unique people: taken from the file's total row",
            "ru": "«{column}» считает уникальных людей: значение взято из строки итогов файла",
        },
        "ingest.note.uniques_summed": {
            "en": "'{column}' counts unique people and was added up over several rows of a day: "
            "the total is a sum of uniques, above the real number of people",
            "ru": "«{column}» считает уникальных людей и сложен по нескольким строкам за день: "
            "итог — сумма уникальных, он больше реального числа людей",
        },
        "ingest.note.text_column": {
            "en": "'{column}' holds text, so it was not read as {measure}",
            "ru": "В «{column}» текст, поэтому столбец не прочитан как «{measure}»",
        },
        "ingest.note.not_numbers": {
            "en": "{cells} cells of '{column}' are not numbers and were left out",
            "ru": "Ячеек в «{column}», где не числа: {cells} — они пропущены",
        },
        "ingest.note.repeats_measure": {
            "en": "'{column}' repeats {measure} and was left out",
            "ru": "«{column}» повторяет показатель «{measure}» и не загружен",
        },
        "ingest.note.needs_weight": {
            "en": "'{column}' needs {weight} in the file to become a total; left out",
            "ru": "Чтобы превратить «{column}» в итог, в файле нужен показатель «{weight}»; столбец не загружен",
        },
        "ingest.note.share_above_100": {
            "en": "'{column}' has shares above 100 %",
            "ru": "В «{column}» есть доли больше 100 %",
        },
        "ingest.note.negative": {
            "en": "{rows} rows have negative values; check them before relying on the totals",
            "ru": "Строк с отрицательными значениями: {rows} — проверьте их, прежде чем доверять итогам",
        },
        "ingest.note.future": {
            "en": "{rows} rows are dated after today",
            "ru": "Строк с датой позже сегодняшней: {rows}",
        },
        "ingest.note.conversion_value": {
            "en": "'{column}' (the value of conversions) is not revenue: revenue is read from '{revenue}'",
            "ru": "«{column}» (ценность конверсий) — не выручка: выручка взята из «{revenue}»",
        },
        "ingest.note.own_total_differs": {
            "en": "the file's own total differs from the sum of its rows ({figures}): the rows were imported; "
            "rows may be hidden or removed in the tool",
            "ru": "Итог самого файла не равен сумме его строк ({figures}): загружены строки; возможно, часть строк "
            "скрыта или удалена в кабинете",
        },
        "ingest.note.sheets_joined": {
            "en": "the sheets {sheets} have the same columns and were read together (row numbers are each sheet's own)",
            "ru": "Листы {sheets} с одинаковыми столбцами загружены вместе (номера строк — внутри каждого листа)",
        },
        "ingest.note.sheets_apart": {
            "en": "only the sheet '{sheet}' was imported: the sheets {others} have the same columns but cover its "
            "days again or their own period; import them one at a time (pick the sheet)",
            "ru": "Загружен только лист «{sheet}»: у листов {others} те же столбцы, но они повторяют его дни или "
            "относятся к своему периоду — загрузите их по одному (выберите лист)",
        },
        "ingest.note.period_unused": {
            "en": "the file has its days in '{column}': the period typed was not used",
            "ru": "Даты строк есть в столбце «{column}», поэтому введённый период не использован",
        },
        "ingest.note.mapping_unused": {
            "en": "the file has no column '{columns}': what was said about it was not used",
            "ru": "В файле нет столбца «{columns}»: указанное для него не использовано",
        },
        "ingest.note.unnamed_total": {
            "en": "line {lines}: a row without a name whose numbers are the sum of the other rows was taken for the "
            "file's own total and not imported",
            "ru": "Строка {lines} без названия равна сумме остальных строк: это итог самого файла, она не загружена",
        },
        "ingest.note.own_total_figure": {
            "en": "'{column}' {total} against {rows}",
            "ru": "«{column}»: итог {total}, сумма строк {rows}",
        },
        "ingest.note.orders_or_leads": {
            "en": "'{column}' can be orders or leads and was not imported: say which in the mapping "
            '(on the command line: --map "{column}=orders" or --map "{column}=leads")',
            "ru": "«{column}» может означать заказы или лиды, поэтому столбец не загружен: укажите, что он считает",
        },
        "ingest.note.formulas_without_results": {
            "en": "formulas in {rows} row(s) were saved without their results and read as empty: open the file in "
            "Excel or LibreOffice, save it, and upload it again",
            "ru": "Формулы в строках ({rows}) сохранены без результатов и прочитаны как пустые: откройте файл "
            "в Excel или LibreOffice, сохраните и загрузите снова",
        },
        "ingest.note.number_too_large": {
            "en": "{rows} rows hold a number too large to be real (over 10^15) and were left out",
            "ru": "Строк с нереально большим числом (больше 10^15): {rows} — они не загружены",
        },
        "ingest.note.other_tables": {
            "en": "the file holds {tables} tables; the one with its header on line {line} was imported, "
            "the others were not (they show the same figures cut another way)",
            "ru": "В файле таблиц: {tables}; загружена та, у которой заголовок в строке {line}, остальные нет "
            "(в них те же цифры в другом разрезе)",
        },
        "ingest.note.mixed_encoding": {
            "en": "from line {line} on, the file is not UTF-8 text (a part saved in another encoding?): "
            "its letters were read with replacement marks; save the whole file as UTF-8 and upload it again",
            "ru": "Начиная со строки {line} файл не в кодировке UTF-8 (часть сохранена в другой кодировке?): "
            "буквы прочитаны с заменой; сохраните весь файл в UTF-8 и загрузите снова",
        },
    }
)

# What only the command line is told: its options. The pages say the same without them; the command
# line reads "cli", which falls back to "en" (kpi_core.i18n.formatting.t).
_COMMAND_LINE = re.compile(r"\s*\(on the command line: [^()]*(?:\([^()]*\)[^()]*)*\)")
for _entry in STRINGS.values():
    if _COMMAND_LINE.search(_entry["en"]):
        _entry["cli"], _entry["en"] = _entry["en"], _COMMAND_LINE.sub("", _entry["en"])
