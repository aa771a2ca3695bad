#include "semantic/ModuleBuilder.h"

#include "SourceFile.h"
#include "parse/SyntaxTree.h"
#include "semantic/NamePool.h"
#include "threads/ConcurrencyModels.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

namespace racelint {

std::string Ref::dotted() const {
  std::string S = Name.str();
  for (llvm::StringRef A : Attrs) {
    S += '.';
    S += A;
  }
  return S;
}

const Value &FunctionSummary::assigned(const Event &E) const {
  static const Value None;
  return E.K != Event::Kind::Assign || E.Side == Event::NoIndex
             ? None
             : AssignedValues[E.Side];
}

namespace {

/// A name scope: the module, a class body or a function (lambdas included).
struct Scope {
  enum class Kind : uint8_t { Module, Class, Function } K;
  int Function = 0; ///< the function summary events go to
  int Parent = -1;  ///< enclosing scope
  std::string Qual; ///< prefix of nested definitions' qualified names
  std::string SelfName, ClassQual;
  bool ClassMethod = false;
  llvm::StringSet<> Locals, GlobalDecls, NonlocalDecls, ComprehensionVars;
  llvm::StringMap<std::string> Imports;

  Scope() = default;
  // StringMap's move does not allocate but is not declared noexcept; saying
  // so lets the vector of scopes move them, not copy them, when it grows.
  Scope(Scope &&) noexcept = default;
  Scope &operator=(Scope &&) noexcept = default;
};

/// A node the builder needs to see again when the walk leaves it.
struct Frame {
  enum class Kind : uint8_t {
    Scope,
    Block,
    If,
    Condition,
    Guarded,
    Loop,
    Assign,
    AugAssign,
    With,
    Try,
    TryBody,
    Return,
    BoolOp,
  } K;
  const void *Id;
  Frame(Kind K, const void *Id) : K(K), Id(Id) {}
  unsigned Depth = 0;
  uint32_t FirstEvent = 0;
  size_t GuardMark = 0;
  /// If: tests of the conditions so far; BoolOp: the right operand's id.
  llvm::SmallVector<uint32_t, 4> Tests;
  const void *Child = nullptr;
  /// If / Loop: the condition node.
  const void *CondId = nullptr;
  /// Assign / AugAssign: the targets, as unresolved references.
  llvm::SmallVector<std::pair<Ref, bool>, 1> Targets;
  Value Assigned;
  uint32_t TargetBegin = 0, TargetEnd = 0;
  /// With: regions opened and `as` variables.
  llvm::SmallVector<uint16_t, 2> Regions;
  llvm::SmallVector<Ref, 1> AsVars;
  /// Try: element reads of the body, which `except KeyError` tests.
  llvm::SmallVector<uint32_t, 4> BodyReads;
  bool ConsequenceExits = false;
  bool ExitsFunction = false;
  bool HasElse = false;
};

class Builder {
public:
  Builder(const SyntaxTree &Tree, const SourceFile &Src, llvm::StringRef Mod,
          const ConcurrencyModels &Models)
      : Tree(Tree), Src(Src), G(Grammar::get()), Models(Models),
        M(std::make_unique<ModuleSummary>()), Lists(*M) {
    M->Name = Mod.str();
    IsPackage = llvm::StringRef(Src.path()).endswith("__init__.py") ||
                llvm::StringRef(Src.path()).endswith("__init__.pyi");
  }

  std::unique_ptr<ModuleSummary> run();

private:
  const SyntaxTree &Tree;
  const SourceFile &Src;
  const Grammar &G;
  const ConcurrencyModels &Models;
  std::unique_ptr<ModuleSummary> M;
  ListKeeper Lists; ///< M's attribute and element lists
  bool IsPackage = false;

  std::vector<Scope> Scopes;
  std::vector<int> ScopeStack;
  std::vector<Frame> Frames;
  llvm::DenseSet<const void *> Consumed;
  llvm::DenseMap<const void *, int> LambdaFunctions;
  std::vector<Ref> PendingDecorators;
  unsigned Depth = 0;

  // Per-function walking state, for the innermost function scope.
  struct FnState {
    int Scope;
    unsigned LoopDepth = 0, CondDepth = 0, ReturnDepth = 0;
    std::vector<uint32_t> Guards;
    /// Tests of an `if` whose body returns or raises: they guard the rest
    /// of the function, whatever block it is in.
    std::vector<uint32_t> ExitGuards;
    std::vector<uint16_t> OpenRegions;
    uint32_t StmtBegin = 0;
  };
  std::vector<FnState> Fns;

  Scope &scope() { return Scopes[ScopeStack.back()]; }
  FunctionSummary &fn() {
    return M->Functions[Scopes[Fns.back().Scope].Function];
  }
  FnState &st() { return Fns.back(); }

  bool enter(TSNode N);
  void leave(TSNode N);

