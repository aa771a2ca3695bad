# Writes a C++ file holding every docs/rules/*.md page, so that
# `racelint rule ID` and SARIF's rule help print the pages themselves.
#   cmake -DOUTPUT=<file.cpp> -DDOCS_DIR=<docs/rules> -P EmbedRuleDocs.cmake
file(GLOB pages "${DOCS_DIR}/*.md")
list(SORT pages)
set(body "")
foreach(page IN LISTS pages)
  get_filename_component(id "${page}" NAME_WE)
  file(READ "${page}" text)
  string(FIND "${text}" ")rldoc\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${page} contains the raw-string delimiter )rldoc\"")
  endif()
  string(APPEND body "    {\"${id}\", R\"rldoc(${text})rldoc\"},\n")
endforeach()
set(out "// Generated at build time from docs/rules/*.md; do not edit.
#include \"RuleDocs.h\"

namespace racelint {

namespace {
struct Page {
  llvm::StringLiteral Id;
  llvm::StringLiteral Text;
};
const Page Pages[] = {
${body}    {\"\", \"\"},
};
} // namespace

llvm::StringRef ruleDocText(llvm::StringRef Id) {
  for (const Page &P : Pages)
    if (!P.Id.empty() && P.Id == Id)
      return P.Text;
  return {};
}

} // namespace racelint
")
file(WRITE "${OUTPUT}.tmp" "${out}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.tmp")
