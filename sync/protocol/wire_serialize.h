// cereal serialize functions of the wire types and the records: one place for
// the JSON layout that docs/sync-protocol.md describes. Ids travel as text,
// weights and lengths as integers (grams, millimetres), dates as day numbers.
// Include the cereal archive and type headers first (wire.cpp does).
#pragma once

#include <cereal/cereal.hpp>

#include "wire.h"

namespace core::model {

template <class Archive>
std::string save_minimal(const Archive&, const Id& id) {
  return id.ToString();
}
template <class Archive>
void load_minimal(const Archive&, Id& id, const std::string& text) {
  if (text.empty()) {
    id = Id{};
    return;
  }
  auto parsed = Id::Parse(text);
  if (!parsed) throw cereal::Exception("not an id: " + text);
  id = *parsed;
}

template <class Archive>
void serialize(Archive& ar, Posyandu& p) {
  ar(cereal::make_nvp("id", p.meta.id), cereal::make_nvp("name", p.name),
     cereal::make_nvp("village", p.village_code), cereal::make_nvp("cadres", p.cadre_ids));
  // "puskesmas" came later: a change from an older tablet has none.
  if constexpr (Archive::is_loading::value) {
    try {
      ar(cereal::make_nvp("puskesmas", p.puskesmas_code));
    } catch (const cereal::Exception&) {
      p.puskesmas_code.clear();
    }
  } else {
    ar(cereal::make_nvp("puskesmas", p.puskesmas_code));
  }
}
template <class Archive>
void serialize(Archive& ar, Household& h) {
  ar(cereal::make_nvp("id", h.meta.id), cereal::make_nvp("kk", h.kk),
     cereal::make_nvp("head", h.head_name), cereal::make_nvp("address", h.address),
     cereal::make_nvp("rt", h.rt), cereal::make_nvp("rw", h.rw),
     cereal::make_nvp("village", h.village_code), cereal::make_nvp("water", h.water),
     cereal::make_nvp("latrine", h.latrine), cereal::make_nvp("too_young", h.mother_too_young),
     cereal::make_nvp("too_old", h.mother_too_old),
     cereal::make_nvp("too_close", h.births_too_close),
     cereal::make_nvp("too_many", h.too_many_children),
     cereal::make_nvp("smoker", h.smoker_in_house), cereal::make_nvp("decile", h.welfare_decile));
}
template <class Archive>
void serialize(Archive& ar, Person& p) {
  ar(cereal::make_nvp("id", p.meta.id), cereal::make_nvp("name", p.name),
     cereal::make_nvp("nik", p.nik), cereal::make_nvp("phone", p.phone),
     cereal::make_nvp("born", p.birth_date), cereal::make_nvp("household", p.household_id));
}
template <class Archive>
void serialize(Archive& ar, Consent& c) {
  ar(cereal::make_nvp("by", c.given_by), cereal::make_nvp("at", c.given_at),
     cereal::make_nvp("purpose", c.purpose));
}
template <class Archive>
void serialize(Archive& ar, Child& c) {
  ar(cereal::make_nvp("id", c.meta.id), cereal::make_nvp("name", c.name),
     cereal::make_nvp("sex", c.sex), cereal::make_nvp("born", c.birth_date),
     cereal::make_nvp("nik", c.nik), cereal::make_nvp("birth_weight_g", c.birth_weight_g),
     cereal::make_nvp("birth_length_mm", c.birth_length_mm),
     cereal::make_nvp("order", c.child_order), cereal::make_nvp("mother", c.mother_id),
     cereal::make_nvp("household", c.household_id), cereal::make_nvp("posyandu", c.posyandu_id),
     cereal::make_nvp("village", c.village_code), cereal::make_nvp("status", c.status),
     cereal::make_nvp("consent", c.consent));
  // "kia" came later: a change from an older tablet has none (no book recorded).
  if constexpr (Archive::is_loading::value) {
    try {  // cereal's JSON reader finds it in any order, and throws (moving nothing) without it
      ar(cereal::make_nvp("kia", c.has_kia_book));
    } catch (const cereal::Exception&) {
      c.has_kia_book = false;
    }
  } else {
    ar(cereal::make_nvp("kia", c.has_kia_book));
  }
}
template <class Archive>
void serialize(Archive& ar, Measurement& m) {
  // Raw values only: age, z-scores, labels and N/T/O/B are derived on arrival.
  ar(cereal::make_nvp("id", m.meta.id), cereal::make_nvp("child", m.child_id),
     cereal::make_nvp("on", m.measured_on), cereal::make_nvp("weight_g", m.weight_g),
     cereal::make_nvp("length_mm", m.length_mm), cereal::make_nvp("posture", m.posture),
     cereal::make_nvp("head_mm", m.head_mm), cereal::make_nvp("muac_mm", m.muac_mm),
     cereal::make_nvp("oedema", m.oedema), cereal::make_nvp("vit_a", m.vitamin_a),
     cereal::make_nvp("pmt_g", m.supplementary_food_g), cereal::make_nvp("notes", m.notes),
     cereal::make_nvp("by", m.measured_by));
}
template <class Archive>
void serialize(Archive& ar, AidItem& a) {
  ar(cereal::make_nvp("type", a.type), cereal::make_nvp("quantity", a.quantity),
     cereal::make_nvp("unit", a.unit), cereal::make_nvp("source", a.source));
}
template <class Archive>
void serialize(Archive& ar, VisitObservations& o) {
  ar(cereal::make_nvp("water", o.clean_water), cereal::make_nvp("latrine", o.latrine),
     cereal::make_nvp("smoking", o.smoking_at_home),
     cereal::make_nvp("breastfeeding", o.exclusive_breastfeeding),
     cereal::make_nvp("immunisation", o.immunisation_complete),
     cereal::make_nvp("anc", o.anc_for_pregnant_mother));
}
template <class Archive>
void serialize(Archive& ar, Visit& v) {
  ar(cereal::make_nvp("id", v.meta.id), cereal::make_nvp("household", v.household_id),
     cereal::make_nvp("at", v.visited_at), cereal::make_nvp("visitor", v.visitor_id),
     cereal::make_nvp("visitor_name", v.visitor_name),
     cereal::make_nvp("visitor_role", v.visitor_role), cereal::make_nvp("unit", v.visitor_unit),
     cereal::make_nvp("seen", v.people_seen), cereal::make_nvp("purpose", v.purpose),
     cereal::make_nvp("observed", v.observed), cereal::make_nvp("aid", v.aid),
     cereal::make_nvp("ate_aid", v.child_ate_aid), cereal::make_nvp("follow_up", v.follow_up_on),
     cereal::make_nvp("referral", v.referral), cereal::make_nvp("notes", v.notes));
}
template <class Archive>
void serialize(Archive& ar, Assignment& a) {
  ar(cereal::make_nvp("id", a.meta.id), cereal::make_nvp("child", a.child_id),
     cereal::make_nvp("household", a.household_id), cereal::make_nvp("assignee", a.assignee_id),
     cereal::make_nvp("organisation", a.organisation), cereal::make_nvp("from", a.from_day),
     cereal::make_nvp("to", a.to_day));
}
template <class Archive>
void serialize(Archive& ar, Review& r) {
  ar(cereal::make_nvp("id", r.meta.id), cereal::make_nvp("target", r.target),
     cereal::make_nvp("target_id", r.target_id), cereal::make_nvp("reviewer", r.reviewer_id),
     cereal::make_nvp("decision", r.decision), cereal::make_nvp("comment", r.comment),
     cereal::make_nvp("at", r.reviewed_at));
}

}  // namespace core::model

