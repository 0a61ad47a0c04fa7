// A translation matched against its original: every text of the original
// has a translation made from its current wording, and every translation
// belongs to a text of the original.
#pragma once

#include <string>
#include <string_view>

#include "cwgreport/diagnostic.h"
#include "cwgreport/source.h"
#include "source/translations.h"

namespace cwg {

// What a translation records as its original: the first 12 hex digits of
// the text's 64-bit FNV-1a hash, as the YAML reader gives the text.
std::string source_hash(std::string_view original);

// Reports each text of `src` that `t` does not translate
// [translation-missing], each translation made from another wording of its
// original [translation-stale] and each one whose key names no text
// [translation-unknown]. With `apply`, puts the translations in place of the
// original texts and makes the translation's language the report's: the
// result is checked and built as any report, its cross-references included.
// Without `apply` (check of the original), missing texts are not reported:
// a translation in progress is not a fault of the original's sources.
void match_translations(Sources& src, const Translations& t, Diagnostics& diags, bool apply);

}  // namespace cwg
