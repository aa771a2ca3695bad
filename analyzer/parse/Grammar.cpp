#include "parse/Grammar.h"

#include <cstring>

extern "C" const TSLanguage *tree_sitter_python(void);

namespace racelint {

namespace {

TSSymbol named(const TSLanguage *L, const char *Name) {
  return ts_language_symbol_for_name(L, Name, std::strlen(Name), true);
}
TSSymbol token(const TSLanguage *L, const char *Name) {
  return ts_language_symbol_for_name(L, Name, std::strlen(Name), false);
}
TSFieldId field(const TSLanguage *L, const char *Name) {
  return ts_language_field_id_for_name(L, Name, std::strlen(Name));
}

Grammar build() {
  Grammar G{};
  const TSLanguage *L = tree_sitter_python();
  G.Language = L;
  G.Module = named(L, "module");
  G.Block = named(L, "block");
  G.FunctionDefinition = named(L, "function_definition");
  G.ClassDefinition = named(L, "class_definition");
  G.DecoratedDefinition = named(L, "decorated_definition");
  G.Decorator = named(L, "decorator");
  G.IfStatement = named(L, "if_statement");
  G.ElifClause = named(L, "elif_clause");
  G.ElseClause = named(L, "else_clause");
  G.ForStatement = named(L, "for_statement");
  G.WhileStatement = named(L, "while_statement");
  G.TryStatement = named(L, "try_statement");
  G.ExceptClause = named(L, "except_clause");
  G.FinallyClause = named(L, "finally_clause");
  G.WithStatement = named(L, "with_statement");
  G.WithClause = named(L, "with_clause");
  G.WithItem = named(L, "with_item");
  G.ReturnStatement = named(L, "return_statement");
  G.RaiseStatement = named(L, "raise_statement");
  G.BreakStatement = named(L, "break_statement");
  G.ContinueStatement = named(L, "continue_statement");
  G.PassStatement = named(L, "pass_statement");
  G.ExpressionStatement = named(L, "expression_statement");
  G.DeleteStatement = named(L, "delete_statement");
  G.GlobalStatement = named(L, "global_statement");
  G.NonlocalStatement = named(L, "nonlocal_statement");
  G.ImportStatement = named(L, "import_statement");
  G.ImportFromStatement = named(L, "import_from_statement");
  G.FutureImportStatement = named(L, "future_import_statement");
  G.AliasedImport = named(L, "aliased_import");
  G.DottedName = named(L, "dotted_name");
  G.RelativeImport = named(L, "relative_import");
  G.WildcardImport = named(L, "wildcard_import");
  G.MatchStatement = named(L, "match_statement");
  G.AssertStatement = named(L, "assert_statement");
  G.Assignment = named(L, "assignment");
  G.AugmentedAssignment = named(L, "augmented_assignment");
  G.Call = named(L, "call");
  G.Attribute = named(L, "attribute");
  G.Subscript = named(L, "subscript");
  G.Identifier = named(L, "identifier");
  G.ArgumentList = named(L, "argument_list");
  G.KeywordArgument = named(L, "keyword_argument");
  G.Lambda = named(L, "lambda");
  G.ComparisonOperator = named(L, "comparison_operator");
  G.NotOperator = named(L, "not_operator");
  G.BooleanOperator = named(L, "boolean_operator");
  G.BinaryOperator = named(L, "binary_operator");
  G.UnaryOperator = named(L, "unary_operator");
  G.ConditionalExpression = named(L, "conditional_expression");
  G.ParenthesizedExpression = named(L, "parenthesized_expression");
  G.NamedExpression = named(L, "named_expression");
  G.ListComprehension = named(L, "list_comprehension");
  G.SetComprehension = named(L, "set_comprehension");
  G.DictionaryComprehension = named(L, "dictionary_comprehension");
  G.GeneratorExpression = named(L, "generator_expression");
  G.ForInClause = named(L, "for_in_clause");
  G.IfClause = named(L, "if_clause");
  G.List = named(L, "list");
  G.Tuple = named(L, "tuple");
  G.Dictionary = named(L, "dictionary");
  G.Set = named(L, "set");
  G.ExpressionList = named(L, "expression_list");
  G.PatternList = named(L, "pattern_list");
  G.TuplePattern = named(L, "tuple_pattern");
  G.ListPattern = named(L, "list_pattern");
  G.ListSplat = named(L, "list_splat");
  G.DictionarySplat = named(L, "dictionary_splat");
  G.String = named(L, "string");
  G.Integer = named(L, "integer");
  G.Float = named(L, "float");
  G.True = named(L, "true");
  G.False = named(L, "false");
  G.None = named(L, "none");
  G.Await = named(L, "await");
  G.Parameters = named(L, "parameters");
  G.LambdaParameters = named(L, "lambda_parameters");
  G.DefaultParameter = named(L, "default_parameter");
  G.TypedParameter = named(L, "typed_parameter");
  G.TypedDefaultParameter = named(L, "typed_default_parameter");
  G.ListSplatPattern = named(L, "list_splat_pattern");
  G.DictionarySplatPattern = named(L, "dictionary_splat_pattern");
  G.Comment = named(L, "comment");
  G.Pair = named(L, "pair");
  G.Keyword = named(L, "keyword_argument");
  G.Yield = named(L, "yield");

  G.In = token(L, "in");
  G.NotIn = token(L, "not in");
  G.Is = token(L, "is");
  G.IsNot = token(L, "is not");
  G.Not = token(L, "not");
  G.And = token(L, "and");
  G.Or = token(L, "or");
  G.FName = field(L, "name");
  G.FParameters = field(L, "parameters");
  G.FBody = field(L, "body");
  G.FCondition = field(L, "condition");
  G.FConsequence = field(L, "consequence");
  G.FAlternative = field(L, "alternative");
  G.FLeft = field(L, "left");
  G.FRight = field(L, "right");
  G.FOperator = field(L, "operator");
  G.FOperators = field(L, "operators");
  G.FFunction = field(L, "function");
  G.FArguments = field(L, "arguments");
  G.FObject = field(L, "object");
  G.FAttribute = field(L, "attribute");
  G.FValue = field(L, "value");
  G.FSubscript = field(L, "subscript");
  G.FSuperclasses = field(L, "superclasses");
  G.FModuleName = field(L, "module_name");
  G.FAlias = field(L, "alias");
  G.FArgument = field(L, "argument");
  G.FDefinition = field(L, "definition");
  G.FType = field(L, "type");
  return G;
}

} // namespace

const Grammar &Grammar::get() {
  static const Grammar G = build();
  return G;
}

} // namespace racelint