  // Helpers.
  /// \p S interned, for a Ref::Name, an attribute or Event::Method.
  llvm::StringRef intern(llvm::StringRef S) { return internName(S); }
  /// \p A with \p Attr after it, kept in the module's Lists.
  llvm::ArrayRef<llvm::StringRef> withAttr(llvm::ArrayRef<llvm::StringRef> A,
                                           llvm::StringRef Attr) {
    llvm::SmallVector<llvm::StringRef, 8> L(A.begin(), A.end());
    L.push_back(Attr);
    return Lists.keep(L);
  }
  /// \p A backwards, kept in the module's Lists.
  llvm::ArrayRef<llvm::StringRef> reversed(llvm::ArrayRef<llvm::StringRef> A) {
    llvm::SmallVector<llvm::StringRef, 8> L(A.rbegin(), A.rend());
    return Lists.keep(L);
  }
  static const void *id(TSNode N) { return N.id; }
  void consume(TSNode N) {
    if (!isNull(N))
      Consumed.insert(id(N));
  }
  llvm::StringRef text(TSNode N) const { return Tree.text(N); }
  TSNode unparen(TSNode N) const {
    while (!isNull(N) && kind(N) == G.ParenthesizedExpression &&
           ts_node_named_child_count(N) == 1)
      N = ts_node_named_child(N, 0);
    return N;
  }
  /// The reference an identifier / attribute chain names, unresolved; an
  /// invalid Ref for anything else.
  Ref chain(TSNode N, bool *IsSuper = nullptr);
  Value valueOf(TSNode N);
  uint32_t emitAccess(AccessKind K, const Ref &R, TSNode At, bool Element,
                      llvm::StringRef Method = {});
  /// Emits the Assign event `Target = V` over [Begin, End).
  void emitAssign(Ref Target, Value V, uint32_t Begin, uint32_t End);
  uint32_t emit(Event E);
  /// `team[3].run` also reads an element of `team`.
  void emitElementPrefix(const Ref &R, TSNode At) {
    for (size_t I = 0; I < R.Attrs.size(); ++I)
      if (R.Attrs[I] == "[]") {
        Ref C = R;
        C.Attrs = C.Attrs.take_front(I);
        emitAccess(AccessKind::Read, C, At, true);
        return;
      }
  }
  void declareLocal(llvm::StringRef Name);
  void bindTargets(TSNode Target, Frame &F);
  void handleCall(TSNode N);
  /// Records `guarded-by=` / `thread-confined` comments on the line of an
  /// assignment to \p Target.
  void recordAnnotations(uint32_t At, const Ref &Target);
  void handleImport(TSNode N);
  void openFunction(TSNode N, TSNode Params, llvm::StringRef Name, bool Lambda);
  void resolveAll();
  /// Frees what the vectors of the summary reserved beyond their size: the
  /// summary lives until the end of the run.
  void releaseSlack();
  void resolve(Ref &R, int ScopeIdx);
  void resolveUncached(Ref &R, int ScopeIdx);
  /// (scope, name length, pooled name) -> what resolve() made of it (None:
  /// nothing, a comprehension variable).
  llvm::DenseMap<std::pair<std::pair<int, unsigned>, const char *>,
                 std::pair<Ref::BaseKind, llvm::StringRef>>
      Resolved;
  void resolveValue(Value &V, int ScopeIdx);
  /// 0: the block falls through; 1: it ends in `continue` / `break`; 2: in
  /// `return` / `raise`.
  int blockExits(TSNode Block) const;
};

Ref Builder::chain(TSNode N, bool *IsSuper) {
  Ref R;
  N = unparen(N);
  llvm::SmallVector<llvm::StringRef, 4> Attrs;
  while (!isNull(N) && (kind(N) == G.Attribute || kind(N) == G.Subscript)) {
    if (kind(N) == G.Subscript) {
      // `team[3].run`: an element of `team`, written as the member `[]`.
      if (Attrs.empty())
        return Ref(); // a bare subscript is an element access, not a name
      Attrs.push_back("[]");
      N = unparen(childByField(N, G.FValue));
      continue;
    }
    TSNode A = childByField(N, G.FAttribute);
    if (isNull(A))
      return Ref();
    Attrs.push_back(intern(text(A)));
    N = unparen(childByField(N, G.FObject));
  }
  if (isNull(N))
    return Ref();
  if (kind(N) == G.Call && IsSuper) {
    TSNode F = childByField(N, G.FFunction);
    if (!isNull(F) && kind(F) == G.Identifier && text(F) == "super") {
      *IsSuper = true;
      R.Name = intern("super");
      R.Attrs = reversed(Attrs);
      return R;
    }
    return Ref();
  }
  if (kind(N) != G.Identifier)
    return Ref();
  R.Name = intern(text(N));
  R.Attrs = reversed(Attrs);
  return R; // Base None + Name: unresolved until the module is complete
}

Value Builder::valueOf(TSNode N) {
  Value V;
  N = unparen(N);
  if (isNull(N))
    return V;
  TSSymbol K = kind(N);
  if (K == G.Identifier || K == G.Attribute) {
    V.R = chain(N);
    if (!V.R.Name.empty())
      V.K = Value::Kind::Reference;
    return V;
  }
  if (K == G.Lambda) {
    auto It = LambdaFunctions.find(id(N));
    if (It == LambdaFunctions.end()) {
      int Idx = static_cast<int>(M->Functions.size());
      M->Functions.emplace_back();
      LambdaFunctions[id(N)] = Idx;
      V.Function = Idx;
    } else {
      V.Function = It->second;
    }
    V.K = Value::Kind::Lambda;
    return V;
  }
  if (K == G.Subscript) {
    Ref C = chain(childByField(N, G.FValue));
    if (!C.Name.empty()) {
      C.Attrs = withAttr(C.Attrs, "[]");
      V.K = Value::Kind::Reference;
      V.R = C;
    }
    return V;
  }
  if (K == G.GeneratorExpression) {
    V.K = Value::Kind::Generator;
    return V;
  }
  if (K == G.Tuple || K == G.List || K == G.ExpressionList || K == G.Set ||
      K == G.ListComprehension || K == G.SetComprehension) {
    V.K = Value::Kind::Sequence;
    llvm::SmallVector<Ref, 16> Elems;
    uint32_t Count = ts_node_named_child_count(N);
    for (uint32_t I = 0; I < Count && I < 16; ++I) {
      TSNode E = unparen(ts_node_named_child(N, I));
      Elems.push_back(chain(E));
      // The element type: the class the elements are made from.
      if (V.R.Name.empty() && kind(E) == G.Call)
        V.R = chain(childByField(E, G.FFunction));
    }
    V.Elems = Lists.elements(Elems);
    return V;
  }
  if (K == G.Call) {
    TSNode F = childByField(N, G.FFunction);
    Ref Callee = chain(F);
    if (Callee.Name.empty())
      return V;
    V.K = Value::Kind::Call;
    V.R = Callee;
    // functools.partial(f, a, b): keep f and the bound arguments; resolved
    // later, so record the shape for every call and let pass 2 decide.
    TSNode Args = childByField(N, G.FArguments);
    if (!isNull(Args)) {
      llvm::SmallVector<Ref, 16> Elems;
      uint32_t Count = ts_node_named_child_count(Args);
      for (uint32_t I = 0; I < Count && I < 16; ++I) {
        TSNode A = ts_node_named_child(Args, I);
        if (kind(A) == G.KeywordArgument)
          continue;
        if (kind(unparen(A)) == G.Lambda && I == 0) {
          Value L = valueOf(A);
          V.Function = L.Function;
          Elems.push_back(Ref());
          continue;
        }
        Elems.push_back(chain(A));
      }
      V.Elems = Lists.elements(Elems);
    }
    return V;
  }
  return V;
}

/// Stores \p List at the end of \p Pool, unless \p Last already holds it.
template <typename T>
PooledList pool(SummaryVector<T> &Pool, llvm::ArrayRef<T> List,
                PooledList Last) {
  if (List.empty())
    return {};
  if (llvm::ArrayRef<T>(Pool).slice(Last.Begin, Last.Size) == List)
    return Last;
  PooledList Stored{static_cast<uint32_t>(Pool.size()),
                    static_cast<uint32_t>(List.size())};
  Pool.insert(Pool.end(), List.begin(), List.end());
  return Stored;
}

uint32_t Builder::emit(Event E) {
  FunctionSummary &F = fn();
  FnState &S = st();
  E.StmtBegin = S.StmtBegin;
  E.InLoop = S.LoopDepth > 0;
  E.InReturn = S.ReturnDepth > 0;
  llvm::SmallVector<uint32_t, 8> Guards(S.ExitGuards.begin(),
                                        S.ExitGuards.end());
  Guards.append(S.Guards.begin(), S.Guards.end());
  // Consecutive events mostly share their lists: compare with the last one.
  PooledList LastRegions, LastGuards;
  if (!F.Events.empty()) {
    LastRegions = F.Events.back().regionList();
    LastGuards = F.Events.back().guardList();
  }
  // An event keeps at most MaxListSize guards, the innermost ones.
  llvm::ArrayRef<uint32_t> Kept = llvm::makeArrayRef(Guards).take_back(
      std::min<size_t>(Guards.size(), Event::MaxListSize));
  E.setRegions(
      pool(F.RegionPool, llvm::makeArrayRef(S.OpenRegions), LastRegions));
  E.setGuards(pool(F.GuardPool, Kept, LastGuards));
  F.Events.push_back(std::move(E));
  return static_cast<uint32_t>(F.Events.size() - 1);
}

uint32_t Builder::emitAccess(AccessKind K, const Ref &R, TSNode At,
                             bool Element, llvm::StringRef Method) {
  Event E;
  E.K = Event::Kind::Access;
  E.Access =
      (K == AccessKind::Read && st().CondDepth > 0) ? AccessKind::Test : K;
  E.Target = R;
  E.Element = Element;
  E.setMethod(intern(Method));
  E.Begin = ts_node_start_byte(At);
  E.End = ts_node_end_byte(At);
  return emit(std::move(E));
}

void Builder::emitAssign(Ref Target, Value V, uint32_t Begin, uint32_t End) {
  FunctionSummary &F = fn();
  Event E;
  E.K = Event::Kind::Assign;
  E.Target = std::move(Target);
  E.Side = static_cast<uint32_t>(F.AssignedValues.size());
  F.AssignedValues.push_back(std::move(V));
  E.Begin = Begin;
  E.End = End;
  emit(std::move(E));
}

void Builder::declareLocal(llvm::StringRef Name) {
  Scope &S = scope();
  if (S.K == Scope::Kind::Class)
    return;
  if (S.GlobalDecls.contains(Name) || S.NonlocalDecls.contains(Name))
    return;
  S.Locals.insert(Name);
  if (S.K == Scope::Kind::Module)
    M->Globals[Name] = 1;
}

/// Records the places \p Target stores to. In a class body a bare name is a
/// class attribute.
void Builder::bindTargets(TSNode Target, Frame &F) {
  llvm::SmallVector<TSNode, 8> Work{Target};
  while (!Work.empty()) {
    TSNode T = unparen(Work.pop_back_val());
    if (isNull(T))
      continue;
    consume(T);
    TSSymbol K = kind(T);
    if (K == G.PatternList || K == G.TuplePattern || K == G.ListPattern ||
        K == G.Tuple || K == G.List || K == G.ExpressionList) {
      uint32_t Count = ts_node_named_child_count(T);
      for (uint32_t I = 0; I < Count; ++I)
        Work.push_back(ts_node_named_child(T, I));
      continue;
    }
    if (K == G.ListSplatPattern || K == G.ListSplat) {
      if (ts_node_named_child_count(T))
        Work.push_back(ts_node_named_child(T, 0));
      continue;
    }
    if (K == G.Identifier) {
      Ref R;
      if (scope().K == Scope::Kind::Class) {
        R.Base = Ref::BaseKind::ClassObj;
        R.Name = intern(scope().ClassQual);
        R.Attrs = withAttr(R.Attrs, intern(text(T)));
      } else {
        declareLocal(text(T));
        R.Name = intern(text(T));
      }
      F.Targets.push_back({R, false});
      continue;
    }
    if (K == G.Attribute) {
      Ref R = chain(T);
      if (!R.Name.empty())
        F.Targets.push_back({R, false});
      else
        Consumed.erase(id(T)); // `f().x = v`: let the walk see the base
      continue;
    }
    if (K == G.Subscript) {
      TSNode Obj = childByField(T, G.FValue);
      Ref R = chain(Obj);
      if (!R.Name.empty()) {
        F.Targets.push_back({R, true});
        consume(Obj);
      } else {
        Consumed.erase(id(T));
      }
      continue;
    }
  }
}

void Builder::openFunction(TSNode N, TSNode Params, llvm::StringRef Name,
                           bool Lambda) {
  int Idx;
  auto It = LambdaFunctions.find(id(N));
  if (Lambda && It != LambdaFunctions.end()) {
    Idx = It->second;
  } else {
    Idx = static_cast<int>(M->Functions.size());
    M->Functions.emplace_back();
  }
  Scope &Outer = scope();
  FunctionSummary &F = M->Functions[Idx];
  F.Name = Lambda ? "<lambda>" : Name.str();
  F.IsLambda = Lambda;
  F.Begin = ts_node_start_byte(N);
  F.End = ts_node_end_byte(N);
  F.NameBegin = F.Begin;
  if (!Lambda) {
    TSNode NameNode = childByField(N, G.FName);
    if (!isNull(NameNode))
      F.NameBegin = ts_node_start_byte(NameNode);
  }
  std::string LambdaName;
  if (Lambda) {
    Position P = Src.position(F.Begin);
    LambdaName = "<lambda:" + std::to_string(P.Line) + ":" +
                 std::to_string(P.Column) + ">";
  }
  F.QualName = Outer.Qual + "." + (Lambda ? LambdaName : Name.str());
  F.Parent = Scopes[Fns.empty() ? 0 : Fns.back().Scope].Function;
  if (Outer.K == Scope::Kind::Class) {
    F.ClassQual = Outer.ClassQual;
    F.Parent = Outer.Function;
  }
  F.Decorators.assign(PendingDecorators.begin(), PendingDecorators.end());
  PendingDecorators.clear();
  for (const Ref &D : F.Decorators) {
    if (D.Attrs.empty() && D.Name == "staticmethod")
      F.IsStatic = true;
    if (D.Attrs.empty() && D.Name == "classmethod")
      F.IsClassMethod = true;
  }
  if (!Lambda && Outer.K != Scope::Kind::Class)
    declareLocal(Name);
  if (Outer.K == Scope::Kind::Class && !Lambda)
    M->Classes.back().Methods[Name] = Idx;

  Scope S;
  S.K = Scope::Kind::Function;
  S.Function = Idx;
  S.Parent = ScopeStack.back();
  S.Qual = F.QualName;
  // Parameters.
  if (!isNull(Params)) {
    uint32_t Count = ts_node_named_child_count(Params);
    for (uint32_t I = 0; I < Count; ++I) {
      TSNode P = ts_node_named_child(Params, I);
      TSNode NameNode = P;
      TSSymbol K = kind(P);
      if (K == G.DefaultParameter || K == G.TypedDefaultParameter)
        NameNode = childByField(P, G.FName);
      else if (K == G.TypedParameter || K == G.ListSplatPattern ||
               K == G.DictionarySplatPattern)
        NameNode =
            ts_node_named_child_count(P) ? ts_node_named_child(P, 0) : TSNode{};
      if (isNull(NameNode) || kind(NameNode) != G.Identifier)
        continue;
      std::string PName = text(NameNode).str();
      F.Params.push_back(PName);
      S.Locals.insert(PName);
    }
  }
  if (!F.ClassQual.empty() && !F.IsStatic && !F.Params.empty()) {
    S.SelfName = F.Params.front();
    S.ClassMethod = F.IsClassMethod;
  }
  S.ClassQual = F.ClassQual;
  Scopes.push_back(std::move(S));
  ScopeStack.push_back(static_cast<int>(Scopes.size() - 1));
  FnState FS;
  FS.Scope = ScopeStack.back();
  FS.StmtBegin = F.Begin;
  Fns.push_back(std::move(FS));
  consume(Params);
  consume(childByField(N, G.FName));
  Frame Fr{Frame::Kind::Scope, id(N)};
  Fr.Depth = Depth;
  Frames.push_back(std::move(Fr));
  if (Lambda)
    st().ReturnDepth = 1; // a lambda's body is its return value
}

void Builder::handleImport(TSNode N) {
  consume(N);
  auto Bind = [&](llvm::StringRef Local, llvm::StringRef Target) {
    Scope &S = scope();
    if (S.K == Scope::Kind::Module) {
      M->Imports[Local] = Target.str();
      M->Globals.erase(Local);
    } else if (S.K == Scope::Kind::Function) {
      S.Imports[Local] = Target.str();
    }
  };
  auto dottedText = [&](TSNode D) {
    std::string Out;
    for (char C : text(D))
      if (C != ' ' && C != '\t' && C != '\\' && C != '\n' && C != '\r')
        Out += C;
    return Out;
  };
  if (kind(N) == G.ImportStatement) {
    uint32_t Count = ts_node_named_child_count(N);
    for (uint32_t I = 0; I < Count; ++I) {
      TSNode C = ts_node_named_child(N, I);
      if (kind(C) == G.DottedName) {
        std::string Full = dottedText(C);
        std::string Head = Full.substr(0, Full.find('.'));
        Bind(Head, Head);
      } else if (kind(C) == G.AliasedImport) {
        TSNode Name = childByField(C, G.FName);
        TSNode Alias = childByField(C, G.FAlias);
        if (!isNull(Name) && !isNull(Alias))
          Bind(text(Alias), dottedText(Name));
      }
    }
    return;
  }
  // from X import a, b as c
  TSNode ModNode = childByField(N, G.FModuleName);
  if (isNull(ModNode))
    return;
  std::string Base;
  if (kind(ModNode) == G.RelativeImport) {
    llvm::StringRef T = text(ModNode);
    size_t Dots = T.find_first_not_of('.');
    if (Dots == llvm::StringRef::npos)
      Dots = T.size();
    std::string Pkg = M->Name;
    // `.` is the package of this module: the module itself for __init__.
    size_t Up = IsPackage ? Dots - 1 : Dots;
    for (size_t I = 0; I < Up; ++I) {
      size_t P = Pkg.rfind('.');
      Pkg = P == std::string::npos ? std::string() : Pkg.substr(0, P);
    }
    std::string Rest = T.drop_front(Dots).str();
    Base = Pkg.empty() ? Rest : (Rest.empty() ? Pkg : Pkg + "." + Rest);
  } else {
    Base = dottedText(ModNode);
  }
  uint32_t Count = ts_node_named_child_count(N);
  for (uint32_t I = 0; I < Count; ++I) {
    TSNode C = ts_node_named_child(N, I);
    if (id(C) == id(ModNode))
      continue;
    if (kind(C) == G.DottedName) {
      std::string Name = dottedText(C);
      Bind(Name, Base.empty() ? Name : Base + "." + Name);
    } else if (kind(C) == G.AliasedImport) {
      TSNode Name = childByField(C, G.FName);
      TSNode Alias = childByField(C, G.FAlias);
      if (!isNull(Name) && !isNull(Alias)) {
        std::string Full = dottedText(Name);
        Bind(text(Alias), Base.empty() ? Full : Base + "." + Full);
      }
    }
  }
}

void Builder::handleCall(TSNode N) {
  TSNode F = unparen(childByField(N, G.FFunction));
  TSNode Args = childByField(N, G.FArguments);
  if (isNull(F))
    return;
  bool IsSuper = false;
  Ref Callee = chain(F, &IsSuper);
  if (Callee.Name.empty()) {
    // `", ".join(items)` walks `items`.
    if (kind(F) == G.Attribute &&
        text(childByField(F, G.FAttribute)) == "join" && !isNull(Args) &&
        ts_node_named_child_count(Args) == 1) {
      TSNode A = ts_node_named_child(Args, 0);
      Ref R = chain(A);
      if (!R.Name.empty()) {
        emitAccess(AccessKind::Iterate, R, A, false, "join");
        consume(A);
      }
    }
    return; // a call of a call's result or of a subscript: walk it normally
  }
  consume(F);

  llvm::SmallVector<TSNode, 4> Pos;
  llvm::SmallVector<Value, 4> Positional;
  llvm::SmallVector<KeywordArg, 2> Keywords;
  Event E;
  E.K = Event::Kind::Call;
  E.Begin = ts_node_start_byte(N);
  E.End = ts_node_end_byte(N);
  E.InCondition = st().CondDepth > 0;
  if (!isNull(Args) && kind(Args) == G.ArgumentList) {
    uint32_t Count = ts_node_named_child_count(Args);
    for (uint32_t I = 0; I < Count; ++I) {
      TSNode A = ts_node_named_child(Args, I);
      if (kind(A) == G.KeywordArgument) {
        TSNode Name = childByField(A, G.FName);
        TSNode Val = childByField(A, G.FValue);
        consume(Name);
        if (!isNull(Name) && !isNull(Val))
          Keywords.push_back({intern(text(Name)), valueOf(Val)});
        continue;
      }
      if (kind(A) == G.Comment)
        continue;
      Pos.push_back(A);
      Positional.push_back(valueOf(A));
    }
  }
  // Stored only after valueOf(), which may add lambdas' summaries.
  if (!Positional.empty() || !Keywords.empty()) {
    FunctionSummary &Fn = fn();
    CallArgs C;
    C.PosBegin = static_cast<uint32_t>(Fn.ArgValues.size());
    C.PosCount = static_cast<uint32_t>(Positional.size());
    C.KwBegin = static_cast<uint32_t>(Fn.KeywordArgs.size());
    C.KwCount = static_cast<uint32_t>(Keywords.size());
    Fn.ArgValues.insert(Fn.ArgValues.end(),
                        std::make_move_iterator(Positional.begin()),
                        std::make_move_iterator(Positional.end()));
    Fn.KeywordArgs.insert(Fn.KeywordArgs.end(),
                          std::make_move_iterator(Keywords.begin()),
                          std::make_move_iterator(Keywords.end()));
    E.Side = static_cast<uint32_t>(Fn.CallArguments.size());
    Fn.CallArguments.push_back(C);
  }
  if (IsSuper)
    Callee.Base = Ref::BaseKind::Super, Callee.Name = {};

  // Accesses the call itself makes on its receiver or argument.
  if (!Callee.Attrs.empty() && !IsSuper) {
    Ref Recv = Callee;
    llvm::StringRef Method = Recv.Attrs.back();
    Recv.Attrs = Recv.Attrs.drop_back();
    emitElementPrefix(Recv, F);
    if (Method == "acquire") {
      FunctionSummary &Fn = fn();
      LockRegion R;
      R.Lock = Recv;
      R.Begin = E.End;
      R.End = Fn.End;
      R.FromWith = false;
      R.AcquireBegin = E.Begin;
      R.AcquireEnd = E.End;
      TSNode Parent = ts_node_parent(N);
      R.ResultIgnored =
          !isNull(Parent) && kind(Parent) == G.ExpressionStatement;
      if (!isNull(Args))
        for (uint32_t I = 0; I < ts_node_named_child_count(Args); ++I) {
          TSNode A = ts_node_named_child(Args, I);
          if (kind(A) == G.False ||
              (kind(A) == G.KeywordArgument &&
               (text(childByField(A, G.FName)) == "timeout" ||
                (text(childByField(A, G.FName)) == "blocking" &&
                 text(childByField(A, G.FValue)) != "True"))) ||
              I == 1)
            R.NonBlocking = true;
        }
      Fn.Regions.push_back(std::move(R));
      st().OpenRegions.push_back(static_cast<uint16_t>(Fn.Regions.size() - 1));
    } else if (Method == "release") {
      FunctionSummary &Fn = fn();
      auto &Open = st().OpenRegions;
      for (size_t I = Open.size(); I-- > 0;) {
        LockRegion &R = Fn.Regions[Open[I]];
        if (!R.FromWith && R.Lock == Recv) {
          R.End = E.Begin;
          R.Released = true;
          R.ReleaseBegin = E.Begin;
          for (TSNode P = ts_node_parent(N); !isNull(P);
               P = ts_node_parent(P)) {
            TSSymbol PK = kind(P);
            if (PK == G.FinallyClause) {
              R.ReleaseInFinally = true;
              break;
            }
            if (PK == G.FunctionDefinition || PK == G.Module)
              break;
          }
          Open.erase(Open.begin() + I);
          break;
        }
      }
    } else if (Models.isMutatingMethod(Method)) {
      uint32_t Ev = emitAccess(AccessKind::MutCall, Recv, N, false, Method);
      // pop(k, default) needs the arity.
      fn().Events[Ev].Side = E.Side;
    } else if (Models.isIteratingMethod(Method) || Method == "send" ||
               Method == "__next__") {
      emitAccess(AccessKind::Iterate, Recv, N, false, Method);
    } else if (Method == "get") {
      emitAccess(AccessKind::Read, Recv, N, true, Method);
    } else {
      emitAccess(AccessKind::Read, Recv, F, false, Method);
    }
  } else if (Callee.Attrs.empty() && !Pos.empty()) {
    Ref Arg0 = chain(Pos[0]);
    llvm::StringRef Name = Callee.Name;
    // `list(d.items())` is a snapshot too: the view is copied in one call.
    TSNode Inner = unparen(Pos[0]);
    if (Pos.size() == 1 && Models.isSnapshotBuiltin(Name) &&
        kind(Inner) == G.Call) {
      Ref View = chain(childByField(Inner, G.FFunction));
      if (View.Attrs.size() >= 1 &&
          Models.isIteratingMethod(View.Attrs.back())) {
        View.Attrs = View.Attrs.drop_back();
        emitAccess(AccessKind::Iterate, View, Inner, false, Name);
        consume(Inner);
      }
    }
    if (!Arg0.Name.empty()) {
      if (Name == "len") {
        emitAccess(AccessKind::Read, Arg0, Pos[0], false, "len");
        consume(Pos[0]);
      } else if (Name == "next") {
        emitAccess(AccessKind::Iterate, Arg0, N, false, "next");
        consume(Pos[0]);
      } else if (Models.isSnapshotBuiltin(Name) && Pos.size() == 1) {
        // `list(d)` copies under the container's lock on free-threaded
        // CPython: one atomic call (still a consumption of a generator).
        emitAccess(AccessKind::Iterate, Arg0, Pos[0], false, Name);
        consume(Pos[0]);
      } else if (Models.isIteratingBuiltin(Name) &&
                 !(Pos.size() > 1 && (Name == "max" || Name == "min"))) {
        // zip(a, b) walks both; map(f, xs) and filter(f, xs) walk xs.
        size_t First = (Name == "map" || Name == "filter") ? 1 : 0;
        size_t Last = Name == "zip" || Name == "map" ? Pos.size() : First + 1;
        for (size_t I = First; I < Last && I < Pos.size(); ++I) {
          Ref A = chain(Pos[I]);
          if (A.Name.empty())
            continue;
          emitAccess(AccessKind::Iterate, A, Pos[I], false, Name);
          consume(Pos[I]);
        }
      } else if ((Name == "hasattr" || Name == "getattr" || Name == "setattr" ||
                  Name == "delattr") &&
                 Pos.size() >= 2 && kind(Pos[1]) == G.String) {
        llvm::StringRef Lit = text(Pos[1]).trim("\"'");
        Ref Attr = Arg0;
        Attr.Attrs = withAttr(Attr.Attrs, intern(Lit));
        AccessKind K = Name == "setattr"   ? AccessKind::Write
                       : Name == "delattr" ? AccessKind::Delete
                                           : AccessKind::Read;
        emitAccess(K, Attr, N, false, Name);
        consume(Pos[0]);
        consume(Pos[1]);
      }
    }
  }
  E.Target = std::move(Callee);
  emit(std::move(E));
}

int Builder::blockExits(TSNode Block) const {
  if (isNull(Block))
    return 0;
  uint32_t Count = ts_node_named_child_count(Block);
  for (uint32_t I = Count; I-- > 0;) {
    TSNode Last = ts_node_named_child(Block, I);
    if (kind(Last) == G.Comment)
      continue;
    TSSymbol K = kind(Last);
    if (K == G.ReturnStatement || K == G.RaiseStatement)
      return 2;
    return K == G.ContinueStatement || K == G.BreakStatement ? 1 : 0;
  }
  return 0;
}

void Builder::recordAnnotations(uint32_t At, const Ref &Target) {
  unsigned Line = Src.position(At).Line;
  llvm::StringRef Text = Src.lineText(Line);
  size_t Hash = Text.find('#');
  if (Hash == llvm::StringRef::npos || !Text.contains("racelint:"))
    return;
  llvm::StringRef Rest = Text.drop_front(Hash);
  while (true) {
    size_t P = Rest.find("racelint:");
    if (P == llvm::StringRef::npos)
      break;
    Rest = Rest.drop_front(P + 9).ltrim();
    Annotation A;
    A.Line = Line;
    A.Function = Scopes[Fns.back().Scope].Function;
    A.Target = Target;
    if (Rest.startswith("guarded-by=")) {
      llvm::StringRef Expr = Rest.drop_front(11).take_while(
          [](char C) { return llvm::isAlnum(C) || C == '_' || C == '.'; });
      A.K = Annotation::Kind::GuardedBy;
      A.LockText = Expr.str();
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Expr.split(Parts, '.');
      A.Lock.Name = Parts.empty() ? llvm::StringRef() : intern(Parts[0]);
      for (size_t I = 1; I < Parts.size(); ++I)
        A.Lock.Attrs = withAttr(A.Lock.Attrs, intern(Parts[I]));
      M->Annotations.push_back(std::move(A));
    } else if (Rest.startswith("thread-confined")) {
      A.K = Annotation::Kind::ThreadConfined;
      M->Annotations.push_back(std::move(A));
    }
  }
}

bool Builder::enter(TSNode N) {
  ++Depth;
  if (Consumed.count(id(N)))
    return false;
  TSSymbol K = kind(N);

  // Statement starts, for suppression comments on multi-line statements.
  if (!Frames.empty() && Frames.back().K == Frame::Kind::Block &&
      Frames.back().Depth + 1 == Depth && !Fns.empty())
    st().StmtBegin = ts_node_start_byte(N);

  // Children that some enclosing construct is waiting for.
  if (!Frames.empty()) {
    Frame &Top = Frames.back();
    if (Top.Child == id(N)) {
      if (Top.K == Frame::Kind::If || Top.K == Frame::Kind::Loop) {
        Frame Fr{Frame::Kind::Guarded, id(N)};
        Fr.Depth = Depth;
        Fr.GuardMark = st().Guards.size();
        for (uint32_t T : Top.Tests)
          st().Guards.push_back(T);
        Frames.push_back(std::move(Fr));
      } else if (Top.K == Frame::Kind::BoolOp) {
        Frame Fr{Frame::Kind::Guarded, id(N)};
        Fr.Depth = Depth;
        Fr.GuardMark = st().Guards.size();
        const auto &Ev = fn().Events;
        for (uint32_t I = Top.FirstEvent; I < Ev.size(); ++I)
          if (Ev[I].K == Event::Kind::Access &&
              Ev[I].Access == AccessKind::Test)
            st().Guards.push_back(I);
        Frames.push_back(std::move(Fr));
      } else if (Top.K == Frame::Kind::Try) {
        Frame Fr{Frame::Kind::TryBody, id(N)};
        Fr.Depth = Depth;
        Fr.FirstEvent = static_cast<uint32_t>(fn().Events.size());
        Frames.push_back(std::move(Fr));
      }
    }
  }

  if (!Frames.empty() && Frames.back().CondId == id(N) &&
      (Frames.back().K == Frame::Kind::If ||
       Frames.back().K == Frame::Kind::Loop)) {
    Frame Fr{Frame::Kind::Condition, id(N)};
    Fr.Depth = Depth;
    Fr.FirstEvent = static_cast<uint32_t>(fn().Events.size());
    ++st().CondDepth;
    Frames.push_back(std::move(Fr));
  }

  if (K == G.Module) {
    Frame Fr{Frame::Kind::Block, id(N)};
    Fr.Depth = Depth;
    Frames.push_back(std::move(Fr));
    return true;
  }
  if (K == G.Block) {
    Frame Fr{Frame::Kind::Block, id(N)};
    Fr.Depth = Depth;
    Fr.GuardMark = st().Guards.size();
    Frames.push_back(std::move(Fr));
    return true;
  }
  if (K == G.Comment || K == G.String || K == G.Integer || K == G.Float)
    return false;
  if (K == G.Yield)
    fn().IsGenerator = true;
  if (K == G.ReturnStatement || K == G.RaiseStatement ||
      K == G.BreakStatement || K == G.ContinueStatement)
    fn().Exits.push_back(ts_node_start_byte(N));
  if (K == G.DecoratedDefinition) {
    uint32_t Count = ts_node_named_child_count(N);
    for (uint32_t I = 0; I < Count; ++I) {
      TSNode D = ts_node_named_child(N, I);
      if (kind(D) != G.Decorator)
        continue;
      consume(D);
      TSNode E =
          ts_node_named_child_count(D) ? ts_node_named_child(D, 0) : TSNode{};
      if (!isNull(E) && kind(E) == G.Call)
        E = childByField(E, G.FFunction);
      Ref R = chain(E);
      if (!R.Name.empty())
        PendingDecorators.push_back(R);
    }
    return true;
  }
  if (K == G.FunctionDefinition) {
    TSNode Name = childByField(N, G.FName);
    openFunction(N, childByField(N, G.FParameters),
                 isNull(Name) ? "<anonymous>" : text(Name), false);
    consume(childByField(N, G.FType));
    return true;
  }
  if (K == G.Lambda) {
    openFunction(N, childByField(N, G.FParameters), "<lambda>", true);
    return true;
  }
  if (K == G.ClassDefinition) {
    TSNode Name = childByField(N, G.FName);
    std::string CName = isNull(Name) ? "<anonymous>" : text(Name).str();
    declareLocal(CName);
    ClassSummary C;
    C.Name = CName;
    C.QualName = scope().Qual + "." + CName;
    C.Begin = ts_node_start_byte(N);
    C.NameBegin = isNull(Name) ? C.Begin : ts_node_start_byte(Name);
    PendingDecorators.clear();
    TSNode Supers = childByField(N, G.FSuperclasses);
    if (!isNull(Supers)) {
      uint32_t Count = ts_node_named_child_count(Supers);
      for (uint32_t I = 0; I < Count; ++I) {
        Ref R = chain(ts_node_named_child(Supers, I));
        if (!R.Name.empty())
          C.Bases.push_back(R);
      }
      consume(Supers);
    }
    consume(Name);
    // Class annotations sit on the `class` line.
    Position P = Src.position(C.Begin);
    llvm::StringRef Line = Src.lineText(P.Line);
    size_t Hash = Line.find('#');
    if (Hash != llvm::StringRef::npos) {
      llvm::StringRef Comment = Line.drop_front(Hash);
      C.ThreadSafe = Comment.contains("racelint: thread-safe");
      C.ThreadConfined = Comment.contains("racelint: thread-confined");
    }
    M->Classes.push_back(std::move(C));
    Scope S;
    S.K = Scope::Kind::Class;
    S.Function = Scopes[ScopeStack.back()].Function;
    S.Parent = ScopeStack.back();
    S.Qual = M->Classes.back().QualName;
    S.ClassQual = S.Qual;
    Scopes.push_back(std::move(S));
    ScopeStack.push_back(static_cast<int>(Scopes.size() - 1));
    Frame Fr{Frame::Kind::Scope, id(N)};
    Fr.Depth = Depth;
    Frames.push_back(std::move(Fr));
    return true;
  }
  if (K == G.ImportStatement || K == G.ImportFromStatement ||
      K == G.FutureImportStatement) {
    handleImport(N);
    return false;
  }
  if (K == G.GlobalStatement || K == G.NonlocalStatement) {
    uint32_t Count = ts_node_named_child_count(N);
    for (uint32_t I = 0; I < Count; ++I) {
      TSNode C = ts_node_named_child(N, I);
      if (kind(C) != G.Identifier)
        continue;
      if (K == G.GlobalStatement)
        scope().GlobalDecls.insert(text(C));
      else
        scope().NonlocalDecls.insert(text(C));
      scope().Locals.erase(text(C));
    }
    return false;
  }
  if (K == G.Assignment || K == G.AugmentedAssignment) {
    TSNode Left = childByField(N, G.FLeft);
    TSNode Right = childByField(N, G.FRight);
    if (K == G.Assignment && isNull(Right)) {
      consume(Left); // a bare annotation binds nothing
      consume(childByField(N, G.FType));
      return false;
    }
    Frame Fr{K == G.Assignment ? Frame::Kind::Assign : Frame::Kind::AugAssign,
             id(N)};
    Fr.Depth = Depth;
    Fr.FirstEvent = static_cast<uint32_t>(fn().Events.size());
    Fr.TargetBegin = ts_node_start_byte(Left);
    Fr.TargetEnd = ts_node_end_byte(Left);
    bindTargets(Left, Fr);
    if (K == G.Assignment)
      Fr.Assigned = valueOf(Right);
    consume(childByField(N, G.FType));
    Frames.push_back(std::move(Fr));
    return true;
  }
  if (K == G.DeleteStatement) {
    Frame Tmp{Frame::Kind::Assign, id(N)};
    uint32_t Count = ts_node_named_child_count(N);
    for (uint32_t I = 0; I < Count; ++I)
      bindTargets(ts_node_named_child(N, I), Tmp);
    for (auto &T : Tmp.Targets)
      emitAccess(AccessKind::Delete, T.first, N, T.second);
    return true;
  }
  if (K == G.NamedExpression) {
    TSNode Name = childByField(N, G.FName);
    if (!isNull(Name) && kind(Name) == G.Identifier) {
      declareLocal(text(Name));
      consume(Name);
    }
    return true;
  }
  if (K == G.IfStatement || K == G.ElifClause || K == G.WhileStatement) {
    TSNode Cond = childByField(N, G.FCondition);
    TSNode Body =
        childByField(N, K == G.WhileStatement ? G.FBody : G.FConsequence);
    Frame Fr{K == G.WhileStatement ? Frame::Kind::Loop : Frame::Kind::If,
             id(N)};
    Fr.Depth = Depth;
    Fr.FirstEvent = static_cast<uint32_t>(fn().Events.size());
    Fr.Child = isNull(Body) ? nullptr : id(Body);
    Fr.CondId = isNull(Cond) ? nullptr : id(Cond);
    Fr.ConsequenceExits = K == G.IfStatement && blockExits(Body) != 0;
    Fr.ExitsFunction = K == G.IfStatement && blockExits(Body) == 2;
    // An elif is guarded by the tests of the branches before it.
    if (K == G.ElifClause && !Frames.empty() &&
        Frames.back().K == Frame::Kind::If)
      Fr.Tests = Frames.back().Tests;
    if (K == G.WhileStatement)
      ++st().LoopDepth;
    Frames.push_back(std::move(Fr));
    return true;
  }
  if (K == G.ElseClause) {
    // Guarded by every test of the enclosing if.
    if (!Frames.empty() && Frames.back().K == Frame::Kind::If) {
      Frame &If = Frames.back();
      If.HasElse = true;
      Frame Fr{Frame::Kind::Guarded, id(N)};
      Fr.Depth = Depth;
      Fr.GuardMark = st().Guards.size();
      for (uint32_t T : If.Tests)
        st().Guards.push_back(T);
      Frames.push_back(std::move(Fr));
    }
    return true;
  }
  if (K == G.ConditionalExpression) {
    // `a if c else b`: the condition comes second in the text but runs first.
    uint32_t Count = ts_node_named_child_count(N);
    if (Count >= 2) {
      TSNode Cond = ts_node_named_child(N, 1);
      Frame Fr{Frame::Kind::Guarded, id(N)};
      Fr.Depth = Depth;
      Fr.GuardMark = st().Guards.size();
      llvm::SmallVector<TSNode, 8> Work{Cond};
      ++st().CondDepth;
      while (!Work.empty()) {
        TSNode C = unparen(Work.pop_back_val());
        if (isNull(C))
          continue;
        TSSymbol CK = kind(C);
        if (CK == G.Identifier || CK == G.Attribute) {
          Ref R = chain(C);
          if (!R.Name.empty()) {
            st().Guards.push_back(emitAccess(AccessKind::Read, R, C, false));
            continue;
          }
        }
        if (CK == G.Subscript) {
          Ref R = chain(childByField(C, G.FValue));
          if (!R.Name.empty()) {
            st().Guards.push_back(emitAccess(AccessKind::Read, R, C, true));
            continue;
          }
        }
        if (CK == G.Lambda)
          continue;
        uint32_t CC = ts_node_named_child_count(C);
        for (uint32_t I = 0; I < CC && Work.size() < 64; ++I)
          Work.push_back(ts_node_named_child(C, I));
      }
      --st().CondDepth;
      consume(Cond);
      Frames.push_back(std::move(Fr));
    }
    return true;
  }
  if (K == G.BooleanOperator && !Fns.empty() && st().CondDepth > 0) {
    Frame Fr{Frame::Kind::BoolOp, id(N)};
    Fr.Depth = Depth;
    Fr.FirstEvent = static_cast<uint32_t>(fn().Events.size());
    TSNode Right = childByField(N, G.FRight);
    Fr.Child = isNull(Right) ? nullptr : id(Right);
    Frames.push_back(std::move(Fr));
    return true;
  }
  if (K == G.ForStatement || K == G.ForInClause) {
    TSNode Left = childByField(N, G.FLeft);
    TSNode Right = childByField(N, G.FRight);
    Frame Tmp{Frame::Kind::Assign, id(N)};
    if (K == G.ForInClause) {
      // Comprehension variables are local to the comprehension.
      llvm::SmallVector<TSNode, 4> Work{Left};
      while (!Work.empty()) {
        TSNode T = Work.pop_back_val();
        if (isNull(T))
          continue;
        consume(T);
        if (kind(T) == G.Identifier)
          scope().ComprehensionVars.insert(text(T));
        uint32_t CC = ts_node_named_child_count(T);
        for (uint32_t I = 0; I < CC && Work.size() < 64; ++I)
          Work.push_back(ts_node_named_child(T, I));
      }
    } else {
      bindTargets(Left, Tmp);
    }
    Ref R = chain(Right);
    // `for agent in team[:2]:` walks `team` too.
    if (R.Name.empty() && !isNull(Right) &&
        kind(unparen(Right)) == G.Subscript) {
      R = chain(childByField(unparen(Right), G.FValue));
      if (!R.Name.empty())
        consume(childByField(unparen(Right), G.FValue));
    }
    // `for agent in agents:` gives `agent` the element type of `agents`.
    if (K == G.ForStatement && !R.Name.empty() && !isNull(Left) &&
        kind(Left) == G.Identifier) {
      Ref Var;
      Var.Name = intern(text(Left));
      Value Elem;
      Elem.K = Value::Kind::Reference;
      Elem.R = R;
      Elem.R.Attrs = withAttr(Elem.R.Attrs, "[]");
      emitAssign(std::move(Var), std::move(Elem), ts_node_start_byte(Left),
                 ts_node_end_byte(Left));
    }
    if (!R.Name.empty()) {
      emitAccess(AccessKind::Iterate, R, Right, false);
      consume(Right);
    }
    if (K == G.ForStatement) {
      Frame Fr{Frame::Kind::Loop, id(N)};
      Fr.Depth = Depth;
      Frames.push_back(std::move(Fr));
      ++st().LoopDepth;
    }
    return true;
  }
  if (K == G.ListComprehension || K == G.SetComprehension ||
      K == G.DictionaryComprehension || K == G.GeneratorExpression) {
    Frame Fr{Frame::Kind::Loop, id(N)};
    Fr.Depth = Depth;
    Frames.push_back(std::move(Fr));
    ++st().LoopDepth;
    return true;
  }
  if (K == G.WithStatement) {
    Frame Fr{Frame::Kind::With, id(N)};
    Fr.Depth = Depth;
    TSNode Body = childByField(N, G.FBody);
    // with_clause > with_item(value: expr | as_pattern(expr, alias))
    llvm::SmallVector<TSNode, 4> Items;
    uint32_t Count = ts_node_named_child_count(N);
    for (uint32_t I = 0; I < Count; ++I) {
      TSNode C = ts_node_named_child(N, I);
      if (kind(C) == G.WithClause) {
        uint32_t CC = ts_node_named_child_count(C);
        for (uint32_t J = 0; J < CC; ++J)
          if (kind(ts_node_named_child(C, J)) == G.WithItem)
            Items.push_back(ts_node_named_child(C, J));
      }
    }
    for (TSNode Item : Items) {
      TSNode V = childByField(Item, G.FValue);
      TSNode Alias{};
      if (!isNull(V) && llvm::StringRef(ts_node_type(V)) == "as_pattern") {
        Alias = childByField(V, G.FAlias);
        V = ts_node_named_child_count(V) ? ts_node_named_child(V, 0) : V;
      }
      Ref R = chain(V);
      if (!R.Name.empty() && isNull(Alias)) {
        FunctionSummary &Fn = fn();
        LockRegion LR;
        LR.Lock = R;
        LR.Begin =
            isNull(Body) ? ts_node_end_byte(Item) : ts_node_start_byte(Body);
        LR.End = ts_node_end_byte(N);
        Fn.Regions.push_back(std::move(LR));
        uint16_t RI = static_cast<uint16_t>(Fn.Regions.size() - 1);
        Fr.Regions.push_back(RI);
        consume(V);
        emitAccess(AccessKind::Read, R, V, false, "__enter__");
      }
      if (!isNull(Alias)) {
        TSNode Target = ts_node_named_child_count(Alias)
                            ? ts_node_named_child(Alias, 0)
                            : Alias;
        consume(Alias);
        if (kind(Target) == G.Identifier) {
          declareLocal(text(Target));
          Ref AR;
          AR.Name = intern(text(Target));
          emitAssign(AR, valueOf(V), ts_node_start_byte(Item),
                     ts_node_end_byte(Item));
          Fr.AsVars.push_back(AR);
        }
      }
    }
    for (uint16_t RI : Fr.Regions)
      st().OpenRegions.push_back(RI);
    Frames.push_back(std::move(Fr));
    return true;
  }
  if (K == G.TryStatement) {
    Frame Fr{Frame::Kind::Try, id(N)};
    Fr.Depth = Depth;
    TSNode Body = childByField(N, G.FBody);
    Fr.Child = isNull(Body) ? nullptr : id(Body);
    Frames.push_back(std::move(Fr));
    return true;
  }
  if (K == G.ExceptClause) {
    // `except KeyError:` / `except IndexError` / bare `except`: the body acts
    // on what the try body's element reads found missing.
    Frame *Try = nullptr;
    for (size_t I = Frames.size(); I-- > 0;)
      if (Frames[I].K == Frame::Kind::Try) {
        Try = &Frames[I];
        break;
      }
    llvm::StringRef T = text(N).take_until([](char C) { return C == ':'; });
    bool Lookup = T.contains("KeyError") || T.contains("IndexError") ||
                  T.contains("LookupError") || T.trim() == "except";
    if (Try && Lookup && !Try->BodyReads.empty()) {
      Frame Fr{Frame::Kind::Guarded, id(N)};
      Fr.Depth = Depth;
      Fr.GuardMark = st().Guards.size();
      for (uint32_t R : Try->BodyReads)
        st().Guards.push_back(R);
      Frames.push_back(std::move(Fr));
    }
    // `except E as name` binds a local.
    TSNode Alias = childByField(N, G.FAlias);
    if (!isNull(Alias) && kind(Alias) == G.Identifier)
      declareLocal(text(Alias));
    return true;
  }
  if (K == G.ReturnStatement) {
    Frame Fr{Frame::Kind::Return, id(N)};
    Fr.Depth = Depth;
    Frames.push_back(std::move(Fr));
    ++st().ReturnDepth;
    return true;
  }
  if (K == G.KeywordArgument) {
    consume(childByField(N, G.FName));
    return true;
  }
  if (K == G.Call) {
    handleCall(N);
    return true;
  }
  if (K == G.Subscript) {
    TSNode Obj = childByField(N, G.FValue);
    Ref R = chain(Obj);
    if (!R.Name.empty()) {
      emitAccess(AccessKind::Read, R, N, true);
      consume(Obj);
    }
    return true;
  }
  if (K == G.Identifier || K == G.Attribute) {
    Ref R = chain(N);
    if (R.Name.empty()) {
      // A chain on a call or subscript: walk the base, not the member name.
      if (K == G.Attribute)
        consume(childByField(N, G.FAttribute));
      return true;
    }
    emitAccess(AccessKind::Read, R, N, false);
    emitElementPrefix(R, N);
    return false;
  }
  // Conditions: a node that is the condition of the innermost if/while.
  return true;
}

void Builder::leave(TSNode N) {
  // Conditions are recognized here, on the way out of their first token?
  // No: they are handled by enterCondition below; see run().
  while (!Frames.empty() && Frames.back().Id == id(N)) {
    Frame Fr = std::move(Frames.back());
    Frames.pop_back();
    switch (Fr.K) {
    case Frame::Kind::Scope: {
      bool IsFunction = Scopes[ScopeStack.back()].K == Scope::Kind::Function;
      ScopeStack.pop_back();
      if (IsFunction)
        Fns.pop_back();
      break;
    }
    case Frame::Kind::Block:
      if (!Fns.empty() && st().Guards.size() > Fr.GuardMark)
        st().Guards.resize(Fr.GuardMark);
      break;
    case Frame::Kind::Guarded:
      st().Guards.resize(std::min(st().Guards.size(), Fr.GuardMark));
      break;
    case Frame::Kind::Condition: {
      --st().CondDepth;
      // Hand the condition's tests to its if / elif / while.
      if (!Frames.empty()) {
        const auto &Ev = fn().Events;
        for (uint32_t I = Fr.FirstEvent; I < Ev.size(); ++I)
          if ((Ev[I].K == Event::Kind::Access &&
               Ev[I].Access == AccessKind::Test) ||
              (Ev[I].K == Event::Kind::Call && Ev[I].InCondition))
            Frames.back().Tests.push_back(I);
      }
      break;
    }
    case Frame::Kind::If:
      // `if k in d: return d[k]` guards the rest of the block.
      if (Fr.ConsequenceExits && !Fr.HasElse)
        for (uint32_t T : Fr.Tests)
          (Fr.ExitsFunction ? st().ExitGuards : st().Guards).push_back(T);
      // An elif's tests also guard the else that follows it.
      if (kind(N) == G.ElifClause && !Frames.empty() &&
          Frames.back().K == Frame::Kind::If)
        Frames.back().Tests = Fr.Tests;
      break;
    case Frame::Kind::Loop:
      if (st().LoopDepth > 0)
        --st().LoopDepth;
      // After `while not items: wait()` the code relies on the test.
      if (kind(N) == G.WhileStatement)
        for (uint32_t T : Fr.Tests)
          st().ExitGuards.push_back(T);
      break;
    case Frame::Kind::Assign:
    case Frame::Kind::AugAssign: {
      auto &Ev = fn().Events;
      for (auto &T : Fr.Targets) {
        bool RMW = Fr.K == Frame::Kind::AugAssign;
        if (!RMW) {
          // `x = x + 1`, `d[k] = d.get(k, 0) + 1`: the value reads the target.
          for (uint32_t I = Fr.FirstEvent; I < Ev.size(); ++I) {
            const Event &E = Ev[I];
            if (E.K == Event::Kind::Access &&
                (E.Access == AccessKind::Read || E.Access == AccessKind::Test ||
                 E.Access == AccessKind::Iterate) &&
                E.Begin >= Fr.TargetEnd && E.Target == T.first &&
                (E.Element == T.second || E.method() == "get")) {
              RMW = true;
              break;
            }
          }
        }
        Event E;
        E.K = Event::Kind::Access;
        E.Access = RMW ? AccessKind::ReadModifyWrite : AccessKind::Write;
        E.Target = T.first;
        E.Element = T.second;
        E.Begin = Fr.TargetBegin;
        E.End = ts_node_end_byte(N);
        uint32_t Idx = emit(std::move(E));
        // The access range is the target for writes, the whole statement
        // for read-modify-writes.
        if (!RMW)
          fn().Events[Idx].End = Fr.TargetEnd;
      }
      if (Fr.K == Frame::Kind::Assign && Fr.Targets.size() == 1 &&
          !Fr.Targets[0].second)
        recordAnnotations(Fr.TargetBegin, Fr.Targets[0].first);
      if (Fr.K == Frame::Kind::Assign && Fr.Targets.size() == 1 &&
          !Fr.Targets[0].second)
        emitAssign(Fr.Targets[0].first, std::move(Fr.Assigned), Fr.TargetBegin,
                   ts_node_end_byte(N));
      break;
    }
    case Frame::Kind::With: {
      auto &Open = st().OpenRegions;
      for (uint16_t RI : Fr.Regions)
        Open.erase(std::remove(Open.begin(), Open.end(), RI), Open.end());
      for (const Ref &V : Fr.AsVars) {
        Event E;
        E.K = Event::Kind::ScopeExit;
        E.Target = V;
        E.Begin = E.End = ts_node_end_byte(N);
        emit(std::move(E));
      }
      break;
    }
    case Frame::Kind::TryBody: {
      // Record the body's element reads on the enclosing try.
      auto &Ev = fn().Events;
      for (size_t I = Frames.size(); I-- > 0;)
        if (Frames[I].K == Frame::Kind::Try) {
          for (uint32_t E = Fr.FirstEvent; E < Ev.size(); ++E)
            if (Ev[E].K == Event::Kind::Access && Ev[E].Element &&
                (Ev[E].Access == AccessKind::Read ||
                 Ev[E].Access == AccessKind::Test))
              Frames[I].BodyReads.push_back(E);
          break;
        }
      break;
    }
    case Frame::Kind::Return:
      --st().ReturnDepth;
      break;
    case Frame::Kind::Try:
    case Frame::Kind::BoolOp:
      break;
    }
  }
  --Depth;
}

void Builder::resolve(Ref &R, int ScopeIdx) {
  if (R.Base != Ref::BaseKind::None || R.Name.empty())
    return;
  // Every name is resolved once per scope; Names are pooled, so the pointer
  // and length identify the text.
  auto Key = std::make_pair(
      std::make_pair(ScopeIdx, static_cast<unsigned>(R.Name.size())),
      R.Name.data());
  auto Known = Resolved.find(Key);
  if (Known != Resolved.end()) {
    if (Known->second.first == Ref::BaseKind::None)
      R = Ref();
    else {
      R.Base = Known->second.first;
      R.Name = Known->second.second;
    }
    return;
  }
  resolveUncached(R, ScopeIdx);
  Resolved[Key] = {R.Base, R.Name};
}

void Builder::resolveUncached(Ref &R, int ScopeIdx) {
  const std::string Head = R.Name.str();
  int S = ScopeIdx;
  // Class bodies do not enclose their methods' names.
  while (S >= 0) {
    const Scope &Sc = Scopes[S];
    if (Sc.K == Scope::Kind::Class) {
      S = Sc.Parent;
      continue;
    }
    if (Sc.K == Scope::Kind::Module)
      break;
    if (Sc.GlobalDecls.contains(Head)) {
      S = 0;
      break;
    }
    if (Sc.ComprehensionVars.contains(Head) && !Sc.Locals.contains(Head)) {
      R = Ref();
      return;
    }
    auto Imp = Sc.Imports.find(Head);
    if (Imp != Sc.Imports.end()) {
      R.Base = Ref::BaseKind::Qualified;
      R.Name = intern(Imp->second);
      return;
    }
    if (Sc.Locals.contains(Head)) {
      if (!Sc.SelfName.empty() && Head == Sc.SelfName) {
        R.Base = Sc.ClassMethod ? Ref::BaseKind::ClassObj : Ref::BaseKind::Self;
        R.Name = intern(Sc.ClassQual);
        return;
      }
      R.Base = Ref::BaseKind::Local;
      R.Name = intern(M->Functions[Sc.Function].QualName + "::" + Head);
      return;
    }
    S = Sc.Parent;
  }
  const Scope &Mod = Scopes[0];
  if (Mod.ComprehensionVars.contains(Head) && !Mod.Locals.contains(Head)) {
    R = Ref();
    return;
  }
  auto Imp = M->Imports.find(Head);
  if (Imp != M->Imports.end()) {
    R.Base = Ref::BaseKind::Qualified;
    R.Name = intern(Imp->second);
    return;
  }
  if (M->Globals.count(Head) || Mod.Locals.contains(Head) ||
      Scopes[ScopeIdx].GlobalDecls.contains(Head)) {
    R.Base = Ref::BaseKind::Global;
    R.Name = intern(M->Name + "." + Head);
    return;
  }
  // A builtin or an unknown name.
  R.Base = Ref::BaseKind::Qualified;
  R.Name = intern("builtins." + Head);
}

/// Calls \p Visit on each value the events of \p F hold.
template <typename Callback>
void forEachValue(FunctionSummary &F, Callback Visit) {
  for (Value &V : F.AssignedValues)
    Visit(V);
  for (Value &V : F.ArgValues)
    Visit(V);
  for (KeywordArg &KV : F.KeywordArgs)
    Visit(KV.second);
}

void Builder::resolveValue(Value &V, int ScopeIdx) {
  resolve(V.R, ScopeIdx);
  for (Ref &E : V.Elems)
    resolve(E, ScopeIdx);
}

void Builder::resolveAll() {
  // Map each function to its scope.
  std::vector<int> ScopeOf(M->Functions.size(), 0);
  for (size_t I = 0; I < Scopes.size(); ++I)
    if (Scopes[I].K == Scope::Kind::Function)
      ScopeOf[Scopes[I].Function] = static_cast<int>(I);
  for (size_t FI = 0; FI < M->Functions.size(); ++FI) {
    FunctionSummary &F = M->Functions[FI];
    int S = ScopeOf[FI];
    for (Event &E : F.Events)
      resolve(E.Target, S);
    forEachValue(F, [&](Value &V) { resolveValue(V, S); });
    for (LockRegion &R : F.Regions)
      resolve(R.Lock, S);
    for (Ref &D : F.Decorators)
      resolve(D, ScopeOf[F.Parent < 0 ? 0 : F.Parent]);
  }
  for (ClassSummary &C : M->Classes)
    for (Ref &B : C.Bases)
      resolve(B, 0);
  for (Annotation &A : M->Annotations) {
    int S = ScopeOf[A.Function];
    resolve(A.Target, S);
    if (!A.Lock.Name.empty())
      resolve(A.Lock, S);
  }
  // Accesses of names that resolve to nothing (comprehension variables).
  for (FunctionSummary &F : M->Functions) {
    for (Event &E : F.Events)
      if (E.K == Event::Kind::Access && !E.Target.valid())
        E.K = Event::Kind::Dropped;
  }
}

void Builder::releaseSlack() {
  for (FunctionSummary &F : M->Functions) {
    shrinkToFit(F.Params);
    shrinkToFit(F.Decorators);
    shrinkToFit(F.Events);
    shrinkToFit(F.CallArguments);
    shrinkToFit(F.ArgValues);
    shrinkToFit(F.KeywordArgs);
    shrinkToFit(F.AssignedValues);
    shrinkToFit(F.RegionPool);
    shrinkToFit(F.GuardPool);
    shrinkToFit(F.Regions);
    shrinkToFit(F.Exits);
  }
  M->Functions.shrink_to_fit();
  M->Classes.shrink_to_fit();
  M->Annotations.shrink_to_fit();
}

std::unique_ptr<ModuleSummary> Builder::run() {
  // The module body is function 0 and scope 0.
  M->Functions.emplace_back();
  FunctionSummary &Body = M->Functions[0];
  Body.QualName = M->Name;
  Body.Name = "<module>";
  Body.IsModuleBody = true;
  Body.Begin = 0;
  Body.End = static_cast<uint32_t>(Src.parseText().size());
  Scope S;
  S.K = Scope::Kind::Module;
  S.Function = 0;
  S.Qual = M->Name;
  Scopes.push_back(std::move(S));
  ScopeStack.push_back(0);
  FnState FS;
  FS.Scope = 0;
  Fns.push_back(std::move(FS));

  walkTree(
      Tree.root(), [&](TSNode N) { return enter(N); },
      [&](TSNode N) { leave(N); });
  resolveAll();
  releaseSlack();
  return std::move(M);
}

} // namespace

std::unique_ptr<ModuleSummary>
buildModuleSummary(const SyntaxTree &Tree, const SourceFile &Source,
                   llvm::StringRef ModuleName,
                   const ConcurrencyModels &Models) {
  return Builder(Tree, Source, ModuleName, Models).run();
}

} // namespace racelint
