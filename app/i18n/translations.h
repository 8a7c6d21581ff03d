// The words of the app, from the translation files in assets/i18n (embedded
// at build time): Bahasa Indonesia first, English second. A screen asks for a
// key ("home.title"); a missing key shows as the key itself, and a test checks
// that both languages have every key.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "growth/status.h"

namespace app {

enum class Language { kIndonesian = 0, kEnglish = 1 };

class Translations {
 public:
  // Parses "key = text" lines; '#' starts a comment line; "\n" in a text is a line break.
  static Translations Parse(std::string_view file_text);
  // The embedded files of the app.
  static const Translations& Embedded(Language language);

  // The text of `key`, or the key itself when it is missing.
  const char* Get(std::string_view key) const;
  bool Has(std::string_view key) const;
  std::vector<std::string> Keys() const;

 private:
  std::unordered_map<std::string, std::string> texts_;
  mutable std::unordered_map<std::string, std::string> missing_;  // keys shown as themselves
};

// The growth engine's language for a language of the app.
inline core::growth::Language GrowthLanguage(Language l) {
  return l == Language::kEnglish ? core::growth::Language::kEnglish
                                 : core::growth::Language::kIndonesian;
}

}  // namespace app
