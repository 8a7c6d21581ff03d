// The wire format: what the compact writer produces is the JSON cereal's own
// archive writes (same document, as RapidJSON compares them), and every record
// reads back as it was, awkward text and numbers included.
// clang-format off
#include "json_streams.h"  // as in wire.cpp: before cereal's JSON
#include <cereal/archives/json.hpp>  // before any RapidJSON: it makes RapidJSON's asserts throw
// clang-format on
#include <gtest/gtest.h>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>

#include <sstream>

#include "change_texts.h"
#include "json_guard.h"
#include "wire.h"
#include "wire_serialize.h"

namespace syncing::protocol {
namespace {

using namespace core::model;

Id IdOf(const char* text) {
  return *Id::Parse(text);
}

// Text a cadre might type, plus every byte JSON must escape.
const std::string kAwkward = "Ibu \"Siti\" \\ Nurhaliza\nRT 03/RW 05\t\x01\x1f\b\f\r – ñ 子";

Change Wrap(Record record, const std::string& entity, const Id& id) {
  Change c;
  c.change_id = "01a2123f-a673-7838-b8a1-3123c8b6f6f0:132";
  c.record_id = id.ToString();
  c.entity = entity;
  c.op = "upsert";
  c.hlc = 117676604850176000ULL;
  c.device = "01a2123f-a673-7838-b8a1-3123c8b6f6f0";
  c.area = "3322012014";
  c.seq = -1;
  c.record = std::move(record);
  return c;
}

std::vector<Change> Samples() {
  const Id a = IdOf("01a2123f-a678-7985-8185-7047b7493469");
  const Id b = IdOf("01a2123f-a677-7705-acaf-8763f9ec9e95");
  std::vector<Change> out;

  Measurement m;
  m.meta.id = a;
  m.child_id = b;
  m.measured_on = 20778;
  m.weight_g = 3300;
  m.posture = core::growth::Posture::kLying;
  m.oedema = true;
  m.notes = kAwkward;
  out.push_back(Wrap(m, "measurement", a));

  Visit v;
  v.meta.id = a;
  v.household_id = b;
  v.visited_at = -5;
  v.visitor_name = kAwkward;
  v.people_seen = {a, b};
  v.observed.clean_water = false;
  v.observed.smoking_at_home = true;
  v.aid = {{"telur", 10, "butir", AidSource::kCsr},
           {"beras", 2.5, "kg", AidSource::kApbd},
           {"susu", 0.1, "liter", AidSource::kOther},
           {"uang tunai", 1.5e-7, "Rp", AidSource::kBaznas}};
  v.follow_up_on = 0;
  out.push_back(Wrap(v, "visit", a));

  Posyandu p;
  p.meta.id = a;
  p.name = "";
  p.village_code = "3322012014";
  out.push_back(Wrap(p, "posyandu", a));  // an empty list

  Child c;
  c.meta.id = b;
  c.name = kAwkward;
  c.sex = core::growth::Sex::kFemale;
  c.birth_weight_g = 2400;
  c.consent = {"Siti", 1767705222, "posyandu"};
  out.push_back(Wrap(c, "child", b));

  Household h;
  h.welfare_decile = 1;
  out.push_back(Wrap(h, "household", a));
  out.push_back(Wrap(Person{}, "person", a));
  out.push_back(Wrap(Assignment{}, "assignment", a));
  Review r;
  r.comment = kAwkward;
  out.push_back(Wrap(r, "review", a));

  Change tombstone = Wrap(std::monostate{}, "child", b);
  tombstone.op = "tombstone";
  out.push_back(tombstone);
  return out;
}

// The same value through cereal's own JSON archive.
std::string CerealJson(const PushRequest& request) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(out);
    archive(cereal::make_nvp("v", const_cast<PushRequest&>(request)));
  }
  return out.str();
}

rapidjson::Document Dom(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str(), json.size());
  EXPECT_FALSE(d.HasParseError()) << json;
  return d;
}

TEST(WireTest, TheCompactWriterWritesTheDocumentCerealsArchiveWrites) {
  const PushRequest request{Samples()};
  const std::string compact = ToJson(request);
  const std::string reference = CerealJson(request);
  EXPECT_EQ(Dom(compact), Dom(reference)) << compact << "\n---\n" << reference;
  EXPECT_LT(compact.size(), reference.size());
  EXPECT_EQ(compact.find('\n'), std::string::npos);  // escaped inside strings
}

TEST(WireTest, EveryRecordReadsBackAsItWas) {
  for (const Change& c : Samples()) {
    const std::string json = ToJson(c);
    auto back = ParseChange(json);
    ASSERT_TRUE(back) << back.error().message << "\n" << json;
    EXPECT_EQ(back->change_id, c.change_id);
    EXPECT_EQ(back->hlc, c.hlc);
    EXPECT_EQ(back->seq, c.seq);
    EXPECT_EQ(back->record.index(), c.record.index());
    EXPECT_EQ(ToJson(*back), json);  // nothing lost or changed on the way
  }
  auto visit = ParseChange(ToJson(Samples()[1]));
  ASSERT_TRUE(visit);
  const auto& v = std::get<Visit>(visit->record);
  EXPECT_EQ(v.visitor_name, kAwkward);
  ASSERT_EQ(v.aid.size(), 4u);
  EXPECT_EQ(v.aid[2].quantity, 0.1);
  EXPECT_EQ(v.aid[3].quantity, 1.5e-7);
  EXPECT_EQ(v.observed.clean_water, std::optional<bool>(false));
  EXPECT_FALSE(v.observed.latrine.has_value());
}

