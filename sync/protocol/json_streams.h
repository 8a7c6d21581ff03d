// RapidJSON's std::istream wrapper, which cereal's JSON input archive reads
// through, calls istream::peek/get for every character, and each call builds a
// sentry: that was a quarter of the sync server's time. This explicit
// specialisation reads the memory of the stream buffer below, which wire.cpp
// always gives it. (Writing goes through compact_json.h, not RapidJSON.)
//
// Include before <cereal/archives/json.hpp>. It must not include RapidJSON:
// cereal defines RapidJSON's assertion (to throw, so a wrong type in a request
// is an exception, not an abort) before its first RapidJSON include.
#pragma once

#ifdef RAPIDJSON_RAPIDJSON_H_
#error "json_streams.h, then cereal's JSON archive, must come before any RapidJSON header"
#endif

#include <cstddef>
#include <istream>
#include <stdexcept>
#include <streambuf>
#include <string>

namespace syncing::protocol {

// A string to read, in place (no copy into a stringbuf). cereal parses it
// whole when its archive is made; the buffer's own position never moves.
class JsonInput : public std::streambuf {
 public:
  explicit JsonInput(const std::string& text) {
    char* begin = const_cast<char*>(text.data());  // only ever read
    setg(begin, begin, begin + text.size());
  }
  const char* begin() const { return gptr(); }
};

}  // namespace syncing::protocol

namespace rapidjson {

template <typename StreamType>
class BasicIStreamWrapper;

// Reads only a JsonInput: its text ends in '\0' (std::string's), where
// RapidJSON stops, so a character needs no bounds check, as in RapidJSON's
// own string stream.
template <>
class BasicIStreamWrapper<std::istream> {
 public:
  typedef char Ch;
  explicit BasicIStreamWrapper(std::istream& stream)
      : input_(dynamic_cast<syncing::protocol::JsonInput*>(stream.rdbuf())) {
    if (!input_) throw std::logic_error("cereal JSON reads a syncing::protocol::JsonInput only");
    begin_ = next_ = input_->begin();
  }
  BasicIStreamWrapper(const BasicIStreamWrapper&) = delete;
  BasicIStreamWrapper& operator=(const BasicIStreamWrapper&) = delete;

  Ch Peek() const { return *next_; }
  Ch Take() { return *next_++; }
  size_t Tell() const { return static_cast<size_t>(next_ - begin_); }

  // Named by RapidJSON's in-place parsing, which a stream never takes.
  Ch* PutBegin() { throw std::logic_error("a JSON input stream is read-only"); }
  void Put(Ch) { PutBegin(); }
  void Flush() { PutBegin(); }
  size_t PutEnd(Ch*) {
    PutBegin();
    return 0;
  }

 private:
  syncing::protocol::JsonInput* input_;
  const char* begin_ = nullptr;
  const char* next_ = nullptr;
};

}  // namespace rapidjson
