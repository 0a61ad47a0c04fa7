// The cross-reference scanner: the checker runs it once per text field.
#include "check/refs.h"

#include <map>

namespace cwg {

const std::vector<std::string>& ref_kinds() {
  static const std::vector<std::string> kinds = {"doc",    "para",   "sec",   "annex",   "ref",
                                                 "entity", "person", "count", "meeting", "note"};
  return kinds;
}

const std::vector<std::string>& ref_forms(std::string_view kind) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> forms = {
      {"doc", {"", "title", "full"}},
      {"para", {""}},
      {"sec", {""}},
      {"annex", {""}},
      {"ref", {""}},
      {"entity", {"", "name", "short"}},
      {"person", {"", "name"}},
      {"count", {"", "digits"}},
      {"meeting", {"", "words", "Words", "date", "dates", "venue", "chair", "participants"}},
      {"note", {""}},
  };
  static const std::vector<std::string> none;
  auto it = forms.find(kind);
  return it == forms.end() ? none : it->second;
}

std::vector<RefToken> scan_refs(std::string_view text) {
  std::vector<RefToken> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;  // an escaped character, whatever it is, starts nothing
      continue;
    }
    if (text[i] != '{') continue;
    std::size_t k = i + 1;
    while (k < text.size() && text[k] >= 'a' && text[k] <= 'z') ++k;
    if (k == i + 1 || k >= text.size() || text[k] != ':') continue;
    RefToken tok;
    tok.offset = i;
    tok.kind = text.substr(i + 1, k - i - 1);
    std::size_t close = text.find_first_of("}\n{", k + 1);
    if (close == std::string_view::npos || text[close] != '}') {
      tok.length = (close == std::string_view::npos ? text.size() : close) - i;
      tok.error = "no closing '}'";
      out.push_back(std::move(tok));
      i = k;
      continue;
    }
    std::string_view body = text.substr(k + 1, close - k - 1);
    bool bar_without_form = false;
    if (auto bar = body.find('|'); bar != std::string_view::npos) {
      tok.form = body.substr(bar + 1);
      body = body.substr(0, bar);
      bar_without_form = tok.form.empty();
    }
    tok.key = body;
    tok.length = close - i + 1;
    if (tok.key.empty())
      tok.error = "no key after ':'";
    else if (bar_without_form)
      tok.error = "no form after '|'";
    out.push_back(std::move(tok));
    i = close;
  }
  return out;
}

}  // namespace cwg
