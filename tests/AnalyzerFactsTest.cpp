// Unit tests of the analyzer's facts: pass 1 summaries and pass 2 thread
// entries, locks and locations, compared as short text dumps.
#include "AnalysisContext.h"
#include "races/ProjectFacts.h"
#include "semantic/SummaryDump.h"
#include "semantic/SummaryIO.h"
#include "threads/ConcurrencyModels.h"

#include "llvm/ADT/StringExtras.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

using namespace racelint;

namespace {

std::unique_ptr<AnalysisContext>
analyze(std::vector<std::pair<std::string, std::string>> Files,
        const ConcurrencyModels &Models) {
  std::vector<FileAnalysis> Out;
  for (auto &[Module, Text] : Files) {
    auto Src = SourceFile::fromText(Module + ".py", Text);
    EXPECT_TRUE(static_cast<bool>(Src));
    Out.push_back(analyzeFile(std::move(*Src), Module, Models));
  }
  return std::make_unique<AnalysisContext>(std::move(Out), Models);
}

/// Every line of \p Dump containing \p Needle.
std::vector<std::string> grep(llvm::StringRef Dump, llvm::StringRef Needle) {
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Dump.split(Lines, '\n');
  std::vector<std::string> Out;
  for (llvm::StringRef L : Lines)
    if (L.contains(Needle))
      Out.push_back(L.trim().str());
  return Out;
}

/// The thread entries as sorted lines: target, how, several at once.
std::vector<std::string> entries(const ProjectFacts &PF) {
  std::vector<std::string> Out;
  for (const ThreadEntry &E : PF.entries())
    Out.push_back(PF.function(E.Target).QualName + " | " + E.How +
                  (E.Multi ? " | multi" : " | once"));
  std::sort(Out.begin(), Out.end());
  return Out;
}

} // namespace

TEST(AnalyzerFacts, ImportsResolveToQualifiedNames) {
  ConcurrencyModels M = ConcurrencyModels::defaults();
  auto Ctx = analyze({{"m", "import threading as th\n"
                            "from concurrent import futures\n"
                            "from threading import Thread as T\n"
                            "def f():\n"
                            "    th.Lock()\n"
                            "    futures.ThreadPoolExecutor()\n"
                            "    T(target=f)\n"}},
                     M);
  std::string Dump =
      dumpSummary(*Ctx->files()[0].Summary, *Ctx->files()[0].Source);
  EXPECT_EQ(grep(Dump, "call "),
            (std::vector<std::string>{
                "#1 L5 call Q(threading).Lock()",
                "#3 L6 call Q(concurrent.futures).ThreadPoolExecutor()",
                "#4 L7 call Q(threading.Thread)(target=G(m.f),)"}));
}

TEST(AnalyzerFacts, AccessesCarryLocksAndGuards) {
  ConcurrencyModels M = ConcurrencyModels::defaults();
  auto Ctx = analyze({{"m", "import threading\n"
                            "lock = threading.Lock()\n"
                            "cache = {}\n"
                            "def get(k):\n"
                            "    if k not in cache:\n"
                            "        with lock:\n"
                            "            cache[k] = 1\n"}},
                     M);
  std::string Dump =
      dumpSummary(*Ctx->files()[0].Summary, *Ctx->files()[0].Source);
  EXPECT_EQ(grep(Dump, "G(m.cache)"),
            (std::vector<std::string>{"#4 L3 write G(m.cache)",
                                      "#5 L3 assign G(m.cache) = other",
                                      "#1 L5 test G(m.cache)",
                                      "#3 L7 write[] G(m.cache) locks=0, "
                                      "guards=0,1,"}));
  EXPECT_EQ(grep(Dump, "region#"),
            (std::vector<std::string>{"region#0 G(m.lock) 7-7"}));
}

