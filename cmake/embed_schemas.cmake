# Writes the JSON Schemas of the source files into a C++ include file, as
# byte arrays with each schema's "$id", for src/schema_text.cc.
#
# usage: cmake -DSCHEMA_DIR=DIR -DOUTPUT=FILE -P embed_schemas.cmake
#
# Byte arrays rather than raw string literals: any byte of a schema is safe,
# and no compiler limit on the length of a string literal applies.
cmake_minimum_required(VERSION 3.22)

if(NOT SCHEMA_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "usage: cmake -DSCHEMA_DIR=DIR -DOUTPUT=FILE -P embed_schemas.cmake")
endif()

set(text "// Generated from ${SCHEMA_DIR} by cmake/embed_schemas.cmake; do not edit.\n")
string(APPEND text "// Included by src/schema_text.cc.\n")
foreach(kind report documents section)
  set(file "${SCHEMA_DIR}/${kind}.schema.json")
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "missing schema: ${file}")
  endif()
  file(READ "${file}" json)
  string(JSON id ERROR_VARIABLE err GET "${json}" "$id")
  if(err)
    message(FATAL_ERROR "${file}: no \"$id\": ${err}")
  endif()
  file(READ "${file}" hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  # Sixteen bytes a line keeps the generated file readable in a diff.
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x..,){16})" "\\1\n    " bytes "${bytes}")
  string(APPEND text
    "\nconstexpr char k_${kind}_id[] = \"${id}\";\n"
    "constexpr unsigned char k_${kind}_bytes[${size}] = {\n    ${bytes}\n};\n")
endforeach()

# Rewrite only on change, so that an unchanged schema rebuilds nothing.
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
