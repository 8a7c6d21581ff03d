// Writes the JSON seeds of fuzz/corpus/ as the client and the server write
// them (ToJson). Not built by CMake; after a change of the wire format, with
// build-fuzz/ built by fuzz/run.sh:
//   clang++-19 -std=c++23 -fsanitize=address,undefined,fuzzer-no-link \
//     -DFUZZ_CORPUS_DIR='"fuzz/corpus"' -Isync/protocol -Icore fuzz/make_seeds.cpp \
//     build-fuzz/sync/libsync_protocol.a build-fuzz/core/libcore.a \
//     $(pkg-config --libs libdeflate libsodium sqlite3) -o /tmp/make_seeds && /tmp/make_seeds
#include <filesystem>
#include <fstream>
#include <string>

#include "wire.h"

namespace {

using namespace syncing::protocol;
using namespace core::model;

const std::filesystem::path kCorpus = FUZZ_CORPUS_DIR;

void Save(const char* target, const char* name, const std::string& text) {
  std::filesystem::create_directories(kCorpus / target);
  std::ofstream(kCorpus / target / name, std::ios::binary) << text;
}

Change Wrap(Record record, const std::string& entity, const Id& id, int64_t seq) {
  Change c;
  c.change_id = "01a2123f-a673-7838-b8a1-3123c8b6f6f0:" + std::to_string(100 + seq);
  c.record_id = id.ToString();
  c.entity = entity;
  c.op = "upsert";
  c.hlc = 117676604850176000ULL + static_cast<uint64_t>(seq);
  c.device = "01a2123f-a673-7838-b8a1-3123c8b6f6f0";
  c.area = "3322012014";
  c.seq = seq;
  c.record = std::move(record);
  return c;
}

std::vector<Change> Changes(bool pulled) {
  const Id a = *Id::Parse("01a2123f-a678-7985-8185-7047b7493469");
  const Id b = *Id::Parse("01a2123f-a677-7705-acaf-8763f9ec9e95");
  std::vector<Change> out;
  Child c;
  c.meta.id = b;
  c.name = "Siti \"Nur\" Aisyah";
  c.sex = core::growth::Sex::kFemale;
  c.birth_date = 20100;
  c.birth_weight_g = 2400;
  c.village_code = "3322012014";
  c.consent = {"Ibu Siti", 1767705222, "posyandu"};
  out.push_back(Wrap(c, "child", b, pulled ? 41 : 0));
  Measurement m;
  m.meta.id = a;
  m.child_id = b;
  m.measured_on = 20778;
  m.weight_g = 12400;
  m.length_mm = 884;
  m.posture = core::growth::Posture::kStanding;
  m.notes = "rewel\nRT 03/RW 05";
  out.push_back(Wrap(m, "measurement", a, pulled ? 42 : 0));
  Visit v;
  v.meta.id = a;
  v.household_id = b;
  v.visited_at = 1767705222;
  v.visitor_name = "Serda Budi";
  v.people_seen = {b};
  v.aid = {{"telur", 10, "butir", AidSource::kCsr}, {"beras", 2.5, "kg", AidSource::kApbd}};
  v.follow_up_on = 20800;
  out.push_back(Wrap(v, "visit", a, pulled ? 43 : 0));
  Change tombstone = Wrap(std::monostate{}, "child", b, pulled ? 44 : 0);
  tombstone.op = "tombstone";
  out.push_back(tombstone);
  if (!pulled) {
    for (Change& change : out) change.seq = 0;
  }
  return out;
}

}  // namespace

int main() {
  Save("enrol_request", "kader.json",
       ToJson(EnrolRequest{"kader.sumber", "481516", "01a2123f-a673-7838-b8a1-3123c8b6f6f0"}));
  Save("enrol_request", "awkward.json", ToJson(EnrolRequest{"Ibu \"Ani\"\n", "ñ 子 \x01", ""}));
  const std::vector<Change> pushed = Changes(false);
  Save("push_request", "batch.json", ToJson(PushRequest{pushed}));
  Save("push_request", "one_measurement.json", ToJson(PushRequest{{pushed[1]}}));
  Save("push_request", "tombstone.json", ToJson(PushRequest{{pushed[3]}}));
  Save("push_request", "empty.json", ToJson(PushRequest{}));
  const std::vector<Change> pulled = Changes(true);
  Save("pull_response", "page.json", ToJson(PullResponse{pulled, 44, true, 120}));
  Save("pull_response", "last_page.json", ToJson(PullResponse{{pulled[1]}, 42, false, -1}));
  Save("pull_response", "empty_page.json", ToJson(PullResponse{{}, 0, false, 0}));
  Save("pull_response", "change.json", ToJson(pulled[2]));
  Save("pull_response", "enrol_response.json",
       ToJson(EnrolResponse{"tok3n", {"u1", "Bidan Rina", "bidan", "332201"}}));
  Save("pull_response", "push_response.json",
       ToJson(PushResponse{{"d:1", "d:2"}, {{"d:3", "outside the user's area"}}}));
  Save("pull_response", "error.json", ToJson(ErrorBody{"bad request body"}));
  return 0;
}
