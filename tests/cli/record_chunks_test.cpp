// RecordChunks: chunks cover the text exactly once, in order, each ending at a
// record's end, quoted line breaks included.
#include "record_chunks.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cli {
namespace {

std::vector<std::string> AllChunks(std::string_view text, size_t chunk_bytes) {
  const StringSource source(text);
  RecordChunks chunks(source, 0, chunk_bytes);
  std::vector<char> buffer;
  std::vector<std::string> out;
  for (size_t n = 0;; ++n) {
    const auto chunk = chunks.Get(n, buffer);
    if (!chunk) return out;
    EXPECT_EQ(chunk->text, text.substr(chunk->offset, chunk->text.size()));
    out.emplace_back(chunk->text);
  }
}

TEST(RecordChunks, CutsAtLineBreaksAfterTheSize) {
  EXPECT_EQ(AllChunks("a,1\nbb,2\nc,3\n", 5), (std::vector<std::string>{"a,1\nbb,2\n", "c,3\n"}));
  EXPECT_EQ(AllChunks("a\nb\nc", 1), (std::vector<std::string>{"a\n", "b\n", "c"}));
  EXPECT_EQ(AllChunks("a\nb\n", 1000), (std::vector<std::string>{"a\nb\n"}));
  EXPECT_TRUE(AllChunks("", 10).empty());
}

TEST(RecordChunks, SaysWhichChunksHaveQuotes) {
  const StringSource source("a,1\n\"b\",2\nc,3\n");
  RecordChunks chunks(source, 0, 1);
  std::vector<char> buffer;
  EXPECT_FALSE(chunks.Get(0, buffer)->has_quotes);
  EXPECT_TRUE(chunks.Get(1, buffer)->has_quotes);
  EXPECT_FALSE(chunks.Get(2, buffer)->has_quotes);
}

TEST(RecordChunks, NeverCutsInsideQuotes) {
  const std::string text = "1,\"two\nlines\"\n2,\"say \"\"hi\"\"\nthere\"\n3,x\n";
  EXPECT_EQ(
      AllChunks(text, 1),
      (std::vector<std::string>{"1,\"two\nlines\"\n", "2,\"say \"\"hi\"\"\nthere\"\n", "3,x\n"}));
  // Whatever the size, the chunks put together give the text back, each
  // ending with a record.
  for (size_t size = 1; size < text.size() + 2; ++size) {
    std::string joined;
    for (const std::string& chunk : AllChunks(text, size)) {
      EXPECT_TRUE(chunk.ends_with("\"\n") || chunk.ends_with("x\n")) << size << ": " << chunk;
      joined += chunk;
    }
    EXPECT_EQ(joined, text) << size;
  }
}

TEST(RecordChunks, RecordsLongerThanAChunkAndItsLookahead) {
  // A chunk is read with 4 KiB to spare; a longer record is read on until it ends.
  const std::string long_field(10'000, 'x'), long_quoted = "\"" + std::string(9'000, '\n') + "\"";
  const std::string text = "a," + long_field + "\nb," + long_quoted + "\nc,1\n";
  EXPECT_EQ(AllChunks(text, 1), (std::vector<std::string>{"a," + long_field + "\n",
                                                          "b," + long_quoted + "\n", "c,1\n"}));
  EXPECT_EQ(AllChunks(text, 5000), (std::vector<std::string>{"a," + long_field + "\n",
                                                             "b," + long_quoted + "\n", "c,1\n"}));
}

TEST(RecordChunks, ThreadsAskingInAnyOrderGetTheSameChunks) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(i) + (i % 9 ? ",a\n" : ",\"b\nc\"\n");
  const std::vector<std::string> expected = AllChunks(text, 100);
  const StringSource source(text);
  RecordChunks chunks(source, 0, 100);
  std::vector<std::string> got(expected.size());
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        std::vector<char> buffer;
        for (size_t n = t; n < got.size(); n += 4)
          got[n] = std::string(chunks.Get(n, buffer)->text);
      });
    }
  }
  EXPECT_EQ(got, expected);
  std::vector<char> buffer;
  EXPECT_FALSE(chunks.Get(expected.size(), buffer).has_value());
  // A second run reads the same chunks again.
  for (size_t n = 0; n < expected.size(); ++n) EXPECT_EQ(chunks.Get(n, buffer)->text, expected[n]);
}

}  // namespace
}  // namespace cli
