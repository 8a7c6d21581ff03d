// What the server checks in a push before it stores anything: who sent each
// change (its change id and device are the token's device; its role may write
// the entity), what it contains (the same core validation the tablet runs,
// with text limits), when (an HLC at most a day and a half ahead of the
// server's clock), and where it belongs. The area of a record is derived from
// the records the server holds (a child's family, a measurement's child...);
// the area the tablet writes is a hint that must agree, never a fact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/records.h"
#include "wire.h"

namespace syncing::server {

// What the server knows of a record it holds: which entity, and where.
struct RecordPlace {
  std::string entity;
  std::string area;               // its village code
  std::optional<int> birth_date;  // children: their measurements are checked against it
  friend bool operator==(const RecordPlace&, const RecordPlace&) = default;
};
using Places = std::unordered_map<std::string, RecordPlace>;  // by record id

// The user and device behind a push's token.
struct Sender {
  core::model::Role role = core::model::Role::kKader;
  std::string area;    // the user's area: a region code prefix
  std::string device;  // the device the token was given to
};

// A change's HLC may run this far ahead of the server's clock: a tablet a day
// fast, in a time zone up to UTC+9, still syncs; one set years ahead would
// freeze its records for everyone and is refused.
inline constexpr int64_t kMaxClockLeadMs = 36 * 3600 * 1000LL;

// The record ids a batch needs to know about: its own, and those its records
// refer to (family, child, review target).
std::vector<std::string> IdsToLookUp(const std::vector<protocol::Change>& changes);

struct PushVerdict {
  std::vector<protocol::Refusal> refused;  // empty: store the batch
  bool outside_area = false;               // some refusal is about the area (403)
  Places placed;  // the records the batch writes, with their derived places
};

// Checks every change of a batch in order (a change may refer to a record an
// earlier change of the same batch writes). `known` holds the places of the
// ids IdsToLookUp named that the server has.
PushVerdict CheckPush(const std::vector<protocol::Change>& changes, const Sender& sender,
                      Places known, int64_t now_ms);

// The place of a change's record given the records known so far, or the
// reason it cannot be placed. Tombstones keep the place they had. A
// measurement's place carries its child's birth date (to check it against).
struct Placement {
  std::optional<RecordPlace> place;
  std::string problem;
};
Placement PlaceOf(const protocol::Change& change, const Places& known);

}  // namespace syncing::server
