// Translations of a report: translations/LANG/ beside the sources holds, for
// report.yaml, documents.yaml and each section file, a file of the same path
// mapping each translated text's key to its text and to the hash of the
// original it was translated from. The reader here checks their shape; the
// checker (check/translations.h) matches them against the original.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cwgreport/diagnostic.h"
#include "cwgreport/source.h"
#include "cwgreport/yaml.h"

namespace cwg {

// One translated text: `key: {source: HASH, text: TEXT}`.
struct TranslationEntry {
  Text key;     // "summary", "paragraph meeting-held", ...
  Text source;  // the hash of the original text translated
  Text text;    // the translation
};

struct TranslationFile {
  std::string original;  // the original's path in the meeting folder: "sections/intro.yaml"
  std::string shown;     // the translation's path as diagnostics name it
  bool found = false;    // false: the file does not exist
  bool complete = true;  // false: it could not be read whole (an error was reported)
  std::vector<TranslationEntry> entries;
};

struct Translations {
  std::string language;
  std::string shown_dir;               // "meeting14/translations/fr"
  std::vector<TranslationFile> files;  // in the order of the originals
};

// The original files a translation mirrors, as paths in the meeting folder:
// report.yaml, documents.yaml, then the section and annex files.
std::vector<std::string> translated_files(const Sources& src);

// The path in the meeting folder of the file a section was read from.
std::string section_file(const Sources& src, const Section& s);

// Reads DIR/translations/LANGUAGE/, one file per original in
// translated_files(src); a file that does not exist is left for the checker
// to report as missing texts. Returns nothing, with an error, when the
// folder itself does not exist or cannot be used.
std::optional<Translations> load_translations(const Sources& src, const std::string& language,
                                              Diagnostics& diags, const yaml::Limits& limits = {});

// The languages DIR/translations/ has a folder for, of the six, sorted.
std::vector<std::string> translation_languages(const std::string& dir);

// Reports, as translation-unknown, what under DIR/translations/ no build
// would read: a folder named by none of the six languages ("cn", "fr-CA"),
// and a YAML file of a language's folder that mirrors no original ("intro.yaml"
// for "sections/intro.yaml"). A translator's whole folder would otherwise go
// unchecked and unbuilt without a word. Symbolic links are not followed; at
// most kMaxTranslationEntries entries are looked at.
inline constexpr std::size_t kMaxTranslationEntries = 10000;
void report_unread_translations(const Sources& src, Diagnostics& diags);

}  // namespace cwg
