#pragma once

#include <tree_sitter/api.h>

namespace racelint {

/// The node kinds and field names of tree-sitter-python that racelint reads,
/// resolved once to the grammar's numeric ids so that the walks compare
/// integers.
struct Grammar {
  // Statements and definitions.
  TSSymbol Module, Block, FunctionDefinition, ClassDefinition,
      DecoratedDefinition, Decorator, IfStatement, ElifClause, ElseClause,
      ForStatement, WhileStatement, TryStatement, ExceptClause, FinallyClause,
      WithStatement, WithClause, WithItem, ReturnStatement, RaiseStatement,
      BreakStatement, ContinueStatement, PassStatement, ExpressionStatement,
      DeleteStatement, GlobalStatement, NonlocalStatement, ImportStatement,
      ImportFromStatement, FutureImportStatement, AliasedImport, DottedName,
      RelativeImport, WildcardImport, MatchStatement, AssertStatement;
  // Expressions.
  TSSymbol Assignment, AugmentedAssignment, Call, Attribute, Subscript,
      Identifier, ArgumentList, KeywordArgument, Lambda, ComparisonOperator,
      NotOperator, BooleanOperator, BinaryOperator, UnaryOperator,
      ConditionalExpression, ParenthesizedExpression, NamedExpression,
      ListComprehension, SetComprehension, DictionaryComprehension,
      GeneratorExpression, ForInClause, IfClause, List, Tuple, Dictionary, Set,
      ExpressionList, PatternList, TuplePattern, ListPattern, ListSplat,
      DictionarySplat, String, Integer, Float, True, False, None, Await,
      Parameters, LambdaParameters, DefaultParameter, TypedParameter,
      TypedDefaultParameter, ListSplatPattern, DictionarySplatPattern, Comment,
      Pair, Keyword, Yield;
  // Anonymous tokens that carry meaning in comparisons and operators.
  TSSymbol In, NotIn, Is, IsNot, Not, And, Or;
  // Fields.
  TSFieldId FName, FParameters, FBody, FCondition, FConsequence, FAlternative,
      FLeft, FRight, FOperator, FOperators, FFunction, FArguments, FObject,
      FAttribute, FValue, FSubscript, FSuperclasses, FModuleName, FAlias,
      FArgument, FDefinition, FType;

  const TSLanguage *Language;

  /// The grammar of tree-sitter-python, resolved on first use.
  static const Grammar &get();
};

} // namespace racelint
