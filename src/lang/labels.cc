// The tables of lang/labels.h. Each language's table is reviewed as a whole:
// keep the entries in the order of the struct.
#include "lang/labels.h"

#include <cctype>

namespace cwg::lang {

namespace {

constexpr Labels english{
    .language = "en",
    .summary = "Summary",
    .action_required = "Action required",
    .references = "References",
    .footnotes = "Footnotes",
    .back_to_reference = "Back to reference {number}",
    .back_to_reference_use = "Back to reference {number}, use {use}",
    .untitled = "Report",
    .agenda_item = "Agenda item:",
    .document = "Document",
    .original = "Original:",
    .only = " only",
    .cover_label_gap = " ",
    .report_by = "Report by the {role} of the {group}",
    .meeting_line = "{meeting} meeting \u2013 {where}",
    .title_one = "Outcome of the {meetings} meeting of the {group}",
    .title_many = "Outcome of the {meetings} meetings of the {group}",
    .short_title_one = "{acronym}: outcome of the {meetings} meeting",
    .short_title_many = "{acronym}: outcome of the {meetings} meetings",
    .record_title = "Summary record of the {number} {name}",
    .record_short_title = "{acronym}: summary record of the {number} {name}",
    .meeting = "meeting",
    .weekdays = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    .record_day = "{day}, {date}",
    .record_at = "{day}, {date}, at {start} hours",
    .record_from_to = "{day}, {date}, from {start} to {end} hours",
    .record_chair = "{role}: {name}",
    .subjects_discussed = "Subjects discussed",
    .documents = "Documents",
    .continued = "(continued)",
    .list_separator = ", ",
    .list_last = " and ",
    .annex = "Annex",
    .chair = "Chair",
    .vice_chair = "Vice-{chair}",
    .contents = "Contents",
    .deleted_paragraph = "[Deleted]",
    .redline_versions = "Changes from {old} to {new}: ",
    .redline_no_change = "Changes from {old} to {new}: none.",
    .redline_legend =
        "{inserted} is underlined, {deleted} is struck through, and a moved part "
        "is ruled twice at its left and says where it was. Numbers are the new "
        "version's; renumbering is not marked.",
    .redline_inserted_sample = "inserted text",
    .redline_deleted_sample = "deleted text",
    .redline_inserted = "[inserted:",
    .redline_deleted = "[deleted:",
    .redline_end = "]",
    .redline_moved = "moved",
    .redline_moved_from = "moved from {number}",
    .icu_locale = "en",
    .ordinal_words_rules = "%spellout-ordinal",
    .ordinal_numeral_rules = "%digits-ordinal",
    .title_words_rules = "%spellout-ordinal",
    .title_numeral_rules = "%digits-ordinal",
    .record_rules = "%spellout-ordinal",
    .count_rules = "%spellout-cardinal",
    .list_last_date = " and on ",
    .chair_of = "Chair",
    .vice_chair_of = "Vice-{chair}",
    .comma = ", ",
    .symbol_letter = "E",
    .symbol_colon = ":\u00A0",
    .numbered_words = "Resolution Decision",
    .first_day = "",
    .count_other_rules = "%spellout-cardinal",
    .count_other_kinds = "",
};

// French, as the French documents of the ITU Council print it ("Suite à
// donner", "Point de l'ordre du jour"). Typography: a no-break space
// (U+00A0) before ":" and a narrow no-break space (U+202F) before ";", "!"
// and "?", as the Imprimerie nationale's rules have it; a typographic
// apostrophe. "Réunion" and "séance" are feminine: "1re réunion",
// "deuxième séance".
constexpr Labels french{
    .language = "fr",
    .summary = "Résumé",
    .action_required = "Suite à donner",
    .references = "Références",
    .footnotes = "Notes",
    .back_to_reference = "Retour à l’appel de note {number}",
    .back_to_reference_use = "Retour à l’appel de note {number}, occurrence {use}",
    .untitled = "Rapport",
    .agenda_item = "Point de l’ordre du jour\u00A0:",
    .document = "Document",
    .original = "Original\u00A0:",
    .only = " seulement",
    .cover_label_gap = " ",
    .report_by = "Rapport du {role} du {group}",
    .meeting_line = "{meeting} réunion \u2013 {where}",
    .title_one = "Résultats de la {meetings} réunion du {group}",
    .title_many = "Résultats des {meetings} réunions du {group}",
    .short_title_one = "{acronym}\u00A0: résultats de la {meetings} réunion",
    .short_title_many = "{acronym}\u00A0: résultats des {meetings} réunions",
    .record_title = "Compte rendu de la {number} {name}",
    .record_short_title = "{acronym}\u00A0: compte rendu de la {number} {name}",
    .meeting = "séance",
    .weekdays = {"Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"},
    .record_day = "{day} {date}",
    .record_at = "{day} {date}, à {start} heures",
    .record_from_to = "{day} {date}, de {start} à {end} heures",
    .record_chair = "{role}\u00A0: {name}",
    .subjects_discussed = "Sujets traités",
    .documents = "Documents",
    .continued = "(suite)",
    .list_separator = ", ",
    .list_last = " et ",
    .annex = "Annexe",
    .chair = "Président",
    .vice_chair = "Vice-{chair}",
    .contents = "Table des matières",
    .deleted_paragraph = "[Supprimé]",
    .redline_versions = "Modifications de {old} à {new}\u00A0: ",
    .redline_no_change = "Modifications de {old} à {new}\u00A0: aucune.",
    .redline_legend =
        "{inserted} est souligné, {deleted} est barré, et une partie déplacée porte un double "
        "filet à sa gauche et indique où elle se trouvait. Les numéros sont ceux de la nouvelle "
        "version\u202F; les changements de numérotation ne sont pas marqués.",
    .redline_inserted_sample = "texte inséré",
    .redline_deleted_sample = "texte supprimé",
    .redline_inserted = "[inséré\u00A0:",
    .redline_deleted = "[supprimé\u00A0:",
    .redline_end = "]",
    .redline_moved = "déplacé",
    .redline_moved_from = "déplacé depuis {number}",
    .icu_locale = "fr",
    .ordinal_words_rules = "%spellout-ordinal-feminine",
    .ordinal_numeral_rules = "%digits-ordinal-feminine",
    .title_words_rules = "%spellout-ordinal-feminine",
    .title_numeral_rules = "%digits-ordinal-feminine",
    .record_rules = "%spellout-ordinal-feminine",
    // "Une contribution", "une déclaration de liaison"; "un rapport", "un
    // ordre du jour", "un autre document": count_other_kinds.
    .count_rules = "%spellout-cardinal-feminine",
    .list_last_date = " et le ",
    .chair_of = "Président",
    .vice_chair_of = "Vice-{chair}",
    .comma = ", ",
    .symbol_letter = "F",
    .symbol_colon = "\u00A0:\u00A0",
    .numbered_words = "Résolution Décision",
    .first_day = "1er",
    .count_other_rules = "%spellout-cardinal-masculine",
    .count_other_kinds = "agenda information-report report other",
};

// Spanish, as the Spanish documents of the ITU Council print it ("Acción
// requerida", "Punto del orden del día"). "Reunión" and "sesión" are
// feminine: "14.ª reunión", "segunda sesión".
constexpr Labels spanish{
    .language = "es",
    .summary = "Resumen",
    .action_required = "Acción requerida",
    .references = "Referencias",
    .footnotes = "Notas",
    .back_to_reference = "Volver a la llamada de nota {number}",
    .back_to_reference_use = "Volver a la llamada de nota {number}, mención {use}",
    .untitled = "Informe",
    .agenda_item = "Punto del orden del día:",
    .document = "Documento",
    .original = "Original:",
    .only = "Solo ",
    .cover_label_gap = " ",
    .report_by = "Informe del {role} del {group}",
    .meeting_line = "{meeting} reunión \u2013 {where}",
    .title_one = "Resultados de la {meetings} reunión del {group}",
    .title_many = "Resultados de las {meetings} reuniones del {group}",
    .short_title_one = "{acronym}: resultados de la {meetings} reunión",
    .short_title_many = "{acronym}: resultados de las {meetings} reuniones",
    .record_title = "Resumen de los debates de la {number} {name}",
    .record_short_title = "{acronym}: resumen de los debates de la {number} {name}",
    .meeting = "sesión",
    .weekdays = {"Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo"},
    .record_day = "{day}, {date}",
    .record_at = "{day}, {date}, a las {start} horas",
    .record_from_to = "{day}, {date}, de las {start} a las {end} horas",
    .record_chair = "{role}: {name}",
    .subjects_discussed = "Temas tratados",
    .documents = "Documentos",
    .continued = "(continuación)",
    .list_separator = ", ",
    .list_last = " y ",
    .annex = "Anexo",
    .chair = "Presidente",
    // One word: "Vicepresidente", whatever chair_word says.
    .vice_chair = "Vicepresidente",
    .contents = "Índice",
    .deleted_paragraph = "[Suprimido]",
    .redline_versions = "Cambios de {old} a {new}: ",
    .redline_no_change = "Cambios de {old} a {new}: ninguno.",
    .redline_legend =
        "{inserted} aparece subrayado, {deleted} aparece tachado, y una parte desplazada lleva una "
        "doble línea a su izquierda e indica dónde estaba. Los números son los de la nueva "
        "versión; los cambios de numeración no se marcan.",
    .redline_inserted_sample = "texto insertado",
    .redline_deleted_sample = "texto suprimido",
    .redline_inserted = "[insertado:",
    .redline_deleted = "[suprimido:",
    .redline_end = "]",
    .redline_moved = "desplazado",
    .redline_moved_from = "desplazado desde {number}",
    .icu_locale = "es",
    .ordinal_words_rules = "%spellout-ordinal-feminine",
    .ordinal_numeral_rules = "%digits-ordinal-feminine",
    .title_words_rules = "%spellout-ordinal-feminine",
    .title_numeral_rules = "%digits-ordinal-feminine",
    .record_rules = "%spellout-ordinal-feminine",
    // "Una contribución", "una declaración de enlace"; "un informe", "un
    // orden del día", "un documento": count_other_kinds.
    .count_rules = "%spellout-cardinal-feminine",
    .list_last_date = " y el ",
    .chair_of = "Presidente",
    .vice_chair_of = "Vicepresidente",
    .comma = ", ",
    .symbol_letter = "S",
    .symbol_colon = ":\u00A0",
    .numbered_words = "Resolución Decisión",
    .first_day = "",
    .count_other_rules = "%spellout-cardinal-masculine",
    .count_other_kinds = "agenda information-report report other",
};

// Russian, as the Russian documents of the ITU Council print it
// ("Необходимые действия", "Пункт повестки дня"). "Собрание" and
// "заседание" are neuter; the title puts the ordinal in the genitive
// ("Итоги 14-го собрания") and the summary record's in the locative
// ("о втором заседании"), so `meeting` is the locative too. The group's
// name is printed as the sources write it, in the nominative: the patterns
// set it after a colon rather than decline it.
constexpr Labels russian{
    .language = "ru",
    .summary = "Резюме",
    .action_required = "Необходимые действия",
    .references = "Справочные материалы",
    .footnotes = "Сноски",
    .back_to_reference = "Вернуться к сноске {number}",
    .back_to_reference_use = "Вернуться к сноске {number}, упоминание {use}",
    .untitled = "Отчет",
    .agenda_item = "Пункт повестки дня:",
    .document = "Документ",
    .original = "Оригинал:",
    .only = "Только ",
    .cover_label_gap = " ",
    .report_by = "Отчет {role}: {group}",
    .meeting_line = "{meeting} собрание \u2013 {where}",
    .title_one = "Итоги {meetings} собрания: {group}",
    .title_many = "Итоги {meetings} собраний: {group}",
    .short_title_one = "{acronym}: итоги {meetings} собрания",
    .short_title_many = "{acronym}: итоги {meetings} собраний",
    .record_title = "Краткий отчет о {number} {name}",
    .record_short_title = "{acronym}: краткий отчет о {number} {name}",
    .meeting = "заседании",
    .weekdays = {"Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"},
    .record_day = "{day}, {date}",
    .record_at = "{day}, {date}, {start} час.",
    .record_from_to = "{day}, {date}, {start}\u2013{end} час.",
    .record_chair = "{role}: {name}",
    .subjects_discussed = "Обсуждавшиеся вопросы",
    .documents = "Документы",
    .continued = "(продолжение)",
    .list_separator = ", ",
    .list_last = " и ",
    .annex = "Приложение",
    .chair = "Председатель",
    // The genitive of the chair's word: a chair_word is not declined.
    .vice_chair = "Заместитель Председателя",
    .contents = "Содержание",
    .deleted_paragraph = "[Исключен]",
    .redline_versions = "Изменения от {old} к {new}: ",
    .redline_no_change = "Изменения от {old} к {new}: нет.",
    .redline_legend =
        "{inserted} подчеркнут, {deleted} зачеркнут, а перемещенная часть отмечена двойной линией "
        "слева с указанием прежнего места. Номера соответствуют новой версии; изменения нумерации "
        "не отмечаются.",
    .redline_inserted_sample = "вставленный текст",
    .redline_deleted_sample = "исключенный текст",
    .redline_inserted = "[вставлено:",
    .redline_deleted = "[исключено:",
    .redline_end = "]",
    .redline_moved = "перемещено",
    .redline_moved_from = "перемещено из {number}",
    .icu_locale = "ru",
    .ordinal_words_rules = "%spellout-ordinal-neuter",
    .ordinal_numeral_rules = "%digits-ordinal-neuter",
    .title_words_rules = "%spellout-ordinal-neuter-genitive",
    .title_numeral_rules = "%digits-ordinal-neuter-genitive",
    .record_rules = "%spellout-ordinal-neuter-locative",
    .count_rules = "%spellout-cardinal-masculine",
    .list_last_date = " и ",
    .chair_of = "Председателя",
    .vice_chair_of = "заместителя Председателя",
    .comma = ", ",
    .symbol_letter = "R",
    .symbol_colon = ":\u00A0",
    .numbered_words = "Резолюция Резолюции Резолюцию Резолюцией Решение Решения Решению Решением",
    .first_day = "",
    // "Одно заявление о взаимодействии" (neuter), "один вклад", "один отчет".
    .count_other_rules = "%spellout-cardinal-neuter",
    .count_other_kinds = "liaison-statement",
};

// Chinese, as the Chinese documents of the ITU Council print it ("需要采取
// 的行动", "议项"): full-width punctuation (：，、（）), no space between
// words, the group before what it did ("……工作组第14次会议成果").
constexpr Labels chinese{
    .language = "zh",
    .summary = "摘要",
    .action_required = "需要采取的行动",
    .references = "参考文件",
    .footnotes = "脚注",
    .back_to_reference = "返回引用{number}",
    .back_to_reference_use = "返回引用{number}，第{use}处",
    .untitled = "报告",
    .agenda_item = "议项：",
    .document = "文件",
    .original = "原文：",
    .only = "仅",
    .cover_label_gap = "",
    .report_by = "{group}{role}的报告",
    .meeting_line = "{meeting}次会议 \u2013 {where}",
    .title_one = "{group}{meetings}次会议成果",
    .title_many = "{group}{meetings}次会议成果",
    .short_title_one = "{acronym}：{meetings}次会议成果",
    .short_title_many = "{acronym}：{meetings}次会议成果",
    .record_title = "{number}次{name}简要记录",
    .record_short_title = "{acronym}：{number}次{name}简要记录",
    .meeting = "会议",
    .weekdays = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"},
    .record_day = "{date}，{day}",
    .record_at = "{date}，{day}，{start}时",
    .record_from_to = "{date}，{day}，{start}时至{end}时",
    .record_chair = "{role}：{name}",
    .subjects_discussed = "讨论的议题",
    .documents = "文件",
    .continued = "（续）",
    .list_separator = "、",
    .list_last = "和",
    .annex = "附件",
    .chair = "主席",
    .vice_chair = "副{chair}",
    .contents = "目录",
    .deleted_paragraph = "[已删除]",
    .redline_versions = "从{old}到{new}的修改：",
    .redline_no_change = "从{old}到{new}的修改：无。",
    .redline_legend =
        "{inserted}加下划线，{deleted}"
        "加删除线，移动的部分左侧标有双线并注明原位置。编号为新版本的编号；编号的变化不作标记。",
    .redline_inserted_sample = "插入的文本",
    .redline_deleted_sample = "删除的文本",
    .redline_inserted = "[插入：",
    .redline_deleted = "[删除：",
    .redline_end = "]",
    .redline_moved = "已移动",
    .redline_moved_from = "由{number}移来",
    .icu_locale = "zh",
    .ordinal_words_rules = "%spellout-ordinal",
    .ordinal_numeral_rules = "%digits-ordinal",
    .title_words_rules = "%spellout-ordinal",
    .title_numeral_rules = "%digits-ordinal",
    .record_rules = "%spellout-ordinal",
    .count_rules = "%spellout-cardinal",
    .list_last_date = "和",
    .chair_of = "主席",
    .vice_chair_of = "副{chair}",
    .comma = "，",
    .symbol_letter = "C",
    .symbol_colon = "：",
    .numbered_words = "",
    .first_day = "",
    .count_other_rules = "%spellout-cardinal",
    .count_other_kinds = "",
};

// Arabic, as the Arabic documents of the ITU Council print it ("الإجراء
// المطلوب", "بند جدول الأعمال"), with the digits 0-9 those documents use
// (ICU's "ar" locale would write Arabic-Indic digits): hence the locale
// "ar@numbers=latn". An ordinal follows its noun and is written in words
// even where other languages print a numeral ("الاجتماع الرابع عشر");
// "اجتماع" is masculine, "جلسة" feminine. Counts are in digits, as those
// documents write them: ICU's Arabic rules do not make a number agree
// with its noun by gender polarity ("ثلاث مساهمات").
constexpr Labels arabic{
    .language = "ar",
    .summary = "ملخص",
    .action_required = "الإجراء المطلوب",
    .references = "المراجع",
    .footnotes = "الحواشي",
    .back_to_reference = "العودة إلى الإحالة {number}",
    .back_to_reference_use = "العودة إلى الإحالة {number}، الاستعمال {use}",
    .untitled = "تقرير",
    .agenda_item = "بند جدول الأعمال:",
    .document = "الوثيقة",
    .original = "الأصل:",
    .only = " فقط",
    .cover_label_gap = " ",
    .report_by = "تقرير {role} {group}",
    .meeting_line = "الاجتماع {meeting} \u2013 {where}",
    .title_one = "نتائج الاجتماع {meetings} ل{group}",
    .title_many = "نتائج الاجتماعات {meetings} ل{group}",
    .short_title_one = "{acronym}: نتائج الاجتماع {meetings}",
    .short_title_many = "{acronym}: نتائج الاجتماعات {meetings}",
    .record_title = "محضر موجز لل{name} {number}",
    .record_short_title = "{acronym}: محضر موجز لل{name} {number}",
    .meeting = "جلسة",
    .weekdays = {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
    .record_day = "{day}، {date}",
    .record_at = "{day}، {date}، الساعة {start}",
    .record_from_to = "{day}، {date}، من الساعة {start} إلى الساعة {end}",
    .record_chair = "{role}: {name}",
    .subjects_discussed = "المواضيع التي نوقشت",
    .documents = "الوثائق",
    .continued = "(تابع)",
    .list_separator = "، ",
    .list_last = " و",
    .annex = "الملحق",
    .chair = "الرئيس",
    .vice_chair = "نائب {chair}",
    .contents = "المحتويات",
    .deleted_paragraph = "[محذوف]",
    .redline_versions = "التغييرات من {old} إلى {new}: ",
    .redline_no_change = "التغييرات من {old} إلى {new}: لا توجد.",
    .redline_legend =
        "{inserted} مسطّر، و{deleted} مشطوب، والجزء المنقول يحمل خطاً مزدوجاً بجانبه ويبيّن موضعه "
        "السابق. الأرقام هي أرقام الصيغة الجديدة؛ ولا يُشار إلى تغيير الترقيم.",
    .redline_inserted_sample = "نص مُدرج",
    .redline_deleted_sample = "نص محذوف",
    .redline_inserted = "[مُدرج:",
    .redline_deleted = "[محذوف:",
    .redline_end = "]",
    .redline_moved = "منقول",
    .redline_moved_from = "منقول من {number}",
    .icu_locale = "ar@numbers=latn",
    .ordinal_words_rules = "%spellout-ordinal-masculine",
    .ordinal_numeral_rules = "%spellout-ordinal-masculine",
    .title_words_rules = "%spellout-ordinal-masculine",
    .title_numeral_rules = "%spellout-ordinal-masculine",
    .record_rules = "%spellout-ordinal-feminine",
    .count_rules = "digits",
    .list_last_date = " وفي ",
    .chair_of = "رئيس",
    .vice_chair_of = "نائب رئيس",
    .comma = "، ",
    .symbol_letter = "A",
    .symbol_colon = ":\u00A0",
    .numbered_words = "",
    .first_day = "",
    .count_other_rules = "digits",
    .count_other_kinds = "",
};

}  // namespace

const Labels& labels(std::string_view language) {
  for (const Labels* l : {&arabic, &chinese, &english, &french, &russian, &spanish})
    if (l->language == language) return *l;
  return english;
}

const std::array<std::string_view, 6> kLanguages = {"ar", "zh", "en", "fr", "ru", "es"};

std::optional<std::string_view> language_meant(std::string_view code) {
  std::string lower;
  for (char c : code.substr(0, code.find_first_of("-_"))) {
    if (c < 0 || !std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"ara", "ar"}, {"chi", "zh"}, {"zho", "zh"}, {"cn", "zh"},  {"ch", "zh"}, {"eng", "en"},
      {"fra", "fr"}, {"fre", "fr"}, {"rus", "ru"}, {"spa", "es"}, {"sp", "es"}, {"esp", "es"}};
  for (const auto& [alias, language] : kAliases)
    if (lower == alias) return language;
  for (std::string_view language : kLanguages)
    if (lower == language) return language;
  return std::nullopt;
}

#define CWG_FIELD(name) \
  LabelField { #name, &Labels::name }
const std::array<LabelField, 63> kLabelFields = {
    CWG_FIELD(language),
    CWG_FIELD(summary),
    CWG_FIELD(action_required),
    CWG_FIELD(references),
    CWG_FIELD(footnotes),
    CWG_FIELD(back_to_reference),
    CWG_FIELD(back_to_reference_use),
    CWG_FIELD(untitled),
    CWG_FIELD(agenda_item),
    CWG_FIELD(document),
    CWG_FIELD(original),
    CWG_FIELD(only),
    LabelField{"cover_label_gap", &Labels::cover_label_gap, true},
    CWG_FIELD(report_by),
    CWG_FIELD(meeting_line),
    CWG_FIELD(title_one),
    CWG_FIELD(title_many),
    CWG_FIELD(short_title_one),
    CWG_FIELD(short_title_many),
    CWG_FIELD(record_title),
    CWG_FIELD(record_short_title),
    CWG_FIELD(meeting),
    CWG_FIELD(record_day),
    CWG_FIELD(record_at),
    CWG_FIELD(record_from_to),
    CWG_FIELD(record_chair),
    CWG_FIELD(subjects_discussed),
    CWG_FIELD(documents),
    CWG_FIELD(continued),
    CWG_FIELD(list_separator),
    CWG_FIELD(list_last),
    CWG_FIELD(annex),
    CWG_FIELD(chair),
    CWG_FIELD(vice_chair),
    CWG_FIELD(contents),
    CWG_FIELD(deleted_paragraph),
    CWG_FIELD(redline_versions),
    CWG_FIELD(redline_no_change),
    CWG_FIELD(redline_legend),
    CWG_FIELD(redline_inserted_sample),
    CWG_FIELD(redline_deleted_sample),
    CWG_FIELD(redline_inserted),
    CWG_FIELD(redline_deleted),
    CWG_FIELD(redline_end),
    CWG_FIELD(redline_moved),
    CWG_FIELD(redline_moved_from),
    CWG_FIELD(icu_locale),
    CWG_FIELD(ordinal_words_rules),
    CWG_FIELD(ordinal_numeral_rules),
    CWG_FIELD(title_words_rules),
    CWG_FIELD(title_numeral_rules),
    CWG_FIELD(record_rules),
    CWG_FIELD(count_rules),
    CWG_FIELD(list_last_date),
    CWG_FIELD(chair_of),
    CWG_FIELD(vice_chair_of),
    CWG_FIELD(comma),
    CWG_FIELD(symbol_letter),
    CWG_FIELD(symbol_colon),
    LabelField{"numbered_words", &Labels::numbered_words, true},
    LabelField{"first_day", &Labels::first_day, true},
    CWG_FIELD(count_other_rules),
    LabelField{"count_other_kinds", &Labels::count_other_kinds, true},
};
#undef CWG_FIELD
// A field added to Labels and not to the list above fails here.
static_assert(sizeof(Labels) ==
              kLabelFields.size() * sizeof(std::string_view) + sizeof(Labels::weekdays));

tree::Words tree_words(const Labels& l) {
  return {std::string(l.summary),
          std::string(l.action_required),
          std::string(l.references),
          std::string(l.footnotes),
          std::string(l.untitled),
          std::string(l.back_to_reference),
          std::string(l.back_to_reference_use),
          std::string(l.contents)};
}

std::string_view count_rules(const Labels& l, std::string_view kind) {
  std::string_view kinds = l.count_other_kinds;
  while (!kinds.empty()) {
    std::size_t end = kinds.find(' ');
    if (kinds.substr(0, end) == kind) return l.count_other_rules;
    if (end == std::string_view::npos) break;
    kinds.remove_prefix(end + 1);
  }
  return l.count_rules;
}

std::string join_list(const Labels& l, const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? l.list_last : l.list_separator;
    out += items[i];
  }
  return out;
}

}  // namespace cwg::lang
