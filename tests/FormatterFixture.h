#pragma once

#include "TestSupport.h"

#include "Driver.h"
#include "ProjectAnalysis.h"

#include <memory>

namespace racelint {
namespace test {

/// A run over one small file whose findings are then replaced by
/// hand-written ones (with related locations, a flow and a verdict), so that
/// the output formats can be checked whatever the rules find.
inline std::unique_ptr<ProjectAnalysis> syntheticResult(const TempDir &T) {
  std::string Path = T.write("cache.py", "import threading\n"
                                         "cache = {}\n"
                                         "def worker(k):\n"
                                         "    if k not in cache:\n"
                                         "        cache[k] = k * 2\n");
  ProjectOptions Opts;
  Opts.Isolated = true;
  auto Setup = Driver::setup(Opts, T.path());
  if (!Setup)
    return nullptr;
  auto R = ProjectAnalysis::run({Path}, Setup->Models, Setup->Analysis);
  Diagnostic D;
  D.Rule = "check-then-act";
  D.Path = Path;
  D.Range = {5, 9, 5, 17};
  D.StatementLine = 5;
  D.Message = "`cache[k]` is stored after a test of `k not in cache` that "
              "another thread may invalidate";
  D.Fix = "use `cache.setdefault(k, v)` or hold one lock across both";
  D.Related.push_back({Path, 4, 8, "the test of `cache`"});
  D.Flow.push_back({Path, 4, 8, "thread A tests `cache`"});
  D.Flow.push_back({Path, 5, 9, "thread B stores into `cache`"});
  D.SharedState = "module global cache";
  D.Result = Verdict{"confirmed", "thread B passed the test while thread A "
                                  "sat between test and store"};
  R->Diagnostics = {D};
  R->Errors.push_back({T.file("broken.py"), "contains a NUL byte (line 1): "
                                            "binary file, not Python source"});
  return R;
}

} // namespace test
} // namespace racelint
