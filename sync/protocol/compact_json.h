// A cereal output archive that writes the JSON layout of cereal's
// JSONOutputArchive (the same nodes, names and numbers, so cereal's
// JSONInputArchive reads it back), without whitespace and straight into a
// string. cereal's own archive goes through RapidJSON's pretty printer and two
// std::stacks per value: a quarter of the sync server's time on a push, and as
// much of the tablet's.
#pragma once

#include <cereal/cereal.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace syncing::protocol {

class CompactJsonOutputArchive : public cereal::OutputArchive<CompactJsonOutputArchive> {
 public:
  explicit CompactJsonOutputArchive(std::string& out)
      : OutputArchive<CompactJsonOutputArchive>(this), out_(out) {
    nodes_.push_back({State::kStartObject, 0});
  }
  // Closes the outer object (as cereal's does when it goes out of scope).
  ~CompactJsonOutputArchive() {
    if (nodes_.front().state == State::kInObject) out_.push_back('}');
  }
  CompactJsonOutputArchive(const CompactJsonOutputArchive&) = delete;
  CompactJsonOutputArchive& operator=(const CompactJsonOutputArchive&) = delete;

  // The node protocol of cereal's JSON archive: a class starts a node, an
  // NVP names what comes next, a size tag turns the node into an array.
  void startNode() {
    writeName();
    nodes_.push_back({State::kStartObject, 0});
  }
  void finishNode() {
    switch (nodes_.back().state) {
      case State::kStartArray:
        out_ += "[]";
        break;
      case State::kInArray:
        out_.push_back(']');
        break;
      case State::kStartObject:
        out_ += "{}";
        break;
      case State::kInObject:
        out_.push_back('}');
        break;
    }
    nodes_.pop_back();
  }
  void setNextName(const char* name) { next_name_ = name; }
  void makeArray() { nodes_.back().state = State::kStartArray; }

  // Opens the node on its first value, then writes the separator and, in an
  // object, the value's name ("value<n>" when it has none, as cereal does).
  void writeName() {
    Node& node = nodes_.back();
    if (node.state == State::kStartArray) {
      out_.push_back('[');
      node.state = State::kInArray;
    } else if (node.state == State::kStartObject) {
      out_.push_back('{');
      node.state = State::kInObject;
    }
    if (node.count++ > 0) out_.push_back(',');
    if (node.state == State::kInArray) return;
    if (next_name_) {
      WriteString(next_name_, std::char_traits<char>::length(next_name_));
      next_name_ = nullptr;
    } else {
      const std::string name = "value" + std::to_string(node.unnamed++);
      WriteString(name.data(), name.size());
    }
    out_.push_back(':');
  }

  void saveValue(bool b) { out_ += b ? "true" : "false"; }
  void saveValue(std::nullptr_t) { out_ += "null"; }
  void saveValue(const std::string& s) { WriteString(s.data(), s.size()); }
  void saveValue(const char* s) { WriteString(s, std::char_traits<char>::length(s)); }
  template <class T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) void saveValue(T value) {
    // cereal's archive writes integers wider than 64 bits as text; none travel.
    static_assert(sizeof(T) <= 8);
    if constexpr (std::is_signed_v<T>) {
      WriteNumber(static_cast<int64_t>(value));
    } else {
      WriteNumber(static_cast<uint64_t>(value));
    }
  }
  void saveValue(double value) { WriteNumber(value); }  // shortest text that reads back the same
  void saveValue(float value) { WriteNumber(static_cast<double>(value)); }

 private:
  enum class State : uint8_t { kStartObject, kInObject, kStartArray, kInArray };
  struct Node {
    State state;
    uint32_t count;
    uint32_t unnamed = 0;
  };

  template <class T>
  void WriteNumber(T value) {
    char text[32];
    const auto done = std::to_chars(text, text + sizeof text, value);
    out_.append(text, done.ptr);
  }

  // JSON string escapes as RapidJSON writes them; other bytes go as they are.
  void WriteString(const char* s, size_t size) {
    out_.push_back('"');
    const char* plain = s;  // start of the run not yet copied
    for (const char* p = s; p != s + size; ++p) {
      const auto c = static_cast<unsigned char>(*p);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(plain, p);
      plain = p + 1;
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        default: {
          static constexpr char kHex[] = "0123456789ABCDEF";
          const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out_.append(escaped, sizeof escaped);
        }
      }
    }
    out_.append(plain, s + size);
    out_.push_back('"');
  }

  std::string& out_;
  std::vector<Node> nodes_;
  const char* next_name_ = nullptr;
};

// What cereal's JSON archive does around each kind of value, for this one.
template <class T>
void prologue(CompactJsonOutputArchive&, const cereal::NameValuePair<T>&) {}
template <class T>
void epilogue(CompactJsonOutputArchive&, const cereal::NameValuePair<T>&) {}
template <class T>
void prologue(CompactJsonOutputArchive&, const cereal::DeferredData<T>&) {}
template <class T>
void epilogue(CompactJsonOutputArchive&, const cereal::DeferredData<T>&) {}
template <class T>
void prologue(CompactJsonOutputArchive& ar, const cereal::SizeTag<T>&) {
  ar.makeArray();
}
template <class T>
void epilogue(CompactJsonOutputArchive&, const cereal::SizeTag<T>&) {}

// Classes are nodes; minimal types (saved as one value) are not.
template <class T>
constexpr bool kIsNode =
    !std::is_arithmetic_v<T> &&
    !cereal::traits::has_minimal_base_class_serialization<
        T, cereal::traits::has_minimal_output_serialization, CompactJsonOutputArchive>::value &&
    !cereal::traits::has_minimal_output_serialization<T, CompactJsonOutputArchive>::value;

template <class T>
requires kIsNode<T>
void prologue(CompactJsonOutputArchive& ar, const T&) {
  ar.startNode();
}
template <class T>
requires kIsNode<T>
void epilogue(CompactJsonOutputArchive& ar, const T&) {
  ar.finishNode();
}

inline void prologue(CompactJsonOutputArchive& ar, const std::nullptr_t&) {
  ar.writeName();
}
inline void epilogue(CompactJsonOutputArchive&, const std::nullptr_t&) {}
template <class T>
requires std::is_arithmetic_v<T>
void prologue(CompactJsonOutputArchive& ar, const T&) {
  ar.writeName();
}
template <class T>
requires std::is_arithmetic_v<T>
void epilogue(CompactJsonOutputArchive&, const T&) {}
inline void prologue(CompactJsonOutputArchive& ar, const std::string&) {
  ar.writeName();
}
inline void epilogue(CompactJsonOutputArchive&, const std::string&) {}

template <class T>
void CEREAL_SAVE_FUNCTION_NAME(CompactJsonOutputArchive& ar, const cereal::NameValuePair<T>& t) {
  ar.setNextName(t.name);
  ar(t.value);
}
inline void CEREAL_SAVE_FUNCTION_NAME(CompactJsonOutputArchive& ar, const std::nullptr_t& t) {
  ar.saveValue(t);
}
template <class T>
requires std::is_arithmetic_v<T>
void CEREAL_SAVE_FUNCTION_NAME(CompactJsonOutputArchive& ar, const T& t) {
  ar.saveValue(t);
}
inline void CEREAL_SAVE_FUNCTION_NAME(CompactJsonOutputArchive& ar, const std::string& s) {
  ar.saveValue(s);
}
template <class T>
void CEREAL_SAVE_FUNCTION_NAME(CompactJsonOutputArchive&, const cereal::SizeTag<T>&) {}

}  // namespace syncing::protocol
