// POST /v1/enrol's body: ParseEnrolRequest. A body it takes, written again with
// ToJson, reads back as the same request and the same text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syncing::protocol;
  const std::string body(reinterpret_cast<const char*>(data), size);
  const auto request = ParseEnrolRequest(body);
  if (!request) {
    FUZZ_CHECK(!request.error().message.empty(), "a refused body says why");
    return 0;
  }
  const std::string json = ToJson(*request);
  const auto again = ParseEnrolRequest(json);
  FUZZ_CHECK(again.has_value(), "ToJson's text of an accepted body parses");
  FUZZ_CHECK(again->user == request->user && again->password == request->password &&
                 again->device == request->device,
             "the request reads back as it was");
  FUZZ_CHECK(ToJson(*again) == json, "writing it again gives the same text");
  return 0;
}
