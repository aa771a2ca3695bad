#include "Harness.h"

#include "JsonFormatter.h"
#include "WriteFile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

namespace racelint {

namespace {

llvm::Error failure(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P.str());
}

/// The plan entry of one finding: the harness pauses a thread at the first
/// line and waits for another thread to reach the second.
std::optional<llvm::json::Object> planEntry(const Diagnostic &D, size_t Id) {
  if (D.Flow.size() < 2)
    return std::nullopt;
  const RelatedLocation &First = D.Flow[0], &Second = D.Flow[1];
  llvm::json::Object O{{"id", static_cast<int64_t>(Id)}, {"rule", D.Rule}};
  if (D.Rule == "check-then-act" || D.Rule == "double-checked-locking") {
    O["path"] = jsonPath(absolute(Second.Path));
    O["check_line"] = First.Line;
    O["act_line"] = Second.Line;
    O["other_line"] = Second.Line;
  } else {
    O["path"] = jsonPath(absolute(First.Path));
    O["line"] = First.Line;
    O["other_path"] = jsonPath(absolute(Second.Path));
    O["other_line"] = Second.Line;
  }
  return O;
}

llvm::Expected<std::string> readFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return failure("cannot read " + Path + ": " + Buf.getError().message());
  return (*Buf)->getBuffer().str();
}

} // namespace

std::string findHarnessScript(llvm::StringRef Executable) {
  llvm::SmallString<256> FromSource(RACELINT_SOURCE_DIR);
  llvm::sys::path::append(FromSource, "harness", "racelint_harness.py");
  if (llvm::sys::fs::exists(FromSource))
    return std::string(FromSource.str());
  llvm::SmallString<256> Near(llvm::sys::path::parent_path(Executable));
  llvm::sys::path::append(Near, "..", "..", "harness", "racelint_harness.py");
  if (llvm::sys::fs::exists(Near))
    return std::string(Near.str());
  return "";
}

llvm::Expected<HarnessSummary> confirmFindings(std::vector<Diagnostic> &Diags,
                                               const HarnessOptions &Opts) {
  HarnessSummary Summary;
  Summary.Seed = Opts.Seed;
  llvm::json::Array Findings;
  for (size_t I = 0; I < Diags.size(); ++I)
    if (auto E = planEntry(Diags[I], I))
      Findings.push_back(std::move(*E));
  // With no finding the target still runs: its own invariant checks under
  // stress are the evidence that a fixed program holds.
  if (Opts.Script.empty())
    return failure("the harness script (harness/racelint_harness.py) was not "
                   "found");

  llvm::json::Array Target;
  for (const std::string &T : Opts.Target)
    Target.push_back(jsonPath(T));
  llvm::json::Object Plan{{"version", 1},
                          {"seed", static_cast<int64_t>(Opts.Seed)},
                          {"runs", static_cast<int64_t>(Opts.Runs)},
                          {"timeout", Opts.Timeout},
                          {"wait", Opts.Wait},
                          {"cwd", jsonPath(absolute(Opts.Cwd))},
                          {"target", std::move(Target)},
                          {"findings", std::move(Findings)}};

  llvm::SmallString<128> PlanPath, OutPath, ErrPath;
  int PlanFD;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
          "racelint-plan", "json", PlanFD, PlanPath))
    return failure("cannot create a temporary file: " + EC.message());
  {
    llvm::raw_fd_ostream OS(PlanFD, /*shouldClose=*/true);
    OS << llvm::json::Value(std::move(Plan));
    if (std::error_code WEC = closeStream(OS)) {
      llvm::sys::fs::remove(PlanPath);
      return failure("cannot write " + PlanPath + ": " + WEC.message());
    }
  }
  llvm::sys::fs::createTemporaryFile("racelint-harness", "json", OutPath);
  llvm::sys::fs::createTemporaryFile("racelint-harness", "err", ErrPath);
  auto Cleanup = [&] {
    llvm::sys::fs::remove(PlanPath);
    llvm::sys::fs::remove(OutPath);
    llvm::sys::fs::remove(ErrPath);
  };

  std::vector<llvm::StringRef> Args{Opts.Python, Opts.Script, PlanPath};
  llvm::Optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(OutPath), llvm::StringRef(ErrPath)};
  std::string ErrMsg;
  // The harness bounds each run itself; this is a last resort.
  unsigned Limit = static_cast<unsigned>(Opts.Runs * (Opts.Timeout + 10)) + 60;
  int Code = llvm::sys::ExecuteAndWait(Opts.Python, Args, llvm::None, Redirects,
                                       Limit, 0, &ErrMsg);
  auto Out = readFile(OutPath);
  auto Err = readFile(ErrPath);
  Cleanup();
  if (Code < 0)
    return failure("cannot run " + Opts.Python + ": " +
                   (ErrMsg.empty() ? "killed" : ErrMsg));
  if (!Out)
    return Out.takeError();
  auto Parsed = llvm::json::parse(*Out);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    std::string Tail = Err ? llvm::StringRef(*Err).rtrim().str() : "";
    return failure("the harness failed (exit " + llvm::Twine(Code) + ")" +
                   (Tail.empty() ? "" : ": " + Tail));
  }
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (!Root)
    return failure("the harness printed no JSON object");
  if (auto Msg = Root->getString("error"))
    return failure("the harness refused the plan: " + *Msg);

  if (const llvm::json::Object *Py = Root->getObject("python")) {
    Summary.Python = Py->getString("version").getValueOr("?").str();
    Summary.FreeThreaded = Py->getBoolean("free_threaded").getValueOr(false);
    bool Gil = Py->getBoolean("gil_enabled").getValueOr(true);
    Summary.Python += Summary.FreeThreaded ? " free-threaded" : "";
    Summary.Python += Gil ? ", GIL on" : ", GIL off";
  }
  if (const llvm::json::Array *Runs = Root->getArray("runs")) {
    Summary.Runs = Runs->size();
    for (const llvm::json::Value &R : *Runs) {
      const llvm::json::Object *O = R.getAsObject();
      if (!O)
        continue;
      if (O->getBoolean("timed_out").getValueOr(false))
        ++Summary.TimedOut;
      if (O->getInteger("exit_code").getValueOr(0) != 0) {
        ++Summary.FailedRuns;
        if (Summary.FirstFailure.empty()) {
          llvm::StringRef Tail =
              O->getString("stderr_tail").getValueOr("").rtrim();
          Summary.FirstFailure = Tail.rsplit('\n').second.empty()
                                     ? Tail.str()
                                     : Tail.rsplit('\n').second.str();
        }
      }
    }
  }
  if (const llvm::json::Array *Results = Root->getArray("results"))
    for (const llvm::json::Value &R : *Results) {
      const llvm::json::Object *O = R.getAsObject();
      if (!O)
        continue;
      auto Id = O->getInteger("id");
      if (!Id || *Id < 0 || static_cast<size_t>(*Id) >= Diags.size())
        continue;
      Verdict V;
      V.Status = O->getString("status").getValueOr("not-reached").str();
      V.Evidence = O->getString("evidence").getValueOr("").str();
      auto Reached = O->getInteger("runs_reached");
      auto Confirmed = O->getInteger("runs_confirmed");
      if (Reached && Confirmed)
        V.Evidence = "confirmed in " + std::to_string(*Confirmed) + " of " +
                     std::to_string(Summary.Runs) + " runs (reached in " +
                     std::to_string(*Reached) + ")" +
                     (V.Evidence.empty() ? "" : "; " + V.Evidence);
      Diags[*Id].Result = std::move(V);
    }
  return Summary;
}

} // namespace racelint
