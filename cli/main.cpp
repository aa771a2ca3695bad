// The command line of racelint: llvm::cl options only; the Driver does the
// work.
#include "Driver.h"
#include "OutputFormatter.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdlib>

using namespace llvm;
using namespace racelint;

namespace {

cl::OptionCategory Category("racelint options");

cl::SubCommand CheckCmd("check",
                        "Analyze Python files and folders (default: .) for "
                        "code that races without the GIL");
cl::SubCommand RulesCmd("rules", "List the rules");
cl::SubCommand RuleCmd("rule", "Print one rule's page: what, why, example, "
                               "fix");
cl::SubCommand ReportCmd("report",
                         "One row per subfolder of DIR (a student or a "
                         "package): counts per rule, files that failed, "
                         "readiness");
cl::SubCommand ConfirmCmd(
    "confirm",
    "Analyze, then run `-- TARGET [ARGS]` (a script or `-m module`) under the "
    "harness on free-threaded CPython and print each finding's verdict");
cl::SubCommand CleanCmd("clean",
                        "Remove the summary cache `check` would use "
                        "(exit 0: removed, or none there; 2: not racelint's "
                        "cache, or it could not be removed)");
cl::SubCommand EnvCmd("env", "Which Python `racelint confirm` would run, "
                             "whether it is free-threaded and the GIL is on");

// check
cl::list<std::string> Paths(cl::Positional, cl::desc("[PATH...]"),
                            cl::ZeroOrMore, cl::sub(CheckCmd),
                            cl::sub(ConfirmCmd), cl::cat(Category));
cl::opt<OutputFormat> Format(
    "output-format", cl::desc("Output format (default: full)"),
    cl::init(OutputFormat::Full),
    cl::values(
        clEnumValN(OutputFormat::Full, "full",
                   "path:line:col, the source line with a caret, notes, fix"),
        clEnumValN(OutputFormat::Concise, "concise", "one line per finding"),
        clEnumValN(OutputFormat::Json, "json",
                   "the JSON document of docs/json-output.md"),
        clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0 (code scanning)"),
        clEnumValN(OutputFormat::Github, "github",
                   "GitHub Actions annotations"),
        clEnumValN(OutputFormat::Html, "html", "one self-contained HTML page")),
    cl::sub(CheckCmd), cl::sub(ConfirmCmd), cl::cat(Category));
cl::opt<std::string>
    OutputFile("output-file", cl::desc("Write the output to FILE, not stdout"),
               cl::value_desc("FILE"), cl::sub(CheckCmd), cl::sub(ConfirmCmd),
               cl::sub(ReportCmd), cl::cat(Category));
cl::alias OutputFileShort("o", cl::desc("Alias for --output-file"),
                          cl::aliasopt(OutputFile), cl::cat(Category));
cl::opt<ColorMode> Color(
    "color", cl::desc("Colour the output (default: auto)"),
    cl::init(ColorMode::Auto),
    cl::values(clEnumValN(ColorMode::Auto, "auto",
                          "when stdout is a terminal and NO_COLOR is unset"),
               clEnumValN(ColorMode::Always, "always", "always"),
               clEnumValN(ColorMode::Never, "never", "never")),
    cl::sub(CheckCmd), cl::sub(ConfirmCmd), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Print no summary, note or progress"),
                    cl::sub(CheckCmd), cl::sub(ConfirmCmd), cl::sub(CleanCmd),
                    cl::cat(Category));
cl::alias QuietShort("q", cl::desc("Alias for --quiet"), cl::aliasopt(Quiet),
                     cl::cat(Category));
cl::opt<bool> Statistics("statistics",
                         cl::desc("Print the number of findings per rule "
                                  "instead of the findings"),
                         cl::sub(CheckCmd), cl::sub(ConfirmCmd),
                         cl::cat(Category));
cl::opt<bool> NoProgress("no-progress",
                         cl::desc("Never show the progress bar (shown on a "
                                  "terminal's stderr for runs over a second)"),
                         cl::sub(CheckCmd), cl::sub(ConfirmCmd),
                         cl::cat(Category));
cl::opt<bool> Timings("timings",
                      cl::desc("Print where the time went on stderr: pass 1, "
                               "pass 2, each rule, the cache"),
                      cl::sub(CheckCmd), cl::sub(ConfirmCmd),
                      cl::cat(Category));
cl::opt<std::string>
    BaselineFile("baseline",
                 cl::desc("Report only findings not in this baseline file"),
                 cl::value_desc("FILE"), cl::sub(CheckCmd), cl::sub(ConfirmCmd),
                 cl::cat(Category));
cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Write every finding to this baseline file and exit 0"),
    cl::value_desc("FILE"), cl::sub(CheckCmd), cl::sub(ConfirmCmd),
    cl::cat(Category));

