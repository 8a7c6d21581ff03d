// Writing CSV fields: quoted only when they must be (RFC 4180).
#pragma once

#include <string>
#include <string_view>

namespace core::csv {

// Appends `field` to `out`, in quotes (with "" for ") when it holds the
// delimiter, a quote or a line break.
void AppendField(std::string& out, std::string_view field, char delimiter = ',');

}  // namespace core::csv
