#include "model/referral.h"

namespace core::model {

uint8_t ReferralReasons(const growth::Assessment& a, std::optional<int> muac_mm, int age_months,
                        WeightGain gain, WeightGain previous_month_gain) {
  uint8_t reasons = 0;
  if (gain == WeightGain::kTidakNaik) {
    reasons |= previous_month_gain == WeightGain::kTidakNaik ? kReferTwoT : kReferT;
  }
  if (a.weight_for_age == growth::Status::kSeverelyUnderweight) reasons |= kReferBelowRedLine;
  if (a.height_for_age == growth::Status::kSeverelyStunted) reasons |= kReferSeverelyStunted;
  if (a.weight_for_height == growth::Status::kSeverelyWasted) reasons |= kReferSeverelyWasted;
  if (muac_mm && *muac_mm < kReferMuacBelowMm && age_months >= 6 && age_months < 60) {
    reasons |= kReferLowMuac;
  }
  return reasons;
}

std::vector<const char*> ReferralKeys(uint8_t reasons) {
  static constexpr std::pair<uint8_t, const char*> kKeys[] = {
      {kReferT, "refer.t"},
      {kReferTwoT, "refer.two_t"},
      {kReferBelowRedLine, "refer.below_red_line"},
      {kReferSeverelyStunted, "refer.severely_stunted"},
      {kReferSeverelyWasted, "refer.severely_wasted"},
      {kReferLowMuac, "refer.low_muac"},
  };
  std::vector<const char*> out;
  for (const auto& [bit, key] : kKeys) {
    if (reasons & bit) out.push_back(key);
  }
  return out;
}

}  // namespace core::model
