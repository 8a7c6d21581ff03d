#include "change_checks.h"

#include <unordered_set>

#include "model/permissions.h"
#include "model/validation.h"

namespace syncing::server {
namespace {

using core::model::Id;
using core::model::Role;
using protocol::Change;

constexpr size_t kMaxDeviceBytes = 64;  // a device id is a 32-character UUID today
constexpr int64_t kDayMs = 86400 * 1000LL;

bool Inside(const std::string& area, const std::string& prefix) {
  return area.size() >= prefix.size() && area.compare(0, prefix.size(), prefix) == 0;
}

bool IsDecimal(std::string_view text) {
  if (text.empty() || text.size() > 19) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The change id is "<device>:<outbox seq>", and the device is the token's.
std::string IdentityProblem(const Change& c, const Sender& sender) {
  if (c.device.empty() || c.device.size() > kMaxDeviceBytes) return "device is missing or too long";
  const size_t colon = c.change_id.rfind(':');
  if (colon == std::string::npos || !IsDecimal(std::string_view(c.change_id).substr(colon + 1))) {
    return "change_id must be <device>:<number>";
  }
  if (c.change_id.compare(0, colon, sender.device) != 0 || c.device != sender.device) {
    return "the change was not written by this device (" + sender.device.substr(0, 40) + ")";
  }
  return "";
}

bool RoleMayWrite(Role role, const std::string& entity) {
  if (entity == "measurement") return core::model::MayMeasure(role);
  if (entity == "visit") return core::model::MayVisit(role);
  if (entity == "assignment") return core::model::MayAssign(role);
  if (entity == "review") return core::model::MayReview(role);
  return core::model::MayRegister(role);  // posyandu, household, person, child
}

const core::model::RecordMeta& MetaOf(const protocol::Record& record) {
  return std::visit(
      [](const auto& r) -> const core::model::RecordMeta& {
        if constexpr (std::is_same_v<std::decay_t<decltype(r)>, std::monostate>) {
          static const core::model::RecordMeta kNone;
          return kNone;
        } else {
          return r.meta;
        }
      },
      record);
}

// The same rules the tablet's forms apply, against the server's clock with
// two days of slack (a tablet's date may be ahead of the server's UTC date).
std::vector<core::Problem> ContentProblems(const Change& c, const std::optional<int>& birth_date,
                                           int64_t now_ms) {
  const int today = static_cast<int>(now_ms / kDayMs) + 2;
  const int64_t now_s = now_ms / 1000 + 2 * 86400;
  using namespace core::model;
  return std::visit(
      [&](const auto& r) -> std::vector<core::Problem> {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, Posyandu>) return ValidatePosyandu(r);
        if constexpr (std::is_same_v<T, Household>) return ValidateHousehold(r);
        if constexpr (std::is_same_v<T, Person>) return ValidatePerson(r, today);
        if constexpr (std::is_same_v<T, Child>) return ValidateChild(r, today);
        if constexpr (std::is_same_v<T, Measurement>) {
          return ValidateMeasurement(r, birth_date.value_or(r.measured_on), today);
        }
        if constexpr (std::is_same_v<T, Visit>) return ValidateVisit(r, now_s);
        if constexpr (std::is_same_v<T, Assignment>) return ValidateAssignment(r);
        if constexpr (std::is_same_v<T, Review>) return ValidateReview(r);
        return {};
      },
      c.record);
}

std::string Describe(const std::vector<core::Problem>& problems) {
  std::string out = "invalid data:";
  for (const core::Problem& p : problems) out += " " + p.field + " (" + p.key + ")";
  return out;
}

// The shape of a change, before anything in it is trusted.
std::string ShapeProblem(const Change& c, int entity) {
  if (!Id::Parse(c.record_id)) return "record_id is not an id";
  if (entity == 0) return "unknown entity '" + c.entity.substr(0, 40) + "'";
  if (c.op != "upsert" && c.op != "tombstone") return "op must be upsert or tombstone";
  if (c.area.size() != 10) return "area must be a village code";
  if (c.op == "tombstone") {
    return c.record.index() == 0 ? "" : "a tombstone carries no record";
  }
  if (c.record.index() != static_cast<size_t>(entity - 2)) {
    return "the record does not match the entity";
  }
  if (MetaOf(c.record).id.ToString() != c.record_id) return "the record's id is not record_id";
  return "";
}

// The area of the record `id` refers to, or why there is none.
Placement Parent(const Places& known, const Id& id, const char* entity, const char* what) {
  if (id.empty()) return {std::nullopt, std::string(what) + " is missing"};
  auto found = known.find(id.ToString());
  if (found == known.end() || found->second.entity != entity) {
    return {std::nullopt, std::string("the server does not hold ") + what + " " + id.ToString()};
  }
  return {RecordPlace{"", found->second.area, found->second.birth_date}, ""};
}

RecordPlace Own(std::string area) {
  return RecordPlace{"", std::move(area), std::nullopt};
}

Placement PlaceOfRecord(const protocol::Record& record, const Places& known) {
  using namespace core::model;
  if (auto* p = std::get_if<Posyandu>(&record)) return {Own(p->village_code), ""};
  if (auto* h = std::get_if<Household>(&record)) return {Own(h->village_code), ""};
  if (auto* p = std::get_if<Person>(&record)) {
    return Parent(known, p->household_id, "household", "the family");
  }
  if (auto* c = std::get_if<Child>(&record)) {
    Placement family = Parent(known, c->household_id, "household", "the family");
    if (!family.place) return family;
    if (family.place->area != c->village_code) {
      return {std::nullopt, "the child's village is not its family's"};
    }
    return {RecordPlace{"", c->village_code, c->birth_date}, ""};
  }
  if (auto* m = std::get_if<Measurement>(&record)) {
    return Parent(known, m->child_id, "child", "the child");
  }
  if (auto* v = std::get_if<Visit>(&record)) {
    return Parent(known, v->household_id, "household", "the family");
  }
  if (auto* a = std::get_if<Assignment>(&record)) {
    return a->child_id.empty() ? Parent(known, a->household_id, "household", "the family")
                               : Parent(known, a->child_id, "child", "the child");
  }
  if (auto* r = std::get_if<Review>(&record)) {
    return r->target == ReviewTarget::kVisit
               ? Parent(known, r->target_id, "visit", "the visit")
               : Parent(known, r->target_id, "measurement", "the measurement");
  }
  return {std::nullopt, "no record"};
}

}  // namespace

Placement PlaceOf(const Change& c, const Places& known) {
  auto existing = known.find(c.record_id);
  if (c.op == "tombstone") {
    if (existing == known.end()) return {std::nullopt, "the server does not hold this record"};
    return {existing->second, ""};
  }
  Placement placement = PlaceOfRecord(c.record, known);
  if (placement.place) placement.place->entity = c.entity;
  return placement;
}

std::vector<std::string> IdsToLookUp(const std::vector<Change>& changes) {
  std::unordered_set<std::string> ids;
  for (const Change& c : changes) {
    ids.insert(c.record_id);
    std::visit(
        [&ids](const auto& r) {
          using T = std::decay_t<decltype(r)>;
          auto add = [&ids](const Id& id) {
            if (!id.empty()) ids.insert(id.ToString());
          };
          if constexpr (std::is_same_v<T, core::model::Person> ||
                        std::is_same_v<T, core::model::Child> ||
                        std::is_same_v<T, core::model::Visit>) {
            add(r.household_id);
          }
          if constexpr (std::is_same_v<T, core::model::Measurement>) add(r.child_id);
          if constexpr (std::is_same_v<T, core::model::Assignment>) {
            add(r.child_id);
            add(r.household_id);
          }
          if constexpr (std::is_same_v<T, core::model::Review>) add(r.target_id);
        },
        c.record);
  }
  return {ids.begin(), ids.end()};
}

PushVerdict CheckPush(const std::vector<Change>& changes, const Sender& sender, Places known,
                      int64_t now_ms) {
  PushVerdict verdict;
  std::unordered_set<std::string> seen;
  for (const Change& c : changes) {
    auto refuse = [&](std::string why, bool area = false) {
      verdict.refused.push_back({c.change_id.substr(0, 200), std::move(why)});
      verdict.outside_area = verdict.outside_area || area;
    };
    const int entity = protocol::EntityFromName(c.entity);
    if (c.change_id.empty() || c.change_id.size() > 100) {
      refuse("change_id is missing or too long");
      continue;
    }
    if (!seen.insert(c.change_id).second) {
      refuse("the same change_id twice in one batch");
      continue;
    }
    if (std::string why = IdentityProblem(c, sender); !why.empty()) {
      refuse(why);
    } else if (std::string why = ShapeProblem(c, entity); !why.empty()) {
      refuse(why);
    } else if (!RoleMayWrite(sender.role, c.entity)) {
      refuse("your role may not write a " + c.entity);
    } else if (core::model::HlcMillis(c.hlc) > now_ms + kMaxClockLeadMs) {
      refuse("the tablet's clock is more than a day ahead: set its date and time, then sync again");
    } else {
      auto existing = known.find(c.record_id);
      if (existing != known.end() && existing->second.entity != c.entity) {
        refuse("record_id belongs to a " + existing->second.entity);
        continue;
      }
      Placement placement = PlaceOf(c, known);
      if (!placement.place) {
        refuse(placement.problem);
        continue;
      }
      RecordPlace& place = *placement.place;
      if (!Inside(place.area, sender.area) ||
          (existing != known.end() && !Inside(existing->second.area, sender.area))) {
        refuse("outside your area " + sender.area, true);
        continue;
      }
      if (c.area != place.area) {
        refuse("area " + c.area + " is not where the record belongs (" + place.area + ")");
        continue;
      }
      if (c.op == "upsert") {
        auto problems = ContentProblems(c, place.birth_date, now_ms);
        if (!problems.empty()) {
          refuse(Describe(problems));
          continue;
        }
      }
      if (c.entity != "child") place.birth_date.reset();  // Parent() gave the child's
      known[c.record_id] = place;
      verdict.placed[c.record_id] = place;
    }
  }
  return verdict;
}

}  // namespace syncing::server
