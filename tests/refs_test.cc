// Tests of the cross-reference scanner.
#include "check/refs.h"

#include <catch2/catch.hpp>

using namespace cwg;

TEST_CASE("references are found with kind, key and form") {
  auto refs = scan_refs("See {doc:14/2} and {doc:14/4R1|title}, then {para:x-1}.");
  REQUIRE(refs.size() == 3);
  CHECK(refs[0].offset == 4);
  CHECK(refs[0].length == 10);
  CHECK(refs[0].kind == "doc");
  CHECK(refs[0].key == "14/2");
  CHECK(refs[1].form == "title");
  CHECK(refs[1].key == "14/4R1");
  CHECK(refs[2].kind == "para");
  CHECK(refs[2].error.empty());
}

TEST_CASE("escaped braces and other braces are not references") {
  CHECK(scan_refs(R"(\{doc:14/2} {x} { doc:1} {Doc:1} {} {:a})").empty());
}

TEST_CASE("malformed references are reported, not skipped") {
  auto refs = scan_refs("an {doc:14/2 unterminated and {para:} empty");
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].error == "no closing '}'");
  CHECK(refs[1].error == "no key after ':'");
}

TEST_CASE("every kind has its default form") {
  for (const auto& kind : ref_kinds()) CHECK(ref_forms(kind).at(0).empty());
}
