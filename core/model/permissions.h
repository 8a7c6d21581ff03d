// Which roles may write which records. The server refuses a change from any
// other role, and the tablet's screens offer the action only to these roles.
#pragma once

#include "model/records.h"

namespace core::model {

// Posyandu, families, people and children: the cadres and health staff who register them.
inline bool MayRegister(Role role) {
  return role == Role::kKader || role == Role::kBidan || role == Role::kTpk ||
         role == Role::kSupervisor || role == Role::kAdmin;
}
// Weighing and measuring.
inline bool MayMeasure(Role role) {
  return role == Role::kKader || role == Role::kBidan || role == Role::kSupervisor ||
         role == Role::kAdmin;
}
// Home visits: every field role.
inline bool MayVisit(Role role) {
  return role >= Role::kKader && role <= Role::kAdmin;
}
// Handing a child or family to a companion.
inline bool MayAssign(Role role) {
  return role == Role::kSupervisor || role == Role::kAdmin;
}
// Verifying or sending back a measurement or a visit.
inline bool MayReview(Role role) {
  return role == Role::kBidan || role == Role::kSupervisor;
}

}  // namespace core::model
