#include "Cores.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Threading.h"

#include <algorithm>

namespace racelint {

namespace {

/// Cores for \p Quota microseconds of CPU per \p Period: rounded up.
unsigned coresFor(uint64_t Quota, uint64_t Period) {
  uint64_t Cores = (Quota + Period - 1) / Period;
  return static_cast<unsigned>(std::clamp<uint64_t>(Cores, 1, 1u << 20));
}

/// \p Group and each group above it, up to the root: `/a/b`, `/a`, ``.
llvm::SmallVector<std::string, 4> groupAndParents(llvm::StringRef Group) {
  llvm::SmallVector<std::string, 4> Out;
  Group = Group.rtrim('/');
  for (;;) {
    Out.push_back(Group.str());
    if (Group.empty())
      return Out;
    Group = Group.take_front(Group.rfind('/'));
  }
}

} // namespace

std::optional<unsigned> cgroupQuotaCores(
    llvm::StringRef ProcCgroup,
    llvm::function_ref<std::optional<std::string>(llvm::StringRef Path)>
        ReadFile) {
  std::optional<unsigned> Best;
  auto Take = [&](unsigned Cores) {
    Best = Best ? std::min(*Best, Cores) : Cores;
  };
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  ProcCgroup.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines) {
    // `ID:CONTROLLERS:PATH`; cgroup v2 is `0::PATH`.
    auto [Id, Rest] = Line.split(':');
    auto [Controllers, Group] = Rest.split(':');
    if (!Group.startswith("/"))
      continue;
    if (Id == "0" && Controllers.empty()) {
      for (const std::string &G : groupAndParents(Group)) {
        std::optional<std::string> Max = ReadFile(G + "/cpu.max");
        if (!Max)
          continue;
        // `QUOTA PERIOD`, or `max PERIOD` for none.
        auto [Quota, Period] = llvm::StringRef(*Max).trim().split(' ');
        uint64_t Q = 0, P = 0;
        if (!Quota.getAsInteger(10, Q) && !Period.getAsInteger(10, P) &&
            Q > 0 && P > 0)
          Take(coresFor(Q, P));
      }
      continue;
    }
    llvm::SmallVector<llvm::StringRef, 4> Names;
    Controllers.split(Names, ',');
    if (!llvm::is_contained(Names, "cpu"))
      continue;
    // v1 mounts the controller at /sys/fs/cgroup/cpu (often a link to
    // cpu,cpuacct) or at the folder named by the whole list.
    for (std::string Mount : {std::string("cpu"), Controllers.str()}) {
      bool Found = false;
      for (const std::string &G : groupAndParents(Group)) {
        std::optional<std::string> Quota =
            ReadFile("/" + Mount + G + "/cpu.cfs_quota_us");
        std::optional<std::string> Period =
            ReadFile("/" + Mount + G + "/cpu.cfs_period_us");
        if (!Quota || !Period)
          continue;
        Found = true;
        int64_t Q = 0; // -1: no quota
        uint64_t P = 0;
        if (!llvm::StringRef(*Quota).trim().getAsInteger(10, Q) &&
            !llvm::StringRef(*Period).trim().getAsInteger(10, P) && Q > 0 &&
            P > 0)
          Take(coresFor(static_cast<uint64_t>(Q), P));
      }
      if (Found)
        break;
    }
  }
  return Best;
}

unsigned availableCores() {
  static const unsigned Cores = [] {
    unsigned N =
        std::max(1u, llvm::hardware_concurrency().compute_thread_count());
    auto Read = [](llvm::StringRef Path) -> std::optional<std::string> {
      auto B = llvm::MemoryBuffer::getFileAsStream("/sys/fs/cgroup" + Path);
      if (!B)
        return std::nullopt;
      return (*B)->getBuffer().str();
    };
    auto Self = llvm::MemoryBuffer::getFileAsStream("/proc/self/cgroup");
    if (Self)
      if (std::optional<unsigned> Q =
              cgroupQuotaCores((*Self)->getBuffer(), Read))
        N = std::min(N, *Q);
    return N;
  }();
  return Cores;
}

} // namespace racelint