TEST(AnalyzerFacts, ThreadEntriesOfEverySpawner) {
  ConcurrencyModels M = ConcurrencyModels::defaults();
  auto Ctx = analyze(
      {{"m",
        "import threading, functools, _thread\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "class W(threading.Thread):\n"
        "    def run(self):\n"
        "        pass\n"
        "class Cache:\n"
        "    def __init__(self):\n"
        "        self._lock = threading.Lock()\n"
        "    def get(self):\n"
        "        pass\n"
        "def a(): pass\n"
        "def b(x): pass\n"
        "def c(): pass\n"
        "def d(): pass\n"
        "def main():\n"
        "    threading.Thread(target=a).start()\n"
        "    for i in range(3):\n"
        "        threading.Thread(target=functools.partial(b, i)).start()\n"
        "    threading.Timer(1, c).start()\n"
        "    _thread.start_new_thread(d, ())\n"
        "    with ThreadPoolExecutor() as ex:\n"
        "        ex.submit(a)\n"
        "    W().start()\n"}},
      M);
  EXPECT_EQ(
      entries(Ctx->facts()),
      (std::vector<std::string>{
          "m.Cache.get | `Cache` holds a lock (`self._lock`), so its "
          "public methods may be called from several threads at once | "
          "multi",
          "m.W.run | `W` (a `Thread` subclass) | once",
          "m.a | `submit` on a thread pool | multi",
          "m.a | `threading.Thread` | once", "m.b | `threading.Thread` | multi",
          "m.c | `threading.Timer` | once",
          "m.d | `_thread.start_new_thread` | once"}));
}

TEST(AnalyzerFacts, LocksHeldByEveryCallerAreHeldInTheCallee) {
  ConcurrencyModels M = ConcurrencyModels::defaults();
  auto Ctx = analyze({{"m", "import threading\n"
                            "lock = threading.Lock()\n"
                            "other = threading.Lock()\n"
                            "n = 0\n"
                            "def bump():\n"
                            "    global n\n"
                            "    n += 1\n"
                            "def one():\n"
                            "    with lock:\n"
                            "        bump()\n"
                            "def two():\n"
                            "    with lock, other:\n"
                            "        bump()\n"}},
                     M);
  const ProjectFacts &PF = Ctx->facts();
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn) {
    if (PF.function(Fn).QualName != "m.bump")
      continue;
    for (uint32_t EI = 0; EI < PF.function(Fn).Events.size(); ++EI) {
      if (PF.function(Fn).Events[EI].Access != AccessKind::ReadModifyWrite)
        continue;
      LockSet Held = PF.locksAt({Fn, EI});
      std::vector<std::string> Names;
      for (uint32_t L : Held)
        Names.push_back(PF.spell(L));
      EXPECT_EQ(Names, std::vector<std::string>{"lock"});
      return;
    }
  }
  FAIL() << "no read-modify-write in m.bump";
}

TEST(AnalyzerFacts, LocationsAcrossModulesAndAliases) {
  ConcurrencyModels M = ConcurrencyModels::defaults();
  auto Ctx = analyze({{"store", "cache = {}\n"
                                "class Board:\n"
                                "    def __init__(self):\n"
                                "        self.posts = {}\n"},
                      {"work", "from store import cache\n"
                               "import store as s\n"
                               "def f(b):\n"
                               "    cache['a'] = 1\n"
                               "    s.cache['b'] = 2\n"
                               "    b.posts['c'] = 3\n"
                               "def g():\n"
                               "    f(s.Board())\n"}},
                     M);
  const ProjectFacts &PF = Ctx->facts();
  std::vector<std::string> Seen;
  for (uint32_t Fn = 0; Fn < PF.functionCount(); ++Fn)
    if (PF.function(Fn).QualName == "work.f")
      for (uint32_t EI = 0; EI < PF.function(Fn).Events.size(); ++EI)
        if (uint32_t L = PF.location({Fn, EI}))
          Seen.push_back(PF.describe(L));
  std::sort(Seen.begin(), Seen.end());
  Seen.erase(std::unique(Seen.begin(), Seen.end()), Seen.end());
  EXPECT_EQ(Seen, (std::vector<std::string>{"attribute `self.posts` of `Board`",
                                            "module global `cache`"}));
}

