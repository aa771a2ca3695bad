#include "PythonEnv.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"

namespace racelint {

namespace {

constexpr llvm::StringLiteral ProbeScript =
    "import json, sys, sysconfig\n"
    "gil = getattr(sys, '_is_gil_enabled', None)\n"
    "print(json.dumps({'version': sys.version.split()[0],\n"
    "  'implementation': sys.implementation.name,\n"
    "  'executable': sys.executable,\n"
    "  'free_threaded_build': "
    "bool(sysconfig.get_config_var('Py_GIL_DISABLED')),\n"
    "  'gil_enabled': bool(gil()) if gil else True}))\n";

std::string cacheInterpreter() {
  llvm::SmallString<256> Path;
  if (auto Cache = llvm::sys::Process::GetEnv("RACELINT_CACHE")) {
    Path = *Cache;
  } else {
    if (!llvm::sys::path::home_directory(Path))
      return "";
    llvm::sys::path::append(Path, ".cache", "racelint");
  }
  llvm::sys::path::append(Path, "python3.13t", "bin", "python3.13t");
  return std::string(Path.str());
}

} // namespace

PythonEnv::Choice PythonEnv::choose(llvm::StringRef Explicit,
                                    llvm::StringRef Configured) {
  if (!Explicit.empty())
    return {Explicit.str(), "--python", true};
  if (auto Env = llvm::sys::Process::GetEnv("RACELINT_PYTHON"))
    if (!Env->empty())
      return {*Env, "$RACELINT_PYTHON", true};
  if (!Configured.empty())
    return {Configured.str(), "[tool.racelint] python", true};
  for (llvm::StringRef Name : {"python3.14t", "python3.13t"})
    if (auto P = llvm::sys::findProgramByName(Name))
      return {*P, "free-threaded " + Name.str() + " on PATH", true};
  std::string Cached = cacheInterpreter();
  if (!Cached.empty() && llvm::sys::fs::can_execute(Cached))
    return {Cached, "built by scripts/provision-python", true};
  if (auto P = llvm::sys::findProgramByName("python3"))
    return {*P, "python3 on PATH (no free-threaded build found)", false};
  return {"python3", "no python3 on PATH", false};
}

llvm::Expected<PythonEnv::Facts> PythonEnv::probe(llvm::StringRef Python) {
  std::string Program = Python.str();
  if (!Python.contains('/')) {
    auto P = llvm::sys::findProgramByName(Python);
    if (!P)
      return llvm::createStringError(P.getError(),
                                     Python + ": not found on PATH");
    Program = *P;
  }
  llvm::SmallString<128> OutPath, ErrPath;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("racelint-env", "out", OutPath))
    return llvm::createStringError(EC, "cannot create a temporary file");
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("racelint-env", "err", ErrPath))
    return llvm::createStringError(EC, "cannot create a temporary file");
  llvm::FileRemover RemoveOut(OutPath), RemoveErr(ErrPath);
  llvm::Optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(OutPath), llvm::StringRef(ErrPath)};
  std::string Message;
  int Status = llvm::sys::ExecuteAndWait(
      Program, {Program, "-c", ProbeScript}, llvm::None, Redirects,
      /*SecondsToWait=*/30, /*MemoryLimit=*/0, &Message);
  auto Out = llvm::MemoryBuffer::getFile(OutPath);
  if (Status != 0) {
    auto Err = llvm::MemoryBuffer::getFile(ErrPath);
    std::string Detail = Message;
    if (Err && !(*Err)->getBuffer().trim().empty())
      Detail += (Detail.empty() ? "" : ": ") +
                (*Err)->getBuffer().trim().rsplit('\n').second.str();
    if (Detail.empty() && Err)
      Detail = (*Err)->getBuffer().trim().str();
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Program + " failed (exit status " +
                                       std::to_string(Status) + ")" +
                                       (Detail.empty() ? "" : ": " + Detail));
  }
  if (!Out)
    return llvm::createStringError(Out.getError(), "no output from " + Program);
  auto Doc = llvm::json::parse((*Out)->getBuffer().trim());
  if (!Doc)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Program + " gave an unexpected answer: " +
                                       llvm::toString(Doc.takeError()));
  const llvm::json::Object *O = Doc->getAsObject();
  if (!O)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Program + " gave an unexpected answer");
  Facts F;
  F.Version = O->getString("version").getValueOr("?").str();
  F.Implementation = O->getString("implementation").getValueOr("?").str();
  F.Executable = O->getString("executable").getValueOr(Program).str();
  F.FreeThreadedBuild = O->getBoolean("free_threaded_build").getValueOr(false);
  F.GilEnabled = O->getBoolean("gil_enabled").getValueOr(true);
  return F;
}

void PythonEnv::print(const Choice &C, const Facts &F, llvm::raw_ostream &OS) {
  OS << "interpreter:   " << C.Path << " (" << C.Reason << ")\n";
  OS << "version:       " << F.Implementation << " " << F.Version << "\n";
  OS << "build:         "
     << (F.FreeThreadedBuild ? "free-threaded (Py_GIL_DISABLED=1)"
                             : "with the GIL (Py_GIL_DISABLED unset)")
     << "\n";
  OS << "GIL:           " << (F.GilEnabled ? "on" : "off") << "\n";
  if (!F.GilEnabled) {
    OS << "recommendation: threads run Python code in parallel here: use "
          "threads for CPU-bound work (and a lock for every shared "
          "read-modify-write); races the GIL used to hide show up on this "
          "interpreter, so the dynamic harness can reproduce them.\n";
    return;
  }
  OS << "recommendation: the GIL is on, so threads take turns running Python "
        "code: use processes (multiprocessing, ProcessPoolExecutor) for "
        "CPU-bound work, and threads only for I/O. The GIL also hides most "
        "races from the dynamic harness";
  if (F.FreeThreadedBuild)
    OS << " (it was turned back on: unset PYTHON_GIL or drop -X gil=1)";
  else
    OS << ": get a free-threaded CPython with `racelint env "
          "--install-free-threaded`";
  OS << ".\n";
}

std::string PythonEnv::provisionScript(llvm::StringRef Executable) {
  llvm::SmallString<256> FromSource(RACELINT_SOURCE_DIR);
  llvm::sys::path::append(FromSource, "scripts", "provision-python");
  if (llvm::sys::fs::can_execute(FromSource))
    return std::string(FromSource.str());
  // A build tree is build/<preset>/racelint inside the source tree.
  llvm::SmallString<256> Near(llvm::sys::path::parent_path(Executable));
  llvm::sys::path::append(Near, "..", "..", "scripts", "provision-python");
  if (llvm::sys::fs::can_execute(Near))
    return std::string(Near.str());
  return "";
}

} // namespace racelint
