// The text of each change in a push body as the device sent it, so the server
// can store those bytes instead of encoding every change again (a sixth of its
// time on a push).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace syncing::protocol {

// The elements of the array in a body that is exactly {"v":{"changes":[...]}}
// (this client's layout: no other member, no spacing around it), in order, so
// cereal's parse of the same body reads the same elements. nullopt for any
// other layout, or when the elements are not whole JSON values.
std::optional<std::vector<std::string_view>> PushChangeTexts(std::string_view body);

}  // namespace syncing::protocol
