#pragma once

#include "semantic/Summary.h"

#include <string>

namespace racelint {

class SourceFile;

/// A short, stable text dump of a module summary (one line per event), for
/// unit tests and debugging.
std::string dumpSummary(const ModuleSummary &M, const SourceFile &Src);
/// `Global(mod.x).attr` style spelling of a reference.
std::string dumpRef(const Ref &R);

} // namespace racelint
