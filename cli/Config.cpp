#include "Config.h"

#include "RuleSelection.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <toml++/toml.h>

#include <sstream>

namespace racelint {

namespace {

llvm::Error fail(llvm::StringRef Path, const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Path + ": " + Msg);
}

bool isPyproject(llvm::StringRef Path) {
  return llvm::sys::path::filename(Path) == "pyproject.toml";
}

/// Reads an array of strings; fails naming the key and the table.
llvm::Error readStrings(const toml::node &Node, llvm::StringRef Key,
                        llvm::StringRef Table, llvm::StringRef Path,
                        std::vector<std::string> &Out) {
  const toml::array *A = Node.as_array();
  if (!A)
    return fail(Path,
                "'" + Key + "' in " + Table + " must be an array of strings");
  for (const toml::node &E : *A) {
    const auto *S = E.as_string();
    if (!S)
      return fail(Path,
                  "'" + Key + "' in " + Table + " must be an array of strings");
    Out.push_back(S->get());
  }
  return llvm::Error::success();
}

llvm::Error checkIds(const std::vector<std::string> &Ids, llvm::StringRef Key,
                     llvm::StringRef Path) {
  if (llvm::Error E = checkRuleIds(Ids, "'" + Key.str() + "'"))
    return fail(Path, llvm::toString(std::move(E)));
  return llvm::Error::success();
}

llvm::Expected<Config> fromTable(const toml::table &T, llvm::StringRef Path,
                                 llvm::StringRef Table) {
  Config C;
  C.Path = Path.str();
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  C.Dir = llvm::sys::path::parent_path(Abs).str();
  for (const auto &Entry : T) {
    // Not a structured binding: a lambda below captures the node, which
    // C++17 allows only for a variable.
    const auto &KeyName = Entry.first;
    const auto &Node = Entry.second;
    llvm::StringRef Key(KeyName.data(), KeyName.length());
    auto Strings = [&](std::vector<std::string> &Out) {
      return readStrings(Node, Key, Table, Path, Out);
    };
    if (Key == "select" || Key == "ignore" || Key == "exclude") {
      std::vector<std::string> V;
      if (llvm::Error E = Strings(V))
        return E;
      if (Key != "exclude")
        if (llvm::Error E = checkIds(V, Key, Path))
          return E;
      (Key == "select"   ? C.Select
       : Key == "ignore" ? C.Ignore
                         : C.Exclude) = std::move(V);
    } else if (Key == "per-file-ignores") {
      const toml::table *PT = Node.as_table();
      if (!PT)
        return fail(Path, "'per-file-ignores' in " + Table +
                              " must be a table of glob = [rule ids]");
      for (const auto &[Glob, Rules] : *PT) {
        PerFileIgnore P;
        P.Glob = std::string(Glob.str());
        if (llvm::Error E = readStrings(Rules, "per-file-ignores." + P.Glob,
                                        Table, Path, P.Rules))
          return E;
        if (llvm::Error E = checkIds(P.Rules, "per-file-ignores", Path))
          return E;
        C.PerFileIgnores.push_back(std::move(P));
      }
    } else if (Key == "extra-spawners") {
      if (llvm::Error E = Strings(C.ExtraSpawners))
        return E;
    } else if (Key == "extra-locks") {
      if (llvm::Error E = Strings(C.ExtraLocks))
        return E;
    } else if (Key == "thread-safe-classes") {
      if (llvm::Error E = Strings(C.ThreadSafeClasses))
        return E;
    } else if (Key == "python") {
      const auto *S = Node.as_string();
      if (!S)
        return fail(Path, "'python' in " + Table + " must be a string");
      C.Python = S->get();
    } else {
      return fail(Path, "unknown key '" + Key + "' in " + Table);
    }
  }
  return C;
}

/// Parses \p Path; a TOML syntax error names its line and column.
llvm::Expected<toml::table> parseToml(llvm::StringRef Path,
                                      llvm::StringRef Text) {
  try {
    return toml::parse(std::string_view(Text.data(), Text.size()),
                       std::string_view(Path.data(), Path.size()));
  } catch (const toml::parse_error &Err) {
    std::ostringstream Msg;
    Msg << Err.source().begin.line << ":" << Err.source().begin.column << ": "
        << Err.description();
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Path + ":" + Msg.str());
  }
}

} // namespace

llvm::Expected<Config> Config::load(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return fail(Path, "cannot read: " + Buf.getError().message());
  auto Table = parseToml(Path, (*Buf)->getBuffer());
  if (!Table)
    return Table.takeError();
  if (!isPyproject(Path))
    return fromTable(*Table, Path, "the configuration");
  const toml::table *Tool = (*Table)["tool"]["racelint"].as_table();
  if (!Tool) {
    if ((*Table)["tool"]["racelint"])
      return fail(Path, "[tool.racelint] must be a table");
    // A pyproject.toml without the table: every setting keeps its default.
    return fromTable(toml::table(), Path, "[tool.racelint]");
  }
  return fromTable(*Tool, Path, "[tool.racelint]");
}

llvm::Expected<std::optional<Config>> Config::discover(llvm::StringRef Start) {
  llvm::SmallString<256> Dir(Start);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  if (!llvm::sys::fs::is_directory(Dir))
    Dir = llvm::sys::path::parent_path(Dir).str();
  for (int Depth = 0; Depth < 256 && !Dir.empty(); ++Depth) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, "pyproject.toml");
    auto Buf = llvm::MemoryBuffer::getFile(Candidate, /*IsText=*/true);
    // Only a file that mentions racelint can hold its table: skip the rest
    // without parsing, so a broken unrelated pyproject.toml is not an error.
    if (Buf && (*Buf)->getBuffer().contains("racelint")) {
      auto Table = parseToml(Candidate, (*Buf)->getBuffer());
      if (!Table)
        return Table.takeError();
      if ((*Table)["tool"]["racelint"]) {
        auto C = load(Candidate);
        if (!C)
          return C.takeError();
        return std::optional<Config>(std::move(*C));
      }
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent.str();
  }
  return std::optional<Config>();
}

} // namespace racelint