// Finding 7: the KIA/KMS book (the K of SKDN) travels with the child; a change
// from a tablet that predates it reads as "no book recorded".
TEST(WireTest, TheKiaBookTravelsAndIsFalseWhenAnOlderTabletSendsNone) {
  Child c;
  c.meta.id = Id::Parse("01a2123f-a673-7838-b8a1-3123c8b6f6f0").value();
  c.name = "Nabila";
  c.has_kia_book = true;
  const std::string json = ToJson(Wrap(c, "child", c.meta.id));
  auto back = ParseChange(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(std::get<Child>(back->record).has_kia_book);
  std::string older = json;
  const size_t at = older.find(",\"kia\":true");
  ASSERT_NE(at, std::string::npos) << json;
  older.erase(at, std::string(",\"kia\":true").size());
  auto old = ParseChange(older);
  ASSERT_TRUE(old) << old.error().message << "\n" << older;
  EXPECT_FALSE(std::get<Child>(old->record).has_kia_book);
  EXPECT_EQ(std::get<Child>(old->record).name, "Nabila");
}

TEST(WireTest, AnotherClientsSpacingAndOrderAreRead) {
  auto parsed = ParsePushResponse(
      " {\n \"v\" : { \"refused\" : [ ] ,\t\"acknowledged\" : [ \"d:1\" , \"d:2\" ] } }\n");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->acknowledged, (std::vector<std::string>{"d:1", "d:2"}));
}

TEST(WireTest, BrokenTruncatedOrIllTypedBodiesAreErrorsNotCrashes) {
  const std::string whole = ToJson(PushRequest{Samples()});
  for (size_t cut : {size_t{0}, size_t{1}, whole.size() / 3, whole.size() / 2, whole.size() - 1}) {
    EXPECT_FALSE(ParsePushRequest(whole.substr(0, cut))) << cut;
  }
  EXPECT_FALSE(ParsePushRequest(std::string("{\"v\":{}}\0{\"v\":{}}", 16)));
  EXPECT_FALSE(ParsePushRequest("{\"v\":{\"changes\":[{\"change_id\":5}]}}"));
  EXPECT_FALSE(ParsePushRequest("{\"v\":{\"changes\":\"all of them\"}}"));
  EXPECT_TRUE(ParsePushRequest(whole));
}

TEST(WireTest, APushBodysChangeTextsAreFoundOnlyInThisClientsLayout) {
  const PushRequest request{Samples()};
  const std::string body = ToJson(request);
  auto texts = PushChangeTexts(body);
  ASSERT_TRUE(texts);
  ASSERT_EQ(texts->size(), request.changes.size());
  for (size_t i = 0; i < texts->size(); ++i) {  // brackets, quotes and commas inside strings
    auto back = ParseChange("{\"v\":" + std::string((*texts)[i]) + "}");
    ASSERT_TRUE(back) << (*texts)[i];
    EXPECT_EQ(ToJson(*back), ToJson(request.changes[i]));
  }
  EXPECT_EQ(PushChangeTexts(R"({"v":{"changes":[]}})")->size(), 0u);
  EXPECT_EQ(PushChangeTexts(R"({"v":{"changes":[1,"a\"],",{"b":[2]}]}})")->size(), 3u);
  // Any other layout is left to the full parse (and each change encoded again).
  for (const char* other : {
           R"({ "v": {"changes": []}})",                    // spacing
           R"({"v":{"changes":[1]},"v":{"changes":[2]}})",  // a second member
           R"({"v":{"changes":[1],"x":[2]}})",              // one after the array
           R"({"v":{"changes":[{"a":1}}]}})",               // unbalanced
           R"({"v":{"changes":[1,]}})",                     // an empty element
           R"({"v":{"changes":["open]}})",                  // an open string
           R"({"v":{"chang\u0065s":[1]}})",                 // an escaped name
       }) {
    EXPECT_FALSE(PushChangeTexts(other)) << other;
  }
}

}  // namespace
}  // namespace syncing::protocol

// What the guard keeps from RapidJSON: deep nesting, NaN/Infinity, and the
// zero-with-exponent numbers it misreads; ordinary JSON passes.
TEST(JsonGuard, RefusesWhatTheParserCannotTakeAndPassesOrdinaryJson) {
  using syncing::protocol::JsonGuardProblem;
  EXPECT_EQ(
      JsonGuardProblem(R"({"v":{"a":[1,-2.5,0,0.0,-0,1e5,2E-3,true,false,null,"NaN 0e60 [[["]}})"),
      nullptr);
  EXPECT_NE(JsonGuardProblem(std::string(17, '[') + std::string(17, ']')), nullptr);
  EXPECT_EQ(JsonGuardProblem(std::string(16, '[') + std::string(16, ']')), nullptr);
  EXPECT_NE(JsonGuardProblem(R"({"q":Infinity})"), nullptr);
  EXPECT_NE(JsonGuardProblem(R"({"q":-Infinity})"), nullptr);
  EXPECT_NE(JsonGuardProblem(R"({"q":NaN})"), nullptr);
  EXPECT_NE(JsonGuardProblem(R"({"q":0e60})"), nullptr);
  EXPECT_NE(JsonGuardProblem(R"({"q":-0.00E+5})"), nullptr);
  EXPECT_EQ(JsonGuardProblem(R"({"q":10e2,"r":0.5e1})"), nullptr);
  // And the wire parser says so instead of reading a wrong number.
  EXPECT_FALSE(
      syncing::protocol::ParseEnrolRequest(R"({"v":{"user":"a","password":"b","device":0.0e60}})"));
}
