# Settings for our own targets only, linked PRIVATE: never global CMAKE_CXX_FLAGS.
add_library(owner_settings INTERFACE)
target_compile_features(owner_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(owner_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wno-missing-field-initializers)
# GCC 12 reports false -Wrestrict positives inside std::string at -O2/-O3 (GCC bug 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(owner_settings INTERFACE -Wno-restrict)
endif()
if(OWNER_WERROR)
  target_compile_options(owner_settings INTERFACE -Werror)
endif()
if(OWNER_SANITIZE)
  # UBSan's null and alignment checks are left to ASan, which reports a null dereference as a SEGV
  # with its stack: their records were 80 % of the program's data (66 MB with GCC 12), which every
  # test process paged in at start (26 000 page faults for `owner --version`).
  target_compile_options(owner_settings INTERFACE -fsanitize=address,undefined -fno-sanitize=null,alignment
                         -fno-omit-frame-pointer -fno-sanitize-recover=all)
  # Not position independent: the start needs no relocation of the sanitizers' data (9 200 -> 6 600
  # page faults for `owner --version`); the tests start the program some thousands of times.
  target_link_options(owner_settings INTERFACE -fsanitize=address,undefined -no-pie)
endif()
if(OWNER_FUZZ)
  target_compile_options(owner_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(owner_settings INTERFACE -fsanitize=address,undefined)
endif()
