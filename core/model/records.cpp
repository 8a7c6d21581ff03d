#include "model/records.h"

namespace core::model {

bool IsSafeWater(WaterSource source) {
  switch (source) {
    case WaterSource::kBottled:
    case WaterSource::kPiped:
    case WaterSource::kDrilledWell:
    case WaterSource::kProtectedWell:
      return true;
    default:
      return false;
  }
}

bool Household::AtRiskOfStunting() const {
  const bool unsafe_water = water != WaterSource::kUnknown && !IsSafeWater(water);
  const bool bad_latrine = latrine == Latrine::kNone || latrine == Latrine::kWithoutSepticTank;
  return unsafe_water || bad_latrine || mother_too_young || mother_too_old || births_too_close ||
         too_many_children;
}

bool Measurement::flagged() const {
  for (const growth::Score& s : assessment.scores) {
    if (s.exists() && s.flagged) return true;
  }
  return false;
}

}  // namespace core::model
