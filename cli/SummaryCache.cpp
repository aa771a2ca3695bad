#include "SummaryCache.h"

#include "WriteFile.h"

#include "semantic/SummaryIO.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <optional>

namespace racelint {

namespace {

/// An entry: this line, the payload's xxHash64 (16 hex digits and a
/// newline), then the payload.
constexpr llvm::StringLiteral Magic = "racelint summary cache 3\n";

/// The first line of every CACHEDIR.TAG (https://bford.info/cachedir/),
/// then the line that says the cache is racelint's.
constexpr llvm::StringLiteral TagSignature =
    "Signature: 8a477f597d28d172789f06886806bc55\n";
constexpr llvm::StringLiteral TagOwner =
    "# This is a cache directory created by racelint.\n";

/// Whether the file \p Path is the CACHEDIR.TAG racelint writes.
bool isRacelintTag(const llvm::Twine &Path) {
  auto Text = llvm::MemoryBuffer::getFile(Path);
  return Text && (*Text)->getBuffer() == (TagSignature + TagOwner).str();
}

/// A binary's folder in the cache: 16 hex digits.
bool isBucketName(llvm::StringRef Name) {
  return Name.size() == 16 && llvm::all_of(Name, llvm::isHexDigit);
}

std::string hex64(uint64_t V) {
  std::string S = llvm::utohexstr(V, /*LowerCase=*/true);
  return std::string(16 - S.size(), '0') + S;
}

} // namespace

SummaryCache::SummaryCache(std::string Root, std::string ToolKey)
    : Root(std::move(Root)), Started(std::chrono::system_clock::now()) {
  // One folder per binary: a new build starts afresh and clears the others.
  llvm::SmallString<256> B(this->Root);
  llvm::sys::path::append(B, hex64(llvm::xxHash64(ToolKey)));
  Bucket = std::string(B);
}

std::string SummaryCache::toolKey(llvm::StringRef Version,
                                  llvm::StringRef ExecutablePath) {
  std::string Key = Version.str();
  llvm::sys::fs::file_status St;
  if (!ExecutablePath.empty() && !llvm::sys::fs::status(ExecutablePath, St))
    Key +=
        " " + std::to_string(St.getSize()) + " " +
        std::to_string(St.getLastModificationTime().time_since_epoch().count());
  return Key;
}

std::string SummaryCache::entryPath(llvm::StringRef Text,
                                    llvm::StringRef Module) const {
  uint64_t H =
      llvm::xxHash64(Text) ^ (llvm::xxHash64(Module) * 0x9E3779B97F4A7C15ull);
  std::string Name = hex64(H);
  llvm::SmallString<256> P(Bucket);
  llvm::sys::path::append(P, Name.substr(0, 2), Name.substr(2));
  return std::string(P);
}

FileAnalysis SummaryCache::analyze(std::unique_ptr<SourceFile> Source,
                                   std::string ModuleName,
                                   const ConcurrencyModels &Models,
                                   bool ScanTokensLater) {
  std::string Path = entryPath(Source->text(), ModuleName);
  if (llvm::Expected<llvm::sys::fs::file_t> FD =
          llvm::sys::fs::openNativeFileForRead(Path)) {
    llvm::sys::fs::file_status St;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
        std::make_error_code(std::errc::io_error);
    if (!llvm::sys::fs::status(*FD, St))
      Buf = llvm::MemoryBuffer::getOpenFile(*FD, Path, St.getSize(),
                                            /*RequiresNullTerminator=*/false);
    std::optional<FileAnalysis> Hit;
    if (Buf) {
      llvm::StringRef B = (*Buf)->getBuffer();
      FileAnalysis FA;
      if (B.consume_front(Magic) && B.size() >= 17 &&
          B.take_front(16) == hex64(llvm::xxHash64(B.drop_front(17))) &&
          deserializeFileFacts(B.drop_front(17), FA) &&
          FA.ModuleName == ModuleName)
        Hit = std::move(FA);
    }
    // Marks the entry used, so that prune() keeps it.
    if (Hit && St.getLastModificationTime() + std::chrono::hours(24) < Started)
      (void)llvm::sys::fs::setLastAccessAndModificationTime(*FD, Started);
    llvm::sys::fs::closeFile(*FD);
    if (Hit) {
      Hit->Source = std::move(Source);
      ++Hits;
      return std::move(*Hit);
    }
  } else {
    llvm::consumeError(FD.takeError());
  }
  ++Misses;
  FileAnalysis FA = analyzeFile(std::move(Source), std::move(ModuleName),
                                Models, ScanTokensLater);
  if (!FA.TokenScanPending)
    store(Path, FA);
  return FA;
}

void SummaryCache::finish(FileAnalysis &FA) {
  if (!FA.TokenScanPending)
    return;
  finishSyntaxErrors(FA);
  store(entryPath(FA.Source->text(), FA.ModuleName), FA);
}

void SummaryCache::store(const std::string &Path, const FileAnalysis &FA) {
  if (WriteFailed)
    return;
  if (!Prepared.exchange(true)) {
    // Marks the folder as a cache for backup tools and for git, and removes
    // the entries of other binaries; but --cache-dir may name a folder that
    // holds other things, and one racelint did not make is never tagged
    // (which would hide it from backups) nor swept.
    std::error_code EC;
    llvm::sys::fs::directory_iterator First(Root, EC);
    // A folder that cannot be listed is not known to be empty.
    bool Empty = EC ? EC == std::errc::no_such_file_or_directory
                    : First == llvm::sys::fs::directory_iterator();
    if (std::error_code MakeEC = llvm::sys::fs::create_directories(Root))
      return fail(Root, MakeEC);
    llvm::SmallString<256> Tag(Root), Ignore(Root);
    llvm::sys::path::append(Tag, "CACHEDIR.TAG");
    llvm::sys::path::append(Ignore, ".gitignore");
    bool Ours = isRacelintTag(Tag);
    if (Ours)
      for (llvm::sys::fs::directory_iterator It(Root, EC), End;
           !EC && It != End; It.increment(EC)) {
        llvm::StringRef Name = llvm::sys::path::filename(It->path());
        if (It->path() != Bucket && isBucketName(Name))
          llvm::sys::fs::remove_directories(It->path());
      }
    auto WriteOnce = [&](llvm::StringRef File, llvm::StringRef Text) {
      if (llvm::sys::fs::exists(File))
        return;
      if (std::error_code EC = writeFileAtomically(
              File, [&](llvm::raw_ostream &OS) { OS << Text; }))
        fail(File, EC);
    };
    if (Ours || Empty) {
      WriteOnce(Tag, (TagSignature + TagOwner).str());
      WriteOnce(Ignore, "# Created by racelint.\n*\n");
    }
  }
  if (WriteFailed)
    return;
  std::string Payload = serializeFileFacts(FA);
  llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
  if (std::error_code EC = llvm::sys::fs::create_directories(Parent))
    return fail(Parent, EC);
  // Another process writing the same entry at once writes the same bytes.
  if (std::error_code EC =
          writeFileAtomically(Path, [&](llvm::raw_ostream &OS) {
            OS << Magic << hex64(llvm::xxHash64(Payload)) << "\n" << Payload;
          }))
    return fail(Path, EC);
  ++Stored;
}

void SummaryCache::fail(const llvm::Twine &Path, std::error_code EC) {
  std::lock_guard<std::mutex> Lock(FailureMutex);
  if (Failure.empty())
    Failure = Path.str() + ": " + EC.message();
  WriteFailed = true;
}

std::string SummaryCache::writeFailure() const {
  std::lock_guard<std::mutex> Lock(FailureMutex);
  return Failure;
}

unsigned SummaryCache::prune() {
  if (!Stored)
    return 0;
  unsigned Count = 0;
  std::error_code EC;
  // The bucket holds 256 folders named by two hex digits, each holding
  // entries named by 14 more and, while one is written, `NAME.tmp-XXXXXXXX`.
  for (llvm::sys::fs::directory_iterator Dir(Bucket, EC), End;
       !EC && Dir != End; Dir.increment(EC)) {
    if (llvm::sys::path::filename(Dir->path()).size() != 2)
      continue;
    std::error_code FEC;
    for (llvm::sys::fs::directory_iterator It(Dir->path(), FEC);
         !FEC && It != End; It.increment(FEC)) {
      llvm::StringRef Name = llvm::sys::path::filename(It->path());
      llvm::ErrorOr<llvm::sys::fs::basic_file_status> St = It->status();
      if (!St || St->type() != llvm::sys::fs::file_type::regular_file)
        continue;
      auto Time = St->getLastModificationTime();
      bool Entry = Name.size() == 14 && llvm::all_of(Name, llvm::isHexDigit);
      bool Temporary = Name.contains(".tmp-");
      if ((Entry && Time + MaxIdle < Started) ||
          (Temporary && Time + std::chrono::hours(1) < Started))
        Count += !llvm::sys::fs::remove(It->path());
    }
  }
  Removed += Count;
  return Count;
}

llvm::Expected<SummaryCache::Removal>
SummaryCache::removeFolder(llvm::StringRef Root) {
  namespace fs = llvm::sys::fs;
  Removal R;
  auto Refuse = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Root + ": " + Why + "; nothing removed");
  };
  fs::file_status St;
  if (std::error_code EC = fs::status(Root, St, /*Follow=*/false)) {
    if (EC == std::errc::no_such_file_or_directory)
      return R;
    return Refuse("cannot read: " + EC.message());
  }
  R.Existed = true;
  // Never through a link: removing what it points to would remove a folder
  // racelint did not make under a name it did.
  if (St.type() != fs::file_type::directory_file)
    return Refuse("not a folder, so not racelint's summary cache");
  llvm::SmallString<256> Tag(Root);
  llvm::sys::path::append(Tag, "CACHEDIR.TAG");
  if (!isRacelintTag(Tag))
    return Refuse("no CACHEDIR.TAG of racelint's, so not racelint's summary "
                  "cache");
  std::error_code EC;
  for (fs::directory_iterator It(Root, EC), End; !EC && It != End;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    bool Known =
        Name == "CACHEDIR.TAG" || Name == ".gitignore" ||
        (isBucketName(Name) && It->type() == fs::file_type::directory_file);
    if (!Known)
      return Refuse("holds `" + Name +
                    "`, which racelint does not write there");
  }
  if (EC)
    return Refuse("cannot read: " + EC.message());
  for (fs::recursive_directory_iterator It(Root, EC, /*follow_symlinks=*/false),
       End;
       !EC && It != End; It.increment(EC)) {
    llvm::ErrorOr<fs::basic_file_status> S = It->status();
    if (S && S->type() == fs::file_type::regular_file && It.level() > 0) {
      ++R.Entries;
      R.Bytes += S->getSize();
    }
  }
  if (std::error_code RC = fs::remove_directories(Root, /*IgnoreErrors=*/false))
    return llvm::createStringError(RC,
                                   Root + ": cannot remove: " + RC.message());
  return R;
}

} // namespace racelint
