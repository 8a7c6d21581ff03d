// Crash safety: a child process writes through the service API and is killed
// with SIGKILL at random moments, many times. After each kill, every write it
// reported done is there with its outbox entry, and the database is intact.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <random>
#include <thread>

#include "store_fixture.h"

namespace core::store::testing {
namespace {

class CrashTest : public StoreTest {};

// Runs in the forked process: writes until killed, reporting each committed
// record id on `fd` (16 bytes: written only after the commit returned).
[[noreturn]] void WriteUntilKilled(const std::string& path, model::Id child, model::Id household,
                                   int fd, uint64_t seed) {
  StoreOptions options;
  options.id_seed = seed;
  auto store = Store::Open(path, options);
  if (!store) _exit(3);
  std::mt19937 rng(static_cast<unsigned>(seed));
  const int today = (*store)->Today();
  for (int i = 0;; ++i) {
    model::Id done;
    if (i % 4 == 3) {
      model::Visit v;
      v.household_id = household;
      v.visited_at = (*store)->NowMs() / 1000 - 60;
      v.visitor_name = "Serda Joko";
      v.aid = {{"telur", 14, "butir", model::AidSource::kFosterParent}};
      auto id = (*store)->LogVisit(v);
      if (!id) _exit(4);
      done = *id;
    } else {
      model::Measurement m;
      m.child_id = child;
      m.measured_on = today - static_cast<int>(rng() % 600);
      m.weight_g = 7000 + static_cast<int>(rng() % 5000);
      m.length_mm = 700 + static_cast<int>(rng() % 200);
      m.posture = growth::Posture::kLying;
      auto saved = (*store)->RecordMeasurement(m);
      if (!saved) _exit(5);
      done = saved->meta.id;
    }
    if (write(fd, done.bytes.data(), 16) != 16) _exit(6);
  }
}

TEST_F(CrashTest, EveryReportedWriteSurvivesSigkill) {
  store_.reset();  // the writer opens its own connection; never share one across fork
  std::mt19937 rng(2026);
  std::vector<model::Id> reported;
  constexpr int kRuns = 40;
  for (int run = 0; run < kRuns; ++run) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      WriteUntilKilled(path_, child_, household_, fds[1], 1000 + run);
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + rng() % 120));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself: " << WEXITSTATUS(status);
    uint8_t buf[16];
    ssize_t n;
    size_t got = 0;
    while ((n = read(fds[0], buf + got, 16 - got)) > 0) {
      got += static_cast<size_t>(n);
      if (got == 16) {
        reported.push_back(model::Id::FromBytes(buf, 16));
        got = 0;
      }
    }
    close(fds[0]);

    Reopen();
    auto stats = store_->Stats();
    ASSERT_TRUE(stats);
    ASSERT_EQ(stats->integrity, "ok") << "after run " << run;
    for (const model::Id& id : reported) {
      auto q = store_->db().Prepare(
          "SELECT (SELECT count(*) FROM measurement WHERE id = ?1) + "
          "(SELECT count(*) FROM visit WHERE id = ?1), "
          "(SELECT count(*) FROM outbox WHERE record_id = ?1)");
      (*q)->BindBlob(1, std::span<const uint8_t>(id.bytes.data(), 16));
      ASSERT_TRUE((*q)->Step().value());
      ASSERT_EQ((*q)->Int(0), 1) << id.ToString() << " lost after run " << run;
      ASSERT_EQ((*q)->Int(1), 1) << id.ToString() << " has no outbox entry";
      (*q)->Reset();
    }
    // And nothing without its outbox entry either (a half-written change).
    ASSERT_EQ(Count("SELECT count(*) FROM measurement m WHERE NOT EXISTS "
                    "(SELECT 1 FROM outbox o WHERE o.record_id = m.id)"),
              0);
    store_.reset();
  }
  EXPECT_GT(reported.size(), static_cast<size_t>(kRuns));  // the runs did write
  Reopen();
}

}  // namespace
}  // namespace core::store::testing
