// gzip for request bodies. cpp-httplib compresses with zlib at level 6, which
// cost a tablet as much time as reading and encoding its changes; libdeflate
// at level 1 is several times faster for about a fifth more bytes.
#pragma once

#include <string>
#include <string_view>

namespace syncing::protocol {

// The gzip form of `data` at the fastest level (one gzip member).
std::string GzipFast(std::string_view data);

}  // namespace syncing::protocol
