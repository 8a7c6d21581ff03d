# Reads the WHO growth reference tables at configure time, checks them, and
# writes a C++ source that embeds them, so no table file is needed at run time.
# A missing or malformed table stops the configure step naming the file, the
# line and what is wrong.

# One table: NAME (C++ identifier), FILE, the exact header, and the key kind
# (AGE: whole days; LENGTH: centimetres in 0.1 cm steps, stored as millimetres).
set(_tumbuh_growth_tables
    "LengthForAge|lenanthro.txt|sex\tage\tl\tm\ts\tloh|AGE"
    "WeightForAge|weianthro.txt|sex\tage\tl\tm\ts|AGE"
    "BmiForAge|bmianthro.txt|sex\tage\tl\tm\ts\tloh|AGE"
    "HeadCircumferenceForAge|hcanthro.txt|sex\tage\tl\tm\ts|AGE"
    "ArmCircumferenceForAge|acanthro.txt|sex\tage\tl\tm\ts|AGE"
    "TricepsSkinfoldForAge|tsanthro.txt|sex\tage\tl\tm\ts|AGE"
    "SubscapularSkinfoldForAge|ssanthro.txt|sex\tage\tl\tm\ts|AGE"
    "WeightForLength|wflanthro.txt|sex\tlength\tl\tm\ts\tlorh|LENGTH"
    "WeightForHeight|wfhanthro.txt|sex\theight\tl\tm\ts\tlorh|LENGTH")

set(_tumbuh_number_regex "-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")

function(_tumbuh_table_error file line_no what)
  message(FATAL_ERROR "WHO growth table ${file}, line ${line_no}: ${what}\n"
                      "(TUMBUH_GROWTH_TABLES_DIR=${TUMBUH_GROWTH_TABLES_DIR})")
endfunction()

# Converts a key cell to an integer: days as they are, lengths to millimetres.
function(_tumbuh_key_to_int file line_no kind cell out_var)
  if(kind STREQUAL "AGE")
    if(NOT cell MATCHES "^[0-9]+$")
      _tumbuh_table_error(${file} ${line_no} "age '${cell}' is not a whole number of days")
    endif()
    math(EXPR value "${cell}")
  else()
    if(NOT cell MATCHES "^([0-9]+)(\\.([0-9]))?$")
      _tumbuh_table_error(${file} ${line_no} "length '${cell}' is not in cm with at most one decimal")
    endif()
    set(tenths "${CMAKE_MATCH_3}")
    if(tenths STREQUAL "")
      set(tenths 0)
    endif()
    math(EXPR value "${CMAKE_MATCH_1} * 10 + ${tenths}")
  endif()
  set(${out_var} ${value} PARENT_SCOPE)
endfunction()

