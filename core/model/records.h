// The records field users write: areas, posyandu, households, people,
// measurements, home visits, assignments, reviews, users. Plain structs; the
// store reads and writes them, the service API validates them.
//
// Units are in the names. Dates are day numbers (days since 1970-01-01);
// instants are Unix seconds. Weights and lengths are integers (grams,
// millimetres) so they round-trip exactly through SQLite, JSON and PostgreSQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "growth/status.h"
#include "growth/zscore.h"
#include "model/hlc.h"
#include "model/id.h"

namespace core::model {

// What every record carries for sync.
struct RecordMeta {
  Id id;
  Hlc updated_at = 0;    // hybrid logical clock of the last write
  std::string device;    // the device that wrote it (its id, as text)
  bool deleted = false;  // tombstone: records are never hard-deleted
};

enum class AreaLevel : uint8_t { kProvince = 1, kKabupaten = 2, kKecamatan = 3, kDesa = 4 };

// A Kemendagri region, code without dots ("3373041001").
struct Area {
  std::string code;
  std::string name;
  AreaLevel level = AreaLevel::kDesa;
  std::string parent_code;
  Hlc updated_at = 0;
};

enum class Role : uint8_t {
  kKader = 1,
  kBidan,
  kTpk,
  kBabinsa,
  kBhabinkamtibmas,
  kSupervisor,
  kAdmin,
};

struct User {
  RecordMeta meta;
  std::string name;
  Role role = Role::kKader;
  std::string area_code;  // what the user may see: a prefix of region codes
  std::string unit;       // e.g. "Koramil 05", "Polsek Tembalang", "Puskesmas Kedungmundu"
};

// A puskesmas (community health centre): reference data of the district, like
// areas; posyandu report to one.
struct Puskesmas {
  std::string code;  // the Kemenkes facility code (or the district's own)
  std::string name;  // "Puskesmas Kedungmundu"
  std::string kecamatan_code;
};

struct Posyandu {
  RecordMeta meta;
  std::string name;
  std::string village_code;
  std::vector<Id> cadre_ids;   // the users who run it
  std::string puskesmas_code;  // the puskesmas it reports to (may be empty)
};

enum class WaterSource : uint8_t {
  kUnknown = 0,
  kBottled,        // bottled or refill: safe
  kPiped,          // safe
  kDrilledWell,    // safe
  kProtectedWell,  // safe
  kUnprotectedWell,
  kSpring,
  kRiver,
  kRain,
  kOther,
};
bool IsSafeWater(WaterSource source);

enum class Latrine : uint8_t { kUnknown = 0, kNone, kWithoutSepticTank, kWithSepticTank };

struct Household {
  RecordMeta meta;
  std::string kk;  // No. KK, 16 digits
  std::string head_name;
  std::string address;
  std::string rt, rw;
  std::string village_code;
  WaterSource water = WaterSource::kUnknown;
  Latrine latrine = Latrine::kUnknown;
  // The mother's "4 terlalu": too young (< 20), too old (> 35), births too
  // close (< 2 years), too many (> 3 children).
  bool mother_too_young = false, mother_too_old = false, births_too_close = false,
       too_many_children = false;
  std::optional<bool> smoker_in_house;
  std::optional<int> welfare_decile;  // 1 = poorest
  // Derived (BKKBN): unsafe water, no latrine or no septic tank, or any "terlalu".
  bool AtRiskOfStunting() const;
};

// A mother or other caregiver.
struct Person {
  RecordMeta meta;
  std::string name;
  std::string nik;  // 16 digits, may be empty
  std::string phone;
  std::optional<int> birth_date;
  Id household_id;
};

enum class ChildStatus : uint8_t { kActive = 1, kMoved, kDied, kAgedOut };

struct Consent {
  std::string given_by;  // the parent's or guardian's name
  int64_t given_at = 0;  // Unix seconds
  std::string purpose;   // what the data may be used for
};

struct Child {
  RecordMeta meta;
  std::string name;
  growth::Sex sex = growth::Sex::kUnknown;
  int birth_date = 0;
  std::string nik;  // optional, 16 digits
  std::optional<int> birth_weight_g;
  std::optional<int> birth_length_mm;
  std::optional<int> child_order;
  Id mother_id;
  Id household_id;
  Id posyandu_id;
  std::string village_code;  // the household's, kept here for scoping and lists
  ChildStatus status = ChildStatus::kActive;
  Consent consent;
  bool has_kia_book = false;  // has a KIA/KMS book: the K of SKDN
};

// N/T/O/B of a weighing against the previous month (SKDN, domain.md).
enum class WeightGain : uint8_t {
  kNone = 0,   // no weight, or not a monthly weighing
  kNaik,       // N: gained at least the KBM
  kTidakNaik,  // T: gained less than the KBM, flat or down
  kOld,        // O: not weighed last month
  kBaru,       // B: first weighing ever
};

struct Measurement {
  RecordMeta meta;
  Id child_id;
  int measured_on = 0;  // day number
  std::optional<int> weight_g;
  std::optional<int> length_mm;
  growth::Posture posture = growth::Posture::kUnknown;
  std::optional<int> head_mm;
  std::optional<int> muac_mm;
  bool oedema = false;
  bool vitamin_a = false;
  std::optional<int> supplementary_food_g;  // PMT received
  std::string notes;
  Id measured_by;

