#include "csv/csv_writer.h"

namespace core::csv {

void AppendField(std::string& out, std::string_view field, char delimiter) {
  const bool needs_quotes = field.find_first_of("\"\r\n") != std::string_view::npos ||
                            field.find(delimiter) != std::string_view::npos;
  if (!needs_quotes) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace core::csv
