// Results, not exceptions, for expected failures.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace core {

// One refused field: which, and a translation key for the reason
// ("error.weight_range"); the GUI shows it in the user's language.
struct Problem {
  std::string field;
  std::string key;
  friend bool operator==(const Problem&, const Problem&) = default;
};

// A failure the caller can act on: what kind, and a message for logs.
struct Error {
  enum class Kind {
    kInvalid,   // the input was refused (see the validation problem)
    kNotFound,  // no such record
    kConflict,  // the data is not in a state that allows this
    kStorage,   // the database failed (disk full, corrupt, locked...)
    kTooNew,    // the database was written by a newer version of Tumbuh
  };
  Kind kind;
  std::string message;
  std::vector<Problem> problems;  // with kInvalid: every refused field

  bool HasProblem(std::string_view key) const {
    for (const Problem& p : problems) {
      if (p.key == key) return true;
    }
    return false;
  }
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> Fail(Error::Kind kind, std::string message) {
  return std::unexpected<Error>(Error{kind, std::move(message), {}});
}

}  // namespace core