// check and report
cl::list<std::string>
    Select("select",
           cl::desc("Report only these rules (comma-separated ids, or `all`)"),
           cl::value_desc("RULE,..."), cl::CommaSeparated, cl::sub(CheckCmd),
           cl::sub(ConfirmCmd), cl::sub(ReportCmd), cl::cat(Category));
cl::list<std::string> Ignore("ignore",
                             cl::desc("Do not report these rules "
                                      "(comma-separated ids)"),
                             cl::value_desc("RULE,..."), cl::CommaSeparated,
                             cl::sub(CheckCmd), cl::sub(ConfirmCmd),
                             cl::sub(ReportCmd), cl::cat(Category));
cl::list<std::string> Exclude(
    "exclude",
    cl::desc("Skip files and folders matching these globs (comma-separated)"),
    cl::value_desc("GLOB,..."), cl::CommaSeparated, cl::sub(CheckCmd),
    cl::sub(ConfirmCmd), cl::sub(ReportCmd), cl::cat(Category));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("Neither read nor write the summary cache"),
                      cl::init(false), cl::sub(CheckCmd), cl::sub(ConfirmCmd),
                      cl::sub(ReportCmd), cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("The summary cache's folder (default: RACELINT_CACHE_DIR, else "
             ".racelint_cache beside pyproject.toml or in the current folder)"),
    cl::value_desc("DIR"), cl::sub(CheckCmd), cl::sub(ConfirmCmd),
    cl::sub(ReportCmd), cl::sub(CleanCmd), cl::cat(Category));
cl::list<std::string> Context(
    "context",
    cl::desc("Also analyze the files under PATH as part of the project, but "
             "report only on the files named (for pre-commit: `--context .`)"),
    cl::value_desc("PATH"), cl::sub(CheckCmd), cl::sub(ConfirmCmd),
    cl::cat(Category));
cl::opt<bool> ForceExclude(
    "force-exclude",
    cl::desc("Apply the excludes to files named on the command line too"),
    cl::sub(CheckCmd), cl::sub(ConfirmCmd), cl::sub(ReportCmd),
    cl::cat(Category));
cl::opt<std::string>
    ConfigFile("config",
               cl::desc("Read this TOML file instead of the nearest "
                        "pyproject.toml's [tool.racelint]"),
               cl::value_desc("FILE"), cl::sub(CheckCmd), cl::sub(ConfirmCmd),
               cl::sub(ReportCmd), cl::sub(CleanCmd), cl::sub(EnvCmd),
               cl::cat(Category));
cl::opt<bool> Isolated("isolated", cl::desc("Read no configuration file"),
                       cl::sub(CheckCmd), cl::sub(ConfirmCmd),
                       cl::sub(ReportCmd), cl::sub(CleanCmd),
                       cl::cat(Category));
cl::opt<unsigned> Jobs("jobs",
                       cl::desc("Files analyzed in parallel (default: one per "
                                "core; at most four per core)"),
                       cl::value_desc("N"), cl::init(0), cl::sub(CheckCmd),
                       cl::sub(ConfirmCmd), cl::sub(ReportCmd),
                       cl::cat(Category));
cl::alias JobsShort("j", cl::desc("Alias for --jobs"), cl::aliasopt(Jobs),
                    cl::cat(Category));

// rule
cl::opt<std::string> RuleId(cl::Positional, cl::desc("<rule-id>"), cl::Required,
                            cl::sub(RuleCmd), cl::cat(Category));

// report
cl::opt<std::string> ReportDir(cl::Positional, cl::desc("<DIR>"), cl::Required,
                               cl::sub(ReportCmd), cl::cat(Category));
