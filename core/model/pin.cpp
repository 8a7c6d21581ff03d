#include "model/pin.h"

#include <sodium.h>

namespace core::model {

bool IsValidPin(std::string_view pin) {
  if (pin.size() < 4 || pin.size() > 6) return false;
  for (char c : pin) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<std::string> HashPin(std::string_view pin) {
  if (sodium_init() < 0) return std::nullopt;
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: a fraction of a second on a tablet, costly to guess.
  if (crypto_pwhash_str(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return std::nullopt;
  }
  return std::string(out);
}

bool CheckPin(std::string_view pin, const std::string& stored_hash) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace core::model
