// The front end in one call: load, check, build.
#include "cwgreport/compile.h"

#include "build/report_builder.h"
#include "check/model.h"
#include "check/translations.h"
#include "source/loader.h"
#include "source/translations.h"

namespace cwg {

std::optional<tree::Report> compile(const std::string& dir, Diagnostics& diags,
                                    const CompileOptions& opts) {
  auto sources = load_sources(dir, diags, opts.limits);
  if (!sources) {
    diags.sort();
    return std::nullopt;
  }
  const std::string original = sources->language.present ? sources->language.value : "en";
  if (opts.check_translations || !opts.language.empty())
    report_unread_translations(*sources, diags);
  if (!opts.language.empty() && opts.language != original) {
    auto translations = load_translations(*sources, opts.language, diags, opts.limits);
    if (!translations) {
      diags.sort();
      return std::nullopt;
    }
    match_translations(*sources, *translations, diags, true);
  } else if (opts.check_translations) {
    for (const std::string& language : translation_languages(dir)) {
      if (language == original) continue;
      if (auto translations = load_translations(*sources, language, diags, opts.limits))
        match_translations(*sources, *translations, diags, false);
    }
  }
  Model model =
      check_sources(std::make_shared<const Sources>(std::move(*sources)), diags, opts.text);
  diags.sort();
  // The check phase reports every problem; the builder reports none, and
  // what it builds is within the limits only when the check found no error.
  if (diags.has_errors()) return std::nullopt;
  return build_report(std::move(model));
}

}  // namespace cwg