cl::opt<ReportFormat> ReportFmt(
    "format", cl::desc("Report format (default: text)"),
    cl::init(ReportFormat::Text),
    cl::values(clEnumValN(ReportFormat::Text, "text", "an aligned table"),
               clEnumValN(ReportFormat::Markdown, "markdown",
                          "a Markdown table"),
               clEnumValN(ReportFormat::Csv, "csv", "comma-separated values"),
               clEnumValN(ReportFormat::Html, "html", "one HTML page")),
    cl::sub(ReportCmd), cl::cat(Category));

// env
cl::opt<std::string> Python("python",
                            cl::desc("Use this interpreter instead of the one "
                                     "racelint would choose"),
                            cl::value_desc("PATH"), cl::sub(EnvCmd),
                            cl::sub(ConfirmCmd), cl::cat(Category));
cl::opt<unsigned> Runs("runs",
                       cl::desc("How many times confirm runs the target "
                                "(default: 20)"),
                       cl::init(20), cl::sub(ConfirmCmd), cl::cat(Category));
cl::opt<double> Timeout("timeout",
                        cl::desc("Seconds one run may take before its process "
                                 "group is killed (default: 20)"),
                        cl::init(20), cl::sub(ConfirmCmd), cl::cat(Category));
cl::opt<double> Wait("wait",
                     cl::desc("Seconds a paused thread waits for the other "
                              "thread of a race (default: 0.5)"),
                     cl::init(0.5), cl::sub(ConfirmCmd), cl::cat(Category));
cl::opt<uint64_t> Seed("seed",
                       cl::desc("Seed of the harness's choices, to replay a "
                                "confirmation (default: a new one, printed)"),
                       cl::init(0), cl::sub(ConfirmCmd), cl::cat(Category));
cl::opt<bool> InstallFreeThreaded(
    "install-free-threaded",
    cl::desc("Build and cache a free-threaded CPython 3.13 first "
             "(scripts/provision-python)"),
    cl::sub(EnvCmd), cl::cat(Category));

std::vector<std::string> trimmed(const cl::list<std::string> &L) {
  std::vector<std::string> Out;
  for (const std::string &S : L) {
    StringRef T = StringRef(S).trim();
    if (!T.empty())
      Out.push_back(T.str());
  }
  return Out;
}

void fillProjectOptions(ProjectOptions &O, const std::string &Executable) {
  if (Select.getNumOccurrences())
    O.Select = trimmed(Select);
  if (Ignore.getNumOccurrences())
    O.Ignore = trimmed(Ignore);
  if (Exclude.getNumOccurrences())
    O.Exclude = trimmed(Exclude);
  O.ForceExclude = ForceExclude;
  O.ConfigFile = ConfigFile;
  O.Isolated = Isolated;
  O.Jobs = Jobs;
  O.NoCache = NoCache;
  O.CacheDir = CacheDir;
  O.Executable = Executable;
}

