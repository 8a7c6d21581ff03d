// Validation of what field users enter. Every rule returns the refused field
// and a translation key, so a form can show each message beside its field in
// the user's language; nothing is written while a problem remains.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "model/records.h"
#include "util/result.h"

namespace core::model {

// Field limits (growth values outside them are impossible, not just unusual).
inline constexpr int kMinWeightG = 500, kMaxWeightG = 60000;
inline constexpr int kMinLengthMm = 380, kMaxLengthMm = 1300;
inline constexpr int kMinHeadMm = 250, kMaxHeadMm = 600;
inline constexpr int kMinMuacMm = 60, kMaxMuacMm = 300;

// Text limits, in bytes of UTF-8 (a name of 100 bytes is 33 to 100 letters).
inline constexpr size_t kMaxNameBytes = 120, kMaxAddressBytes = 300, kMaxRtRwBytes = 5;
inline constexpr size_t kMaxPhoneBytes = 20, kMaxNotesBytes = 2000, kMaxListItems = 50;
inline constexpr int kMaxSupplementaryFoodG = 100000;
inline constexpr double kMaxAidQuantity = 1e9;
// A registered child was born at most this long ago (an aged-out child stays).
inline constexpr int kMaxChildAgeDays = 20 * 366;
// A child registered now was born at most this many years ago (balita, with a
// year's slack for a child registered late).
inline constexpr int kMaxNewChildAgeYears = 6;

bool IsDigits(std::string_view text, size_t count);
// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool IsUtf8(std::string_view text);
// A Kemendagri code without dots: 2, 4, 6 or 10 digits.
bool IsAreaCode(std::string_view code);
// One of Indonesia's 38 province codes (11-19, 21, 31-36, 51-53, 61-65,
// 71-76, 81-82, 91-96).
bool IsProvinceCode(std::string_view two_digits);
// A desa or kelurahan: 10 digits in an existing province, the last 4 starting
// with 2 (desa) or 1 (kelurahan).
bool IsVillageCode(std::string_view code);
// Formats "3373041001" as "33.73.04.1001" for display.
std::string FormatAreaCode(std::string_view code);

std::vector<Problem> ValidateArea(const Area& area);
std::vector<Problem> ValidateUser(const User& user);
std::vector<Problem> ValidatePosyandu(const Posyandu& posyandu);
std::vector<Problem> ValidatePuskesmas(const Puskesmas& puskesmas);
std::vector<Problem> ValidateHousehold(const Household& household);
std::vector<Problem> ValidatePerson(const Person& person, int today);
std::vector<Problem> ValidateChild(const Child& child, int today);
// A child registered now (not an edit): ValidateChild, and born at most
// kMaxNewChildAgeYears ago.
std::vector<Problem> ValidateNewChild(const Child& child, int today);
// `birth_date` is the child's. A measurement is of a balita: measured before
// 60 completed months (model/age.h), else refused (the child has left balita age).
std::vector<Problem> ValidateMeasurement(const Measurement& m, int birth_date, int today);
std::vector<Problem> ValidateVisit(const Visit& visit, int64_t now_s);
std::vector<Problem> ValidateAssignment(const Assignment& assignment);
std::vector<Problem> ValidateReview(const Review& review);

// Refusals: a NIK that cannot exist (an empty one is allowed): not 16 digits,
// all zeros, a province that does not exist, serial 0000.
std::vector<Problem> NikProblems(std::string_view nik);

// Warnings, not refusals (registrations have errors): a NIK whose DDMMYY does
// not match the birth date (women: day + 40), or whose day says the other sex.
std::vector<Problem> NikWarnings(std::string_view nik, int birth_date, growth::Sex sex);
// The same for a mother (a woman: day + 40), whose birth date may be unknown.
std::vector<Problem> MotherNikWarnings(std::string_view nik, std::optional<int> birth_date);

}  // namespace core::model
