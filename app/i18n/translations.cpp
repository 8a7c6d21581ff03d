#include "i18n/translations.h"

namespace app {

namespace embedded {
extern const char kIndonesian[];
extern const char kEnglish[];
}  // namespace embedded

Translations Translations::Parse(std::string_view text) {
  Translations t;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t eq = line.find(" = ");
    if (line.empty() || line[0] == '#' || eq == std::string_view::npos) continue;
    std::string value;
    const std::string_view raw = line.substr(eq + 3);
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == 'n') {
        value.push_back('\n');
        ++i;
      } else {
        value.push_back(raw[i]);
      }
    }
    t.texts_[std::string(line.substr(0, eq))] = std::move(value);
  }
  return t;
}

const Translations& Translations::Embedded(Language language) {
  static const Translations id = Parse(embedded::kIndonesian);
  static const Translations en = Parse(embedded::kEnglish);
  return language == Language::kEnglish ? en : id;
}

const char* Translations::Get(std::string_view key) const {
  auto it = texts_.find(std::string(key));
  if (it == texts_.end()) {
    // Unknown keys show as themselves (a test keeps the files complete).
    return missing_.try_emplace(std::string(key), key).first->second.c_str();
  }
  return it->second.c_str();
}

bool Translations::Has(std::string_view key) const {
  return texts_.contains(std::string(key));
}

std::vector<std::string> Translations::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [k, v] : texts_) keys.push_back(k);
  return keys;
}

}  // namespace app