int runCommandLine(int argc, char **argv) {
  cl::SetVersionPrinter(
      [](raw_ostream &OS) { OS << "racelint " << RACELINT_VERSION << "\n"; });
  // `confirm ... -- TARGET ARGS`: the target's words are not ours to parse.
  std::vector<const char *> Argv(argv, argv + argc);
  std::vector<std::string> Target;
  if (argc > 1 && StringRef(argv[1]) == "confirm")
    for (size_t I = 2; I < Argv.size(); ++I)
      if (StringRef(Argv[I]) == "--") {
        Target.assign(Argv.begin() + I + 1, Argv.end());
        Argv.resize(I);
        break;
      }
  const std::string Self = sys::fs::getMainExecutable(
      argv[0], reinterpret_cast<void *>(&runCommandLine));
  for (cl::SubCommand *Sub :
       {&*cl::TopLevelSubCommand, &CheckCmd, &RulesCmd, &RuleCmd, &ReportCmd,
        &EnvCmd, &ConfirmCmd, &CleanCmd})
    cl::HideUnrelatedOptions(Category, *Sub);
  if (!cl::ParseCommandLineOptions(
          static_cast<int>(Argv.size()), Argv.data(),
          "racelint: finds the Python code that races once the GIL is gone\n\n"
          "  racelint check [PATH...]      exit 0: no finding, 1: findings or "
          "files that could not be analyzed, 2: usage error or output that "
          "cannot be written\n"
          "  racelint rules | rule ID\n"
          "  racelint confirm [PATH...] -- TARGET [ARGS...]   check, then "
          "prove each finding under the harness\n"
          "  racelint report DIR\n"
          "  racelint env\n"
          "  racelint clean                remove the summary cache\n\n"
          "  `racelint SUBCOMMAND --help` lists the options of a subcommand.\n",
          &errs(), nullptr, /*LongOptionsUseDoubleDash=*/true))
    return ExitUsage;

  Driver D(outs(), errs());
  if (ConfirmCmd && Target.empty()) {
    errs() << "racelint: error: confirm needs a target: `racelint confirm "
              "[PATH...] -- script.py [ARGS]` or `-- -m module [ARGS]`\n";
    return ExitUsage;
  }
  if (CheckCmd || ConfirmCmd) {
    CheckOptions O;
    fillProjectOptions(O, Self);
    O.Paths = Paths;
    O.Context = Context;
    O.Format = Format;
    O.OutputFile = OutputFile;
    O.Color = Color;
    O.Quiet = Quiet;
    O.Statistics = Statistics;
    O.NoProgress = NoProgress;
    O.Timings = Timings;
    O.BaselineFile = BaselineFile;
    O.WriteBaselineFile = WriteBaseline;
    O.ExitAfter = true;
    if (ConfirmCmd) {
      ConfirmSettings C;
      C.Target = Target;
      C.Python = Python;
      C.Runs = Runs;
      C.Timeout = Timeout;
      C.Wait = Wait;
      C.Seed = Seed;
      C.Executable = Self;
      O.Confirm = std::move(C);
      // By default, analyze the target's folder.
      if (O.Paths.empty())
        O.Paths.push_back(
            Target[0] == "-m" || Target[0] == "-c"
                ? std::string(".")
                : (sys::path::parent_path(Target[0]).empty()
                       ? std::string(".")
                       : sys::path::parent_path(Target[0]).str()));
    }
    if (Color == ColorMode::Never)
      errs().enable_colors(false);
    else if (Color == ColorMode::Always)
      errs().enable_colors(true);
    return D.check(O);
  }
  if (RulesCmd)
    return D.listRules();
  if (RuleCmd)
    return D.showRule(RuleId);
  if (ReportCmd) {
    ReportOptions O;
    fillProjectOptions(O, Self);
    O.Dir = ReportDir;
    O.Format = ReportFmt;
    O.OutputFile = OutputFile;
    return D.report(O);
  }
  if (CleanCmd) {
    CleanOptions O;
    O.CacheDir = CacheDir;
    O.ConfigFile = ConfigFile;
    O.Isolated = Isolated;
    O.Quiet = Quiet;
    return D.clean(O);
  }
  if (EnvCmd) {
    EnvOptions O;
    O.Python = Python;
    O.ConfigFile = ConfigFile;
    O.InstallFreeThreaded = InstallFreeThreaded;
    O.Executable = Self;
    return D.env(O);
  }
  errs() << "racelint: error: a subcommand is needed (check, confirm, "
            "rules, rule, report, env, clean); see `racelint --help`\n";
  return ExitUsage;
}

/// Standard output on a full disk (or /dev/full): one line and exit status
/// 2, rather than the abort LLVM's stream gives when it is destroyed with an
/// error nobody read. Runs at exit, however the program ends (`--help` and
/// `--version` call exit() from the option parser).
void checkOutputAtExit() {
  outs().flush();
  if (!outs().has_error()) {
    errs().clear_error();
    return;
  }
  errs() << "racelint: error: cannot write the output: "
         << outs().error().message() << "\n";
  outs().clear_error();
  errs().clear_error();
  std::_Exit(ExitUsage);
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  // Past a file size limit (`ulimit -f`) a write fails with EFBIG, which
  // the output and the cache handle, instead of the signal killing the
  // run (LLVM's handler, installed above, would print a stack first).
  std::signal(SIGXFSZ, SIG_IGN);
  // The streams are made first, so they are destroyed after the check.
  (void)outs();
  (void)errs();
  std::atexit(checkOutputAtExit);
  return runCommandLine(argc, argv);
}
