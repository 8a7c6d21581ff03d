// POST /v1/push's body as the server reads it: ParsePushRequest, and
// PushChangeTexts, which finds each change's own bytes in the body so the
// server stores those instead of encoding the change again. Checks: an
// accepted body written again with ToJson reads back to the same text; and
// when the server would store the body's own texts (as many as the parsed
// changes), each text parses to the very change the server validated.
#include <cstddef>
#include <cstdint>
#include <string>

#include "change_texts.h"
#include "fuzz_check.h"
#include "wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syncing::protocol;
  const std::string body(reinterpret_cast<const char*>(data), size);
  const auto texts = PushChangeTexts(body);  // on any text: it must not read out of bounds
  if (texts) {
    for (std::string_view text : *texts) {
      FUZZ_CHECK(text.data() >= body.data() && text.data() + text.size() <= body.data() + size,
                 "each change text lies inside the body");
    }
  }
  const auto request = ParsePushRequest(body);
  if (!request) {
    FUZZ_CHECK(!request.error().message.empty(), "a refused body says why");
    return 0;
  }
  const std::string json = ToJson(*request);
  const auto again = ParsePushRequest(json);
  FUZZ_CHECK(again.has_value(), "ToJson's text of an accepted body parses");
  FUZZ_CHECK(again->changes.size() == request->changes.size(), "as many changes read back");
  FUZZ_CHECK(ToJson(*again) == json, "writing it again gives the same text");

  // What the server stores for each change (sync/server/http_api.cpp).
  if (texts && texts->size() == request->changes.size()) {
    for (size_t i = 0; i < texts->size(); ++i) {
      const auto change = ParseChange("{\"v\":" + std::string((*texts)[i]) + "}");
      FUZZ_CHECK(change.has_value(), "a stored change text parses alone");
      FUZZ_CHECK(ToJson(*change) == ToJson(request->changes[i]),
                 "a stored change text is the change the server validated");
    }
  }
  // The client's own layout is always split: ToJson's text has this layout.
  const auto own = PushChangeTexts(json);
  FUZZ_CHECK(own.has_value() && own->size() == request->changes.size(),
             "the body ToJson writes splits into its changes");
  return 0;
}
