// The wire types to and from JSON: cereal's JSON archive reads, the compact
// archive (compact_json.h) writes, both through wire_serialize.h.
#include "wire.h"

// clang-format off
#include "json_streams.h"  // first: it specialises what cereal's JSON uses
// clang-format on
#include <cereal/archives/json.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>

#include <istream>

#include "compact_json.h"
#include "json_guard.h"
#include "wire_serialize.h"

namespace syncing::protocol {

namespace {

template <typename T>
std::string Write(const T& value) {
  std::string text;
  {
    CompactJsonOutputArchive archive(text);
    archive(cereal::make_nvp("v", value));
  }
  return text;
}

// A body that cannot be read gets one plain sentence; the parser's own words
// (RapidJSON's assertions, cereal's field names) stay in `Error::message` for
// the log, after it.
template <typename T>
core::Result<T> Read(const std::string& json) {
  if (const char* problem = JsonGuardProblem(json)) {
    return core::Fail(core::Error::Kind::kInvalid, problem);
  }
  try {
    JsonInput buffer(json);
    std::istream in(&buffer);
    cereal::JSONInputArchive archive(in);
    T value;
    archive(cereal::make_nvp("v", value));
    return value;
  } catch (const std::exception& e) {  // cereal and RapidJSON report here
    return core::Fail(core::Error::Kind::kInvalid,
                      std::string("the body is not the JSON expected here: ") + e.what());
  }
}

}  // namespace

std::string ToJson(const EnrolRequest& v) {
  return Write(v);
}
std::string ToJson(const EnrolResponse& v) {
  return Write(v);
}
std::string ToJson(const Profile& v) {
  return Write(v);
}
std::string ToJson(const PushRequest& v) {
  return Write(v);
}
std::string ToJson(const PushResponse& v) {
  return Write(v);
}
std::string ToJson(const PullResponse& v) {
  return Write(v);
}
std::string ToJson(const ErrorBody& v) {
  return Write(v);
}
std::string ToJson(const Change& v) {
  return Write(v);
}
std::string RecordJson(const Record& record) {
  return Write(record);
}

core::Result<EnrolRequest> ParseEnrolRequest(const std::string& j) {
  return Read<EnrolRequest>(j);
}
core::Result<EnrolResponse> ParseEnrolResponse(const std::string& j) {
  return Read<EnrolResponse>(j);
}
core::Result<Profile> ParseProfile(const std::string& j) {
  return Read<Profile>(j);
}
core::Result<PushRequest> ParsePushRequest(const std::string& j) {
  return Read<PushRequest>(j);
}
core::Result<PushResponse> ParsePushResponse(const std::string& j) {
  return Read<PushResponse>(j);
}
core::Result<PullResponse> ParsePullResponse(const std::string& j) {
  return Read<PullResponse>(j);
}
core::Result<Change> ParseChange(const std::string& j) {
  return Read<Change>(j);
}
std::string ParseErrorMessage(const std::string& json) {
  auto e = Read<ErrorBody>(json);
  return e ? e->error : json.substr(0, 200);
}

const char* EntityName(int entity) {
  static constexpr const char* kNames[] = {"",          "area",       "user",  "posyandu",
                                           "household", "person",     "child", "measurement",
                                           "visit",     "assignment", "review"};
  return entity >= 1 && entity <= 10 ? kNames[entity] : "";
}

int EntityFromName(const std::string& name) {
  for (int i = 3; i <= 10; ++i) {  // the synced ones
    if (name == EntityName(i)) return i;
  }
  return 0;
}

const char* RoleName(core::model::Role role) {
  static constexpr const char* kNames[] = {"",        "kader",           "bidan",      "tpk",
                                           "babinsa", "bhabinkamtibmas", "supervisor", "admin"};
  const int i = static_cast<int>(role);
  return i >= 1 && i <= 7 ? kNames[i] : "";
}

std::optional<core::model::Role> RoleFromName(const std::string& name) {
  for (int i = 1; i <= 7; ++i) {
    if (name == RoleName(static_cast<core::model::Role>(i)))
      return static_cast<core::model::Role>(i);
  }
  return std::nullopt;
}

}  // namespace syncing::protocol