  // Derived (a cache: recomputable from the raw values and the child).
  int age_days = 0;
  growth::Assessment assessment;
  WeightGain gain = WeightGain::kNone;
  uint8_t referral = 0;  // ReferralReason bits (model/referral.h): refer to the puskesmas
  bool flagged() const;  // any WHO implausibility flag
};

enum class VisitPurpose : uint8_t {
  kAccompaniment = 1,
  kCheckChild,
  kEducation,
  kAidDelivery,
  kVerifySocialAid,
  kReferral,
};

enum class AidSource : uint8_t {
  kApbd = 1,
  kCsr,
  kBaznas,
  kDonation,      // members' donations
  kFosterParent,  // BAAS, GENTING
  kOther,
};

struct AidItem {
  std::string type;  // "telur", "beras", "PMT biskuit", "uang tunai"
  double quantity = 0;
  std::string unit;  // "butir", "kg", "paket", "Rp"
  AidSource source = AidSource::kOther;
};

// What the visitor saw: unknown, yes or no for each.
struct VisitObservations {
  std::optional<bool> clean_water, latrine, smoking_at_home, exclusive_breastfeeding,
      immunisation_complete, anc_for_pregnant_mother;
};

struct Visit {
  RecordMeta meta;
  Id household_id;
  int64_t visited_at = 0;  // Unix seconds
  Id visitor_id;
  std::string visitor_name;
  Role visitor_role = Role::kBabinsa;
  std::string visitor_unit;
  std::vector<Id> people_seen;  // children or the pregnant mother
  VisitPurpose purpose = VisitPurpose::kAccompaniment;
  VisitObservations observed;
  std::vector<AidItem> aid;
  std::optional<bool> child_ate_aid;
  std::optional<int> follow_up_on;  // day number
  std::string referral;             // empty: no referral
  std::string notes;
};

// A child or family given to a companion (a user, or an organisation).
struct Assignment {
  RecordMeta meta;
  Id child_id;  // one of child_id / household_id
  Id household_id;
  Id assignee_id;  // a user, or empty when an organisation
  std::string organisation;
  int from_day = 0;
  std::optional<int> to_day;
};

// kReferralOutcome: a health worker records what came of a referral (the
// comment); the child leaves the "to refer" list.
enum class ReviewDecision : uint8_t { kVerified = 1, kSentBack, kReferralOutcome };
enum class ReviewTarget : uint8_t { kMeasurement = 1, kVisit };

// A supervisor's verdict; its own record, so it never overwrites an edit.
struct Review {
  RecordMeta meta;
  ReviewTarget target = ReviewTarget::kMeasurement;
  Id target_id;
  Id reviewer_id;
  ReviewDecision decision = ReviewDecision::kVerified;
  std::string comment;
  int64_t reviewed_at = 0;
};

}  // namespace core::model