namespace syncing::protocol {

template <class Archive>
void serialize(Archive& ar, Change& c) {
  ar(cereal::make_nvp("change_id", c.change_id), cereal::make_nvp("record_id", c.record_id),
     cereal::make_nvp("entity", c.entity), cereal::make_nvp("op", c.op),
     cereal::make_nvp("hlc", c.hlc), cereal::make_nvp("device", c.device),
     cereal::make_nvp("area", c.area), cereal::make_nvp("seq", c.seq),
     cereal::make_nvp("record", c.record));
}
template <class Archive>
void serialize(Archive& ar, EnrolRequest& v) {
  ar(cereal::make_nvp("user", v.user), cereal::make_nvp("password", v.password),
     cereal::make_nvp("device", v.device));
}
template <class Archive>
void serialize(Archive& ar, Profile& v) {
  ar(cereal::make_nvp("user_id", v.user_id), cereal::make_nvp("name", v.name),
     cereal::make_nvp("role", v.role), cereal::make_nvp("area", v.area));
}
template <class Archive>
void serialize(Archive& ar, EnrolResponse& v) {
  ar(cereal::make_nvp("token", v.token), cereal::make_nvp("profile", v.profile));
}
template <class Archive>
void serialize(Archive& ar, PushRequest& v) {
  ar(cereal::make_nvp("changes", v.changes));
}
template <class Archive>
void serialize(Archive& ar, Refusal& v) {
  ar(cereal::make_nvp("change_id", v.change_id), cereal::make_nvp("reason", v.reason));
}
template <class Archive>
void serialize(Archive& ar, PushResponse& v) {
  ar(cereal::make_nvp("acknowledged", v.acknowledged), cereal::make_nvp("refused", v.refused));
}
template <class Archive>
void serialize(Archive& ar, PullResponse& v) {
  ar(cereal::make_nvp("changes", v.changes), cereal::make_nvp("next", v.next),
     cereal::make_nvp("more", v.more), cereal::make_nvp("remaining", v.remaining));
}
template <class Archive>
void serialize(Archive& ar, ErrorBody& v) {
  ar(cereal::make_nvp("error", v.error));
}

}  // namespace syncing::protocol
