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
  RecordChunks chunks(text, chunk_bytes);
  std::vector<std::string> out;
  for (size_t n = 0;; ++n) {
    const auto chunk = chunks.Get(n);
    if (!chunk) return out;
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
  RecordChunks chunks("a,1\n\"b\",2\nc,3\n", 1);
  EXPECT_FALSE(chunks.Get(0)->has_quotes);
  EXPECT_TRUE(chunks.Get(1)->has_quotes);
  EXPECT_FALSE(chunks.Get(2)->has_quotes);
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

TEST(RecordChunks, ThreadsAskingInAnyOrderGetTheSameChunks) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(i) + (i % 9 ? ",a\n" : ",\"b\nc\"\n");
  const std::vector<std::string> expected = AllChunks(text, 100);
  RecordChunks chunks(text, 100);
  std::vector<std::string> got(expected.size());
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (size_t n = t; n < got.size(); n += 4) got[n] = std::string(chunks.Get(n)->text);
      });
    }
  }
  EXPECT_EQ(got, expected);
  EXPECT_FALSE(chunks.Get(expected.size()).has_value());
}

}  // namespace
}  // namespace cli
