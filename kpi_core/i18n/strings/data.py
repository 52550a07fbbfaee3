"""Strings of step 3, data in: uploads, their cards and connections (the import engine's own sentences are in
``ingest.py``)."""

from __future__ import annotations

PREFIXES = ("data", "connect")

STRINGS: dict[str, dict[str, str]] = {
    "data.title": {"ru": "Шаг 3. Данные", "en": "Step 3. Data"},
    "data.intro": {
        "ru": "Загрузите CSV или Excel: столбец с датой и столбцы с показателями, например «Дата, Визиты, Заказы, Выручка».",
        "en": "Upload a CSV or Excel file: a date column and measure columns, e.g. “Date, Sessions, Orders, Revenue”.",
    },
    "data.upload": {"ru": "Файл выгрузки", "en": "Export file"},
    "data.preview": {"ru": "Что мы нашли в файле", "en": "What we found in the file"},
    "data.mapping": {"ru": "Столбцы и показатели", "en": "Columns and measures"},
    "data.col_column": {"ru": "Столбец файла", "en": "File column"},
    "data.col_measure": {"ru": "Показатель", "en": "Measure"},
    "data.unmapped": {
        "ru": "Не распознаны и не будут загружены: {columns}",
        "en": "Not recognised, will not be imported: {columns}",
    },
    "data.source_name": {"ru": "Название источника", "en": "Source name"},
    "data.history": {"ru": "История загрузок", "en": "Import history"},
    "data.sources": {"ru": "Источники и свежесть", "en": "Sources and freshness"},
    "data.col_source": {"ru": "Источник", "en": "Source"},
    "data.col_last": {"ru": "Последняя дата", "en": "Last date"},
    "data.col_file": {"ru": "Файл", "en": "File"},
    "data.col_when": {"ru": "Когда", "en": "When"},
    "data.col_written": {"ru": "Значений", "en": "Values"},
    "data.col_range": {"ru": "Период", "en": "Dates"},
    "data.no_data": {"ru": "Данных пока нет.", "en": "No data yet."},
    "data.stale": {
        "ru": "Данные устарели — {sources}: загрузите свежие выгрузки, чтобы мониторинг видел последние дни.",
        "en": "Data is out of date — {sources}: upload fresh exports so that monitoring sees the latest days.",
    },
    "data.stale_source": {"ru": "в «{source}» последний день {date}", "en": "“{source}” ends on {date}"},
    "data.unexpected": {
        "ru": "Файл не удалось прочитать: сохраните его заново как CSV (UTF-8) и загрузите ещё раз.",
        "en": "The file could not be read: save it again as CSV (UTF-8) and upload it once more.",
    },
    "data.found": {
        "ru": "Строк в файле: {rows}, с датой: {kept}, пропущено: {skipped} · даты: {first} — {last} · столбец даты: «{date_column}»",
        "en": "Rows in the file: {rows}, with a date: {kept}, skipped: {skipped} · dates: {first} — {last} · date column: “{date_column}”",
    },
    "data.found_period": {
        "ru": "Строк в файле: {rows}, с цифрами за период: {kept}, пропущено: {skipped}",
        "en": "Rows in the file: {rows}, with figures for the period: {kept}, skipped: {skipped}",
    },
    "data.skipped_rows": {"ru": "Пропущенные строки ({n})", "en": "Skipped rows ({n})"},
    "data.import": {"ru": "Загрузить в пространство: {n}", "en": "Import {n} into the workspace"},
    "data.imported": {
        "ru": "«{file}» → источник «{source}»: загружено значений — {written}, за {first} — {last} "
        "(заменено прежних: {replaced}).",
        "en": "“{file}” → source “{source}”: imported {written} values for {first} — {last} "
        "({replaced} earlier values replaced).",
    },
    "data.done_card": {
        "ru": "Загружен ✓ — уберите файл из списка выше или перетащите следующий.",
        "en": "Imported ✓ — remove it from the list above, or drop the next file.",
    },
    "data.skip": {"ru": "— не загружать —", "en": "— skip —"},
    "data.generic": {"ru": "Таблица", "en": "Spreadsheet"},
    "data.export_of": {"ru": "Выгрузка: {source}", "en": "Export: {source}"},
    "data.sheet": {"ru": "лист «{sheet}»", "en": "sheet “{sheet}”"},
    "data.delimiter.semicolon": {"ru": "разделитель «;»", "en": "separator “;”"},
    "data.delimiter.comma": {"ru": "разделитель «,»", "en": "separator “,”"},
    "data.delimiter.tab": {"ru": "разделитель — табуляция", "en": "tab-separated"},
    "data.delimiter.pipe": {"ru": "разделитель «|»", "en": "separator “|”"},
    "data.decimal.comma": {"ru": "десятичная запятая", "en": "decimal comma"},
    "data.decimal.point": {"ru": "десятичная точка", "en": "decimal point"},
    "data.header_at": {"ru": "заголовок в строке {row}", "en": "header on row {row}"},
    "data.grain.day": {"ru": "данные по дням", "en": "daily data"},
    "data.grain.week": {"ru": "данные по неделям", "en": "weekly data"},
    "data.grain.month": {"ru": "данные по месяцам", "en": "monthly data"},
    "data.grain.record": {
        "ru": "по строке на сделку или ответ — суммируем по датам",
        "en": "one row per deal or answer — summed by date",
    },
    "data.col_confidence": {"ru": "Уверенность", "en": "Confidence"},
    "data.col_row": {"ru": "Строка", "en": "Row"},
    "data.col_reason": {"ru": "Причина", "en": "Reason"},
    "data.reason.totals_row": {"ru": "строка итогов", "en": "totals row"},
    "data.reason.no_date": {"ru": "нет даты", "en": "no date"},
    "data.reason.note": {"ru": "примечание: текст без цифр", "en": "a note: text without figures"},
    "data.reason.number_too_large": {
        "ru": "число больше 10¹⁵ — такого не бывает, строка не загружена",
        "en": "a number over 10¹⁵, which cannot be real: row left out",
    },
    "data.suspicious": {
        "ru": "Проверьте подозрительные строки ({n}): отрицательные числа, даты в будущем или далеко от остальных.",
        "en": "Check {n} suspicious row(s): negative numbers, dates in the future or far from the rest.",
    },
    "data.why.future": {"ru": "дата в будущем", "en": "date in the future"},
    "data.why.negative": {"ru": "отрицательное значение в «{column}»", "en": "negative {column}"},
    "data.why.far": {
        "ru": "дата {date} дальше года от остальных дат файла — не загружена",
        "en": "date {date} is over a year from the file's other dates: not imported",
    },
    "data.sheet_pick": {"ru": "Лист", "en": "Sheet"},
    "data.change_mapping": {"ru": "Изменить соответствие столбцов", "en": "Change the column mapping"},
    "data.remembered": {
        "ru": "Узнали выгрузку: это «{source}», соответствие столбцов запомнено — можно сразу загружать.",
        "en": "Recognised: this is “{source}”, its column mapping is remembered — ready to import.",
    },
    "data.records": {
        "ru": "Сделки считаем по датам: создание — заявка, успешное закрытие — продажа и выручка, проигрыш — потерянная сделка.",
        "en": "Deals are counted by date: created — a lead, won — a deal won with its revenue, lost — a deal lost.",
    },
    "data.next_goal": {"ru": "Дальше: поставить цель «{sentence}» →", "en": "Next: set a goal “{sentence}” →"},
    "data.importing": {"ru": "Загружаем…", "en": "Importing…"},
    "data.importing_file": {"ru": "Загружен {name}", "en": "Imported {name}"},
    "data.batch_line": {"ru": "{written} · {first} — {last}", "en": "{written} · {first} — {last}"},
    "data.sheets_all": {"ru": "Все листы с этими столбцами: {sheets}", "en": "All sheets with these columns: {sheets}"},
    "data.batch_period": {
        "ru": "{written} · {span}, без разбивки по дням",
        "en": "{written} · {span}, no day breakdown",
    },
    "data.undone": {"ru": "отменено", "en": "undone"},
    "data.undo": {"ru": "Отменить", "en": "Undo"},
    "data.undo_help": {
        "ru": "Убирает данные этой загрузки; значения, которые она заменила, возвращаются.",
        "en": "Takes this import's data out; the values it replaced come back.",
    },
    "data.remove_source": {"ru": "Удалить источник", "en": "Remove a source"},
    "data.remove_sure": {
        "ru": "Да, удалить источник и все его данные (это можно отменить в истории загрузок)",
        "en": "Yes, remove the source and all its data (you can undo it in the import history)",
    },
    "data.source_removed": {
        "ru": "Источник «{name}» удалён вместе с его данными. Передумали — нажмите «Отменить» в истории загрузок.",
        "en": "The source “{name}” was removed with its data. Changed your mind? Press “Undo” in the import history.",
    },
    "data.removal": {"ru": "Удалён источник «{name}»", "en": "Source “{name}” removed"},
    "data.removal_line": {"ru": "все данные источника убраны", "en": "all the source's data taken out"},
    "data.source_back": {
        "ru": "Источник «{name}» возвращён со всеми данными.",
        "en": "The source “{name}” is back with all its data.",
    },
    "data.undone_done": {
        "ru": "Загрузка {name} отменена, прежние данные возвращены.",
        "en": "The import of {name} was undone; earlier data is back.",
    },
    "data.replace_confirm": {
        "ru": "Загрузка «{name}» заменит {removes} сохранённых значений, а принесёт только {brings}: "
        "проверьте, тот ли это источник и период, и подтвердите замену.",
        "en": "Importing {name} would replace {removes} stored values and bring only {brings}: "
        "check that this is the right source and period, then confirm.",
    },
    "data.replace_button": {"ru": "Заменить данные", "en": "Replace the data"},
    "connect.driver": {
        "ru": "Базы «{driver}» не поддерживаются: подключите PostgreSQL, MySQL/MariaDB или файл SQLite.",
        "en": "'{driver}' databases are not supported: connect PostgreSQL, MySQL/MariaDB or an SQLite file.",
    },
    "connect.bad_url": {
        "ru": "Адрес базы не читается: запишите его как postgresql://пользователь@сервер/база.",
        "en": "The database address cannot be read: write it like postgresql://user@host/database.",
    },
    "connect.not_select": {
        "ru": "Разрешён только запрос SELECT, который читает данные: уберите изменения, INTO и блокировки.",
        "en": "Only a SELECT that reads data is allowed: remove changes, INTO and locks.",
    },
    "connect.one_statement": {
        "ru": "Нужен ровно один запрос SELECT: уберите остальные команды.",
        "en": "Exactly one SELECT is needed: remove the other statements.",
    },
    "connect.sqlite_outside": {
        "ru": "Файл SQLite должен лежать в папке data/connect приложения: скопируйте его туда.",
        "en": "The SQLite file must be in the app's data/connect folder: copy it there.",
    },
    "connect.too_many_rows": {
        "ru": "Запрос вернул больше {rows} строк: сгруппируйте данные по дням или сузьте период.",
        "en": "The query returned more than {rows} rows: group by day or narrow the period.",
    },
    "connect.timeout": {
        "ru": "Запрос к базе {database} выполнялся слишком долго: упростите его или сузьте период.",
        "en": "The {database} query took too long: simplify it or narrow the period.",
    },
    "connect.read_only": {
        "ru": "Запрос пытался изменить базу {database}: подключение только для чтения.",
        "en": "The query tried to change the {database} database: the connection is read-only.",
    },
    "connect.failed": {
        "ru": "Не удалось выполнить запрос к базе {database}: проверьте адрес, пароль и запрос.",
        "en": "The {database} query failed: check the address, the password and the query.",
    },
    "connect.bad_param": {
        "ru": "В адресе базы есть настройка «{param}», которую KPI Pilot не передаёт: уберите её (можно: {allowed}).",
        "en": "The database address holds the setting '{param}', which KPI Pilot does not pass on: remove it (allowed: {allowed}).",
    },
    "connect.executable_comment": {
        "ru": "Комментарии вида /*! … */ база выполняет как команды: уберите их из запроса.",
        "en": "The database runs /*! … */ comments as commands: remove them from the query.",
    },
    "connect.denied_function": {
        "ru": "Запрос вызывает {function} — эта функция меняет сервер или читает его файлы; оставьте обычный SELECT по таблицам.",
        "en": "The query calls {function}, which changes the server or reads its files: keep to a plain SELECT over tables.",
    },
    "connect.own_database": {
        "ru": "Это собственная база KPI Pilot: подключите базу вашего магазина или CRM.",
        "en": "That is KPI Pilot's own database: connect the database of your shop or CRM instead.",
    },
    "connect.url_scheme": {
        "ru": "Ссылка должна начинаться с http:// или https://.",
        "en": "The link must start with http:// or https://.",
    },
    "connect.url_failed": {
        "ru": "Файл по ссылке не скачался: проверьте ссылку и что файл открыт для чтения.",
        "en": "The file could not be downloaded: check the link and that the file is shared for reading.",
    },
    "connect.url_too_big": {
        "ru": "Файл по ссылке больше {mb} МБ: выгрузите период короче.",
        "en": "The linked file is larger than {mb} MB: export a shorter period.",
    },
    "connect.internal_host": {
        "ru": "«{host}» — адрес внутренней сети сервера, к нему подключаться нельзя: укажите публичный адрес "
        "(администратор может разрешить внутренние адреса настройкой KPI_CONNECT_ALLOW).",
        "en": "'{host}' is an address inside the server's own network, which connections may not reach: use a "
        "public address (the administrator can allow internal ones with KPI_CONNECT_ALLOW).",
    },
    "connect.unknown_host": {
        "ru": "Адрес «{host}» не найден: проверьте, что он написан без ошибок.",
        "en": "The host '{host}' was not found: check that it is spelled right.",
    },
    "connect.no_host": {
        "ru": "В адресе базы нет сервера: укажите его, например postgresql://reader@db.example.com/shop.",
        "en": "The database address names no server: add one, e.g. postgresql://reader@db.example.com/shop.",
    },
    "connect.superuser": {
        "ru": "Это учётная запись администратора базы {database}: подключитесь под пользователем только для чтения.",
        "en": "This is an administrator account of the {database} database: use a read-only account.",
    },
    "connect.too_many_bytes": {
        "ru": "Запрос вернул больше {mb} МБ данных: выберите только нужные столбцы или сгруппируйте по дням.",
        "en": "The query returned more than {mb} MB of data: select only the columns needed or group by day.",
    },
    "connect.url_timeout": {
        "ru": "Файл по ссылке не скачался за {seconds} с: проверьте ссылку или выгрузите период короче.",
        "en": "The file was not downloaded within {seconds} s: check the link or export a shorter period.",
    },
    "connect.too_many_redirects": {
        "ru": "Ссылка перенаправляет слишком много раз: откройте её в браузере и вставьте конечный адрес.",
        "en": "The link redirects too many times: open it in a browser and paste the final address.",
    },
    "connect.title": {"ru": "Подключить базу данных или ссылку на CSV", "en": "Connect a database or a CSV link"},
    "connect.database": {"ru": "База данных", "en": "Database"},
    "connect.link": {"ru": "Ссылка на CSV или Google-таблицу", "en": "CSV or Google Sheets link"},
    "connect.db_url": {"ru": "Адрес базы данных", "en": "Database address"},
    "connect.db_help": {
        "ru": "Например postgresql+psycopg://пользователь:пароль@сервер/база. Нужна учётная запись только для чтения "
        "(администратора базы KPI Pilot не примет); пароль не показывается и не сохраняется.",
        "en": "E.g. postgresql+psycopg://user:password@host/db. Use a read-only account (an administrator account "
        "is refused); the password is never shown or stored.",
    },
    "connect.query": {"ru": "Запрос SELECT", "en": "SELECT query"},
    "connect.run": {"ru": "Выполнить запрос", "en": "Run the query"},
    "connect.running": {"ru": "Выполняем запрос…", "en": "Running the query…"},
    "connect.query_name": {"ru": "запрос", "en": "query"},
    "connect.url": {"ru": "Ссылка", "en": "Link"},
    "connect.fetch": {"ru": "Скачать", "en": "Fetch"},
    "connect.fetching": {"ru": "Скачиваем…", "en": "Fetching…"},
    "connect.clear": {"ru": "Убрать подключённые данные", "en": "Remove the connected data"},
}


