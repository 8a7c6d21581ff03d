#include "gzip.h"

#include <libdeflate.h>

#include <memory>
#include <stdexcept>

namespace syncing::protocol {

std::string GzipFast(std::string_view data) {
  const std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(
      libdeflate_alloc_compressor(1), &libdeflate_free_compressor);
  if (!compressor) throw std::bad_alloc();
  std::string out(libdeflate_gzip_compress_bound(compressor.get(), data.size()), '\0');
  const size_t size =
      libdeflate_gzip_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
  if (size == 0) throw std::runtime_error("a request body could not be compressed");
  out.resize(size);
  return out;
}

}  // namespace syncing::protocol
