// gzip for request bodies. cpp-httplib compresses at zlib's default level 6,
// which cost a tablet as much time as reading and encoding its changes; level 1
// (Z_BEST_SPEED) is several times faster for about a fifth more bytes.
#pragma once

#include <string>
#include <string_view>

namespace syncing::protocol {

// The gzip form of `data` at zlib's fastest level (a whole gzip member).
std::string GzipFast(std::string_view data);

}  // namespace syncing::protocol