namespace {

/// Pass 1's result for a small module with a lambda, a method, a lock
/// region, a guarded access, call arguments and an annotation.
FileAnalysis summarized(const ConcurrencyModels &Models) {
  auto Src = SourceFile::fromText(
      "m.py", "import threading\n\nlock = threading.Lock()\ncache = {}\n\n\n"
              "class C:\n    def get(self, k):\n        with lock:\n"
              "            if k not in cache:\n"
              "                cache[k] = sorted([k], key=lambda x: x)\n"
              "        return cache[k]\n\n\n"
              "total = 0  # racelint: guarded-by=lock\n"
              "threading.Thread(target=C().get, args=(1,)).start()\n");
  EXPECT_TRUE(static_cast<bool>(Src));
  return analyzeFile(std::move(*Src), "m", Models);
}

// A parallel run leaves the token scan for later (beside pass 2): until
// then only the tree's errors are there, and finishing gives exactly what
// the scan in place gives.
TEST(SyntaxErrors, TokenScanLaterGivesTheSameErrors) {
  ConcurrencyModels Models = ConcurrencyModels::defaults();
  const char *Text = "x = 1\nif x\n    pass\ndef f():\n  return 1\n";
  auto Now =
      analyzeFile(std::move(*SourceFile::fromText("m.py", Text)), "m", Models);
  auto Later = analyzeFile(std::move(*SourceFile::fromText("m.py", Text)), "m",
                           Models, /*ScanTokensLater=*/true);
  EXPECT_FALSE(Now.TokenScanPending);
  ASSERT_TRUE(Later.TokenScanPending);
  auto Messages = [](const FileAnalysis &FA) {
    std::vector<std::string> M;
    for (const SyntaxErrorFact &E : FA.SyntaxErrors)
      M.push_back(std::to_string(E.Pos.Line) + ":" +
                  std::to_string(E.Pos.Column) + " " + E.Message);
    return M;
  };
  ASSERT_FALSE(Now.SyntaxErrors.empty());
  EXPECT_EQ(Now.SyntaxErrors.front().Message, "syntax error: expected `:`");
  EXPECT_NE(Messages(Later), Messages(Now)); // the scan's error is missing
  finishSyntaxErrors(Later);
  EXPECT_FALSE(Later.TokenScanPending);
  EXPECT_EQ(Messages(Later), Messages(Now));
  finishSyntaxErrors(Later); // a second call changes nothing
  EXPECT_EQ(Messages(Later), Messages(Now));
}

TEST(SummaryIO, ReadsBackWhatItWrote) {
  ConcurrencyModels Models = ConcurrencyModels::defaults();
  FileAnalysis FA = summarized(Models);
  std::string Bytes = serializeFileFacts(FA);
  FileAnalysis Back;
  ASSERT_TRUE(deserializeFileFacts(Bytes, Back));
  EXPECT_EQ(dumpSummary(*Back.Summary, *FA.Source),
            dumpSummary(*FA.Summary, *FA.Source));
  EXPECT_EQ(serializeFileFacts(Back), Bytes);
}

// Names are stored once per entry, in a table before the body, and the
// body refers to them by number: a number past the table is refused.
TEST(SummaryIO, StoresEachNameOnceAndRefusesAMissingOne) {
  ConcurrencyModels Models = ConcurrencyModels::defaults();
  FileAnalysis FA = summarized(Models);
  std::string Bytes = serializeFileFacts(FA);
  // `m.cache` names many references: it is stored once.
  size_t Uses = 0;
  for (const FunctionSummary &F : FA.Summary->Functions)
    for (const Event &E : F.Events)
      Uses += E.Target.Name == "m.cache";
  EXPECT_GE(Uses, 3u);
  size_t Stored = 0;
  for (size_t P = Bytes.find("m.cache"); P != std::string::npos;
       P = Bytes.find("m.cache", P + 1))
    ++Stored;
  EXPECT_EQ(Stored, 1u);
  // The table: a count, then each name's size and text (all short here).
  size_t Count = static_cast<unsigned char>(Bytes[0]);
  ASSERT_GT(Count, 1u);
  ASSERT_LT(Count, 0x80u);
  size_t End = 1;
  for (size_t I = 0; I < Count; ++I)
    End += 1 + static_cast<unsigned char>(Bytes[End]);
  FileAnalysis Back;
  ASSERT_TRUE(deserializeFileFacts(Bytes, Back));
  // The same body with one name fewer in the table.
  size_t LastBegin = 1;
  for (size_t I = 0; I + 1 < Count; ++I)
    LastBegin += 1 + static_cast<unsigned char>(Bytes[LastBegin]);
  std::string Short = Bytes.substr(0, LastBegin) + Bytes.substr(End);
  Short[0] = static_cast<char>(Count - 1);
  FileAnalysis Damaged;
  EXPECT_FALSE(deserializeFileFacts(Short, Damaged));
}

// An entry that reads well but holds an index outside its summary (a
// damaged cache file) is refused, not handed to pass 2.
TEST(SummaryIO, RefusesAnIndexOutsideTheSummary) {
  ConcurrencyModels Models = ConcurrencyModels::defaults();
  using Damage = std::function<bool(ModuleSummary &)>;
  auto FirstEvent = [](ModuleSummary &M, auto &&Pred) -> Event * {
    for (FunctionSummary &F : M.Functions)
      for (Event &E : F.Events)
        if (Pred(F, E))
          return &E;
    return nullptr;
  };
  std::vector<std::pair<const char *, Damage>> Damages = {
      {"a function's parent",
       [](ModuleSummary &M) {
         M.Functions.back().Parent = static_cast<int>(M.Functions.size());
         return true;
       }},
      {"a call's arguments",
       [&](ModuleSummary &M) {
         Event *E = FirstEvent(M, [](FunctionSummary &, Event &E) {
           return E.K == Event::Kind::Call && E.Side != Event::NoIndex;
         });
         if (E)
           E->Side += 1000;
         return E != nullptr;
       }},
      {"an assigned value",
       [&](ModuleSummary &M) {
         Event *E = FirstEvent(M, [](FunctionSummary &, Event &E) {
           return E.K == Event::Kind::Assign;
         });
         if (E)
           E->Side = 1000;
         return E != nullptr;
       }},
      {"a guard list",
       [&](ModuleSummary &M) {
         Event *E = FirstEvent(
             M, [](FunctionSummary &, Event &E) { return E.hasGuards(); });
         if (E)
           E->setGuards({E->guardList().Begin + 1000, E->guardList().Size});
         return E != nullptr;
       }},
      {"a region of the pool",
       [](ModuleSummary &M) {
         for (FunctionSummary &F : M.Functions)
           if (!F.RegionPool.empty()) {
             F.RegionPool[0] = static_cast<uint16_t>(F.Regions.size());
             return true;
           }
         return false;
       }},
      {"an argument list",
       [](ModuleSummary &M) {
         for (FunctionSummary &F : M.Functions)
           if (!F.CallArguments.empty()) {
             F.CallArguments[0].PosCount =
                 static_cast<uint32_t>(F.ArgValues.size()) + 1;
             return true;
           }
         return false;
       }},
      {"a lambda",
       [](ModuleSummary &M) {
         for (FunctionSummary &F : M.Functions)
           for (KeywordArg &KV : F.KeywordArgs)
             if (KV.second.K == Value::Kind::Lambda) {
               KV.second.Function = 1000;
               return true;
             }
         return false;
       }},
      {"a method",
       [](ModuleSummary &M) {
         if (M.Classes.empty() || M.Classes[0].Methods.empty())
           return false;
         M.Classes[0].Methods.begin()->second = 1000;
         return true;
       }},
      {"an annotation",
       [](ModuleSummary &M) {
         if (M.Annotations.empty())
           return false;
         M.Annotations[0].Function = -1;
         return true;
       }},
  };
  for (auto &[What, Damage] : Damages) {
    FileAnalysis FA = summarized(Models);
    ASSERT_TRUE(Damage(*FA.Summary)) << "no " << What << " to damage";
    FileAnalysis Back;
    EXPECT_FALSE(deserializeFileFacts(serializeFileFacts(FA), Back)) << What;
  }
}

} // namespace
