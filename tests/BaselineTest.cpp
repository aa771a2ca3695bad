#include "FormatterFixture.h"

#include "Baseline.h"

#include <gtest/gtest.h>

using namespace racelint;
using namespace racelint::test;

TEST(Baseline, RoundTripFiltersKnownFindings) {
  TempDir T;
  auto R = syntheticResult(T);
  ASSERT_TRUE(R);
  std::string File = T.file("baseline.json");
  ASSERT_FALSE(static_cast<bool>(Baseline::fromResult(*R).save(File)));
  auto B = Baseline::load(File);
  ASSERT_TRUE(static_cast<bool>(B)) << llvm::toString(B.takeError());
  ASSERT_EQ(B->entries().size(), 1u);
  EXPECT_EQ(B->entries()[0].Text, "cache[k] = k * 2");

  auto Again = syntheticResult(T);
  std::vector<Baseline::Entry> Gone = B->apply(*Again);
  EXPECT_TRUE(Again->Diagnostics.empty());
  EXPECT_TRUE(Gone.empty());
}

TEST(Baseline, EntriesNoLongerFoundAreReturned) {
  TempDir T;
  auto R = syntheticResult(T);
  ASSERT_TRUE(R);
  Baseline B = Baseline::fromResult(*R);
  R->Diagnostics.clear();
  std::vector<Baseline::Entry> Gone = B.apply(*R);
  ASSERT_EQ(Gone.size(), 1u);
  EXPECT_EQ(Gone[0].Rule, "check-then-act");
}

TEST(Baseline, BadFileIsAnError) {
  TempDir T;
  std::string File = T.write("b.json", "{\"findings\": 3}");
  auto B = Baseline::load(File);
  ASSERT_FALSE(static_cast<bool>(B));
  EXPECT_NE(llvm::toString(B.takeError()).find("not a racelint baseline"),
            std::string::npos);
}
