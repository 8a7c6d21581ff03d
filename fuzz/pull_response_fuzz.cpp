// What the sync client decodes from the server: a pull page (ParsePullResponse)
// and a change alone (ParseChange, as the conflict log and the server's store
// keep them), plus the other answers (enrol, profile, push, error). Each one
// accepted, written again with ToJson, reads back to the same text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "wire.h"

namespace {

template <typename Parse>
void RoundTrip(const std::string& body, Parse parse, const char* what) {
  using namespace syncing::protocol;
  const auto value = parse(body);
  if (!value) {
    FUZZ_CHECK(!value.error().message.empty(), "a refused body says why");
    return;
  }
  const std::string json = ToJson(*value);
  const auto again = parse(json);
  if (!again) std::fprintf(stderr, "%s: %s\n", what, again.error().message.c_str());
  FUZZ_CHECK(again.has_value(), "ToJson's text of an accepted body parses");
  FUZZ_CHECK(ToJson(*again) == json, "writing it again gives the same text");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syncing::protocol;
  const std::string body(reinterpret_cast<const char*>(data), size);
  RoundTrip(body, ParsePullResponse, "pull");
  RoundTrip(body, ParseChange, "change");
  RoundTrip(body, ParseEnrolResponse, "enrol response");
  RoundTrip(body, ParseProfile, "profile");
  RoundTrip(body, ParsePushResponse, "push response");
  (void)ParseErrorMessage(body);

  // A page's changes, each alone, are what the client applies and logs.
  if (const auto page = ParsePullResponse(body)) {
    for (const Change& change : page->changes) {
      const std::string json = ToJson(change);
      const auto alone = ParseChange(json);
      FUZZ_CHECK(alone.has_value() && ToJson(*alone) == json, "a pulled change reads back alone");
    }
  }
  return 0;
}
