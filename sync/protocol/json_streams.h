// RapidJSON's std::istream / std::ostream wrappers, which cereal's JSON
// archives read and write through, call istream::peek/get and ostream::put for
// every character, and each call builds a sentry: that was half of the sync
// server's time and a third of the tablet's. These explicit specialisations
// take the same bytes straight from the stream buffer, with the same end of
// input ('\0') and the same count.
//
// Include before <cereal/archives/json.hpp>. It must not include RapidJSON:
// cereal defines RapidJSON's assertion (to throw, so a wrong type in a request
// is an exception, not an abort) before its first RapidJSON include.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <streambuf>

namespace rapidjson {

template <typename StreamType>
class BasicIStreamWrapper;
template <typename StreamType>
class BasicOStreamWrapper;

template <>
class BasicIStreamWrapper<std::istream> {
 public:
  typedef char Ch;
  explicit BasicIStreamWrapper(std::istream& stream) : buffer_(*stream.rdbuf()) {}
  BasicIStreamWrapper(const BasicIStreamWrapper&) = delete;
  BasicIStreamWrapper& operator=(const BasicIStreamWrapper&) = delete;

  Ch Peek() const {
    const int c = buffer_.sgetc();
    return c == std::char_traits<char>::eof() ? '\0' : static_cast<Ch>(c);
  }
  Ch Take() {
    const int c = buffer_.sbumpc();
    if (c == std::char_traits<char>::eof()) return '\0';
    ++count_;
    return static_cast<Ch>(c);
  }
  size_t Tell() const { return count_; }

  // Named by RapidJSON's in-place parsing, which a stream never takes.
  Ch* PutBegin() { throw std::logic_error("a JSON input stream is read-only"); }
  void Put(Ch) { PutBegin(); }
  void Flush() { PutBegin(); }
  size_t PutEnd(Ch*) {
    PutBegin();
    return 0;
  }

 private:
  std::streambuf& buffer_;
  size_t count_ = 0;
};

template <>
class BasicOStreamWrapper<std::ostream> {
 public:
  typedef char Ch;
  explicit BasicOStreamWrapper(std::ostream& stream) : buffer_(*stream.rdbuf()) {}
  BasicOStreamWrapper(const BasicOStreamWrapper&) = delete;
  BasicOStreamWrapper& operator=(const BasicOStreamWrapper&) = delete;

  void Put(Ch c) { buffer_.sputc(c); }
  void Flush() { buffer_.pubsync(); }

 private:
  std::streambuf& buffer_;
};

}  // namespace rapidjson