STRINGS.update(
    {
        "data.grain.span": {"ru": "итоги за период", "en": "period totals"},
        "data.no_days": {"ru": "{span}, без разбивки по дням", "en": "{span}, no day breakdown"},
        "data.period_label": {"ru": "Период отчёта", "en": "Report period"},
        "data.period_help": {
            "ru": "Например: 01.03.2026 - 31.03.2026 или март 2026 — тот период, который был выбран в кабинете при выгрузке.",
            "en": "For example 01.03.2026 - 31.03.2026 or 2026-03 — the period chosen in the tool when the report was downloaded.",
        },
        "data.question": {
            "ru": "Что считает столбец «{column}» в этом кабинете?",
            "en": "What does “{column}” count in this account?",
        },
        "data.question_help": {
            "ru": "Ответ запомнится для этого источника, и при следующей загрузке спрашивать не будем.",
            "en": "The answer is remembered for this source: the next upload will not ask again.",
        },
        "data.answer.orders": {"ru": "Заказы (покупки)", "en": "Orders (purchases)"},
        "data.answer.leads": {"ru": "Лиды (заявки)", "en": "Leads (applications)"},
        "data.quality": {"ru": "Качество данных: {score} из 100", "en": "Data quality: {score} of 100"},
        "data.quality.clean": {"ru": "замечаний нет", "en": "no remarks"},
        "data.quality_workspace": {
            "ru": "Качество данных в пространстве: {score} из 100 (загрузок: {n})",
            "en": "Data quality in this workspace: {score} of 100 (imports: {n})",
        },
        "data.quality.shared_title": {
            "ru": "Показатели, которые есть в нескольких источниках: {n} — какой источник учитываем",
            "en": "Measures that several sources provide: {n} — which source counts",
        },
        "data.quality.shared": {
            "ru": "«{measure}» есть в нескольких источниках ({sources}): берём из «{in_use}», остальные не "
            "складываем. Другой источник можно выбрать в Настройках.",
            "en": "“{measure}” comes from several sources ({sources}): read from “{in_use}”, the others are not "
            "added. Choose another source in Settings.",
        },
        "data.quality.summary_rows": {
            "ru": "строк итогов самого файла отброшено: {n} — это не данные",
            "en": "the file's own total rows dropped: {n} — they are not data",
        },
        "data.quality.duplicates": {"ru": "повторы сделок отброшены: {n}", "en": "repeated deals dropped: {n}"},
        "data.quality.skipped": {"ru": "строк без даты пропущено: {n}", "en": "rows without a date skipped: {n}"},
        "data.quality.suspicious": {
            "ru": "подозрительных строк: {n} — проверьте их",
            "en": "suspicious rows: {n} — check them",
        },
        "data.quality.uniques": {
            "ru": "уникальные сложены по строкам ({measures}): сумма больше реального числа людей",
            "en": "unique counts added up over rows ({measures}): the sum is above the real number of people",
        },
        "data.quality.unsourced": {"ru": "сделок без источника: {n}", "en": "deals without a source: {n}"},
        "data.quality.channels": {
            "ru": "каналы не узнали и записали в «Другое»: {names}",
            "en": "channels not recognised, stored as Other: {names}",
        },
    }
)
