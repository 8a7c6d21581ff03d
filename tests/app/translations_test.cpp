// Every word the app shows comes from the translation files, in both languages.
#include <gtest/gtest.h>

#include <algorithm>

#include "i18n/translations.h"

namespace app {
namespace {

TEST(Translations, BothLanguagesHaveTheSameKeys) {
  auto id = Translations::Embedded(Language::kIndonesian).Keys();
  auto en = Translations::Embedded(Language::kEnglish).Keys();
  std::sort(id.begin(), id.end());
  std::sort(en.begin(), en.end());
  EXPECT_GT(id.size(), 200u);
  EXPECT_EQ(id, en);
}

TEST(Translations, EveryValidationKeyHasWords) {
  for (const char* key :
       {"error.weight_range", "error.length_range", "error.head_range", "error.muac_range",
        "error.nik_digits", "error.kk_digits", "error.measured_before_birth",
        "error.measured_in_future", "error.birth_date_future", "warning.nik_birth_date"}) {
    EXPECT_TRUE(Translations::Embedded(Language::kIndonesian).Has(key)) << key;
    EXPECT_TRUE(Translations::Embedded(Language::kEnglish).Has(key)) << key;
  }
  EXPECT_STREQ(Translations::Embedded(Language::kIndonesian).Get("nav.home"), "Beranda");
  EXPECT_STREQ(Translations::Embedded(Language::kEnglish).Get("nav.home"), "Home");
}

TEST(Translations, ParsesCommentsAndLineBreaks) {
  auto t = Translations::Parse("# comment\na.b = one\\ntwo\r\nbroken line\n");
  EXPECT_STREQ(t.Get("a.b"), "one\ntwo");
  EXPECT_FALSE(t.Has("broken line"));
  EXPECT_STREQ(t.Get("missing.key"), "missing.key");
}

}  // namespace
}  // namespace app
