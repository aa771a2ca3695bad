#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace racelint {

/// The cores this process may use: the processors it may run on, fewer
/// when its control group has a CPU quota (a container started with
/// `--cpus 2`, a CI runner), as Rust's `available_parallelism` and the JVM
/// count them. Computed once.
unsigned availableCores();

/// The whole cores a CPU quota allows (rounded up; at least 1), or none
/// when there is no quota. \p ProcCgroup is the text of /proc/self/cgroup;
/// \p ReadFile returns a file's text under /sys/fs/cgroup, or nothing.
/// Looks at the process's group and every group above it (a limit on a
/// parent holds for its children): cgroup v2's `cpu.max`, cgroup v1's
/// `cpu.cfs_quota_us` and `cpu.cfs_period_us`.
std::optional<unsigned> cgroupQuotaCores(
    llvm::StringRef ProcCgroup,
    llvm::function_ref<std::optional<std::string>(llvm::StringRef Path)>
        ReadFile);

} // namespace racelint