# Parses one file into two C++ initialiser lists (male, female) and its key range.
function(_tumbuh_read_table dir name file header kind out_var)
  set(path "${dir}/${file}")
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "WHO growth table ${file} is missing: looked for ${path}.\n"
                        "Set -DTUMBUH_GROWTH_TABLES_DIR=<folder with the WHO tables>.")
  endif()
  file(STRINGS "${path}" lines)
  list(LENGTH lines line_count)
  if(line_count LESS 2)
    _tumbuh_table_error(${file} 1 "the file is empty or has no rows")
  endif()
  list(GET lines 0 first_line)
  string(REGEX REPLACE "\r$" "" first_line "${first_line}")
  if(NOT first_line STREQUAL header)
    string(REPLACE "\t" "<TAB>" want "${header}")
    string(REPLACE "\t" "<TAB>" got "${first_line}")
    _tumbuh_table_error(${file} 1 "the header is '${got}', expected '${want}'")
  endif()
  list(REMOVE_AT lines 0)

  set(rows_1 "")
  set(rows_2 "")
  set(next_key_1 "")
  set(next_key_2 "")
  set(line_no 1)
  foreach(line IN LISTS lines)
    math(EXPR line_no "${line_no} + 1")
    string(REGEX REPLACE "\r$" "" line "${line}")
    if(line STREQUAL "")
      continue()
    endif()
    string(REPLACE "\t" ";" cells "${line}")
    list(LENGTH cells cell_count)
    string(REPLACE "\t" ";" header_cells "${header}")
    list(LENGTH header_cells want_cells)
    if(NOT cell_count EQUAL want_cells)
      _tumbuh_table_error(${file} ${line_no} "${cell_count} columns, expected ${want_cells}")
    endif()
    list(GET cells 0 sex)
    list(GET cells 1 key_cell)
    list(GET cells 2 l)
    list(GET cells 3 m)
    list(GET cells 4 s)
    if(NOT sex MATCHES "^[12]$")
      _tumbuh_table_error(${file} ${line_no} "sex '${sex}' is neither 1 nor 2")
    endif()
    foreach(pair "l;${l}" "m;${m}" "s;${s}")
      list(GET pair 0 col)
      list(GET pair 1 value)
      if(NOT value MATCHES "^${_tumbuh_number_regex}$")
        _tumbuh_table_error(${file} ${line_no} "${col} '${value}' is not a number")
      endif()
    endforeach()
    if(m MATCHES "^-" OR m MATCHES "^0*(\\.0*)?$" OR s MATCHES "^-" OR s MATCHES "^0*(\\.0*)?$")
      _tumbuh_table_error(${file} ${line_no} "M and S must be positive (M='${m}', S='${s}')")
    endif()
    if(l MATCHES "^-?0*(\\.0*)?$")
      _tumbuh_table_error(${file} ${line_no} "L is zero: the LMS formula needs L != 0")
    endif()
    _tumbuh_key_to_int(${file} ${line_no} ${kind} "${key_cell}" key)
    if(NOT next_key_${sex} STREQUAL "" AND NOT key EQUAL next_key_${sex})
      _tumbuh_table_error(${file} ${line_no} "key '${key_cell}' breaks the sequence (rows must be consecutive, one step apart, ascending)")
    endif()
    if(next_key_${sex} STREQUAL "")
      set(first_key_${sex} ${key})
    endif()
    math(EXPR next_key_${sex} "${key} + 1")
    list(APPEND rows_${sex} "{${l}, ${m}, ${s}}")
  endforeach()

  foreach(sex 1 2)
    if(rows_${sex} STREQUAL "")
      _tumbuh_table_error(${file} ${line_no} "no rows for sex ${sex}")
    endif()
  endforeach()
  if(NOT first_key_1 EQUAL first_key_2 OR NOT next_key_1 EQUAL next_key_2)
    _tumbuh_table_error(${file} ${line_no} "the rows for boys and girls cover different keys")
  endif()
  math(EXPR last_key "${next_key_1} - 1")

  string(JOIN ",\n    " male ${rows_1})
  string(JOIN ",\n    " female ${rows_2})
  set(${out_var}
      "const Lms k${name}Male[] = {\n    ${male}};\nconst Lms k${name}Female[] = {\n    ${female}};\n}  // namespace\nconst LmsTable k${name}{${first_key_1}, ${last_key}, k${name}Male, k${name}Female};\nnamespace {\n"
      PARENT_SCOPE)
endfunction()

# Writes OUT_CPP defining every table declared in core/growth/lms_table.h.
function(tumbuh_embed_growth_tables dir out_cpp)
  set(body "")
  foreach(spec IN LISTS _tumbuh_growth_tables)
    string(REPLACE "|" ";" parts "${spec}")
    list(GET parts 0 name)
    list(GET parts 1 file)
    list(GET parts 2 header)
    list(GET parts 3 kind)
    _tumbuh_read_table("${dir}" ${name} ${file} "${header}" ${kind} code)
    string(APPEND body "${code}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${dir}/${file}")
  endforeach()
  set(content "// Generated by cmake/GrowthTables.cmake from ${dir}. Do not edit.\n#include \"growth/lms_table.h\"\n\nnamespace core::growth::tables {\nnamespace {\n${body}}  // namespace\n}  // namespace core::growth::tables\n")
  file(CONFIGURE OUTPUT "${out_cpp}" CONTENT "${content}" @ONLY)
endfunction()
