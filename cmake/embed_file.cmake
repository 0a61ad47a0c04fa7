# Writes one file into a C++ include file as a byte array named NAME, for a
# source that embeds it (the HTML style sheet, src/render/html.css).
#
# usage: cmake -DINPUT=FILE -DNAME=IDENTIFIER -DOUTPUT=FILE -P embed_file.cmake
#
# A byte array rather than a raw string literal: any byte is safe, and no
# compiler limit on the length of a string literal applies.
cmake_minimum_required(VERSION 3.22)

if(NOT INPUT OR NOT NAME OR NOT OUTPUT)
  message(FATAL_ERROR "usage: cmake -DINPUT=FILE -DNAME=IDENTIFIER -DOUTPUT=FILE -P embed_file.cmake")
endif()

file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n    " bytes "${bytes}")
set(text "// Generated from ${INPUT} by cmake/embed_file.cmake; do not edit.\n")
string(APPEND text "constexpr unsigned char ${NAME}[${size}] = {\n    ${bytes}\n};\n")

# Rewrite only on change, so that an unchanged file rebuilds nothing.
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
