// RFC 4180 reading: quotes, doubled quotes, line breaks inside quotes, CRLF,
// and the errors a broken line gives.
#include <gtest/gtest.h>

#include "csv/csv_reader.h"
#include "csv/csv_writer.h"

namespace core::csv {
namespace {

using Fields = std::vector<std::string_view>;

std::vector<std::vector<std::string>> ReadAll(std::string_view text, std::string* error = nullptr) {
  CsvReader reader(text);
  std::vector<std::vector<std::string>> records;
  Fields fields;
  while (reader.Next(fields)) records.emplace_back(fields.begin(), fields.end());
  if (error) *error = reader.error();
  return records;
}

TEST(CsvReader, PlainAndQuotedFields) {
  const auto r = ReadAll("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n,,\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1], (std::vector<std::string>{"1", "x,y", "say \"hi\""}));
  EXPECT_EQ(r[2], (std::vector<std::string>{"", "", ""}));
}

TEST(CsvReader, SeveralFieldsWithDoubledQuotesInOneRecord) {
  // Each is unescaped into storage of its own; the first ones must stay put
  // while later ones are added (found by fuzz/zscore_csv_fuzz.cpp).
  const auto r = ReadAll("\"a\"\"\",\"b\"\"\",\"c\"\"\",\"d\"\"\",\"e\"\"\"\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], (std::vector<std::string>{"a\"", "b\"", "c\"", "d\"", "e\""}));
}

TEST(CsvReader, LineBreakInsideQuotesCountsLines) {
  CsvReader reader("h\n\"two\nlines\"\nlast\n");
  Fields f;
  ASSERT_TRUE(reader.Next(f));
  ASSERT_TRUE(reader.Next(f));
  EXPECT_EQ(f[0], "two\nlines");
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.Next(f));
  EXPECT_EQ(reader.line(), 4);
  EXPECT_EQ(reader.raw_record(), "last");
  EXPECT_FALSE(reader.Next(f));
  EXPECT_TRUE(reader.error().empty());
}

TEST(CsvReader, LastLineWithoutLineEnd) {
  const auto r = ReadAll("a,b\n1,2");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1][1], "2");
}

TEST(CsvReader, BrokenLinesAreErrors) {
  std::string error;
  ReadAll("a\n\"open\n", &error);
  EXPECT_NE(error.find("never closed"), std::string::npos);
  ReadAll("a\nx\"y\n", &error);
  EXPECT_NE(error.find("quote inside"), std::string::npos);
  ReadAll("a\n\"x\"y\n", &error);
  EXPECT_NE(error.find("after the closing quote"), std::string::npos);
}

TEST(CsvReader, SemicolonFilesFromSpreadsheets) {
  EXPECT_EQ(DetectDelimiter("sex;weight_kg\n1;12,5\n"), ';');
  EXPECT_EQ(DetectDelimiter("sex,weight_kg\n"), ',');
  CsvReader reader("1;12,5\n", ';');
  Fields f;
  ASSERT_TRUE(reader.Next(f));
  EXPECT_EQ(f[1], "12,5");
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
  std::string out;
  AppendField(out, "plain");
  out += ',';
  AppendField(out, "a,b");
  out += ',';
  AppendField(out, "say \"x\"");
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"x\"\"\"");
}

}  // namespace
}  // namespace core::csv
