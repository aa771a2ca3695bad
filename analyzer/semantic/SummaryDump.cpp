#include "semantic/SummaryDump.h"

#include "SourceFile.h"

#include "llvm/Support/raw_ostream.h"

namespace racelint {

std::string dumpRef(const Ref &R) {
  static const char *Kinds[] = {"?", "G", "L", "Self", "Cls", "Super", "Q"};
  std::string S = Kinds[static_cast<int>(R.Base)];
  S += "(" + R.Name.str() + ")";
  for (llvm::StringRef A : R.Attrs)
    S += "." + A.str();
  return S;
}

namespace {
const char *accessName(AccessKind K) {
  switch (K) {
  case AccessKind::Read:
    return "read";
  case AccessKind::Test:
    return "test";
  case AccessKind::Iterate:
    return "iterate";
  case AccessKind::Write:
    return "write";
  case AccessKind::Delete:
    return "delete";
  case AccessKind::MutCall:
    return "mutcall";
  case AccessKind::ReadModifyWrite:
    return "rmw";
  }
  return "?";
}

std::string dumpValue(const Value &V) {
  switch (V.K) {
  case Value::Kind::Other:
    return "other";
  case Value::Kind::Reference:
    return dumpRef(V.R);
  case Value::Kind::Lambda:
    return "lambda#" + std::to_string(V.Function);
  case Value::Kind::Generator:
    return "genexpr";
  case Value::Kind::Partial:
  case Value::Kind::Call: {
    std::string S = "call " + dumpRef(V.R) + "(";
    for (const Ref &E : V.Elems)
      S += (E.valid() ? dumpRef(E) : std::string("_")) + ",";
    return S + ")";
  }
  case Value::Kind::Sequence: {
    std::string S = "(";
    for (const Ref &E : V.Elems)
      S += (E.valid() ? dumpRef(E) : std::string("_")) + ",";
    return S + ")";
  }
  }
  return "?";
}
} // namespace

std::string dumpSummary(const ModuleSummary &M, const SourceFile &Src) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "module " << M.Name << "\n";
  for (const auto &I : M.Imports)
    OS << "  import " << I.getKey() << " = " << I.getValue() << "\n";
  for (const ClassSummary &C : M.Classes) {
    OS << "class " << C.QualName;
    for (const Ref &B : C.Bases)
      OS << " base=" << dumpRef(B);
    if (C.ThreadSafe)
      OS << " thread-safe";
    OS << "\n";
  }
  for (size_t FI = 0; FI < M.Functions.size(); ++FI) {
    const FunctionSummary &F = M.Functions[FI];
    OS << "fn#" << FI << " " << F.QualName;
    if (!F.ClassQual.empty())
      OS << " class=" << F.ClassQual;
    OS << " params=";
    for (const std::string &P : F.Params)
      OS << P << ",";
    OS << "\n";
    for (size_t RI = 0; RI < F.Regions.size(); ++RI)
      OS << "  region#" << RI << " " << dumpRef(F.Regions[RI].Lock) << " "
         << Src.position(F.Regions[RI].Begin).Line << "-"
         << Src.position(F.Regions[RI].End).Line << "\n";
    for (size_t EI = 0; EI < F.Events.size(); ++EI) {
      const Event &E = F.Events[EI];
      OS << "  #" << EI << " L" << Src.position(E.Begin).Line << " ";
      switch (E.K) {
      case Event::Kind::Access:
        OS << accessName(E.Access) << (E.Element ? "[]" : "") << " "
           << dumpRef(E.Target);
        if (!E.method().empty())
          OS << " ." << E.method();
        break;
      case Event::Kind::Call:
        OS << "call " << dumpRef(E.Target) << "(";
        for (const Value &A : F.args(E))
          OS << dumpValue(A) << ",";
        for (const auto &KV : F.kwargs(E))
          OS << KV.first << "=" << dumpValue(KV.second) << ",";
        OS << ")";
        if (E.InCondition)
          OS << " cond";
        break;
      case Event::Kind::Assign:
        OS << "assign " << dumpRef(E.Target) << " = "
           << dumpValue(F.assigned(E));
        break;
      case Event::Kind::ScopeExit:
        OS << "exit " << dumpRef(E.Target);
        break;
      case Event::Kind::Dropped:
        OS << "dropped";
        break;
      }
      if (E.InLoop)
        OS << " loop";
      if (E.InReturn)
        OS << " ret";
      if (!E.regionList().empty()) {
        OS << " locks=";
        for (uint16_t R : F.regions(E))
          OS << R << ",";
      }
      if (E.hasGuards()) {
        OS << " guards=";
        for (uint32_t G : F.guards(E))
          OS << G << ",";
      }
      OS << "\n";
    }
  }
  return Out;
}

} // namespace racelint
