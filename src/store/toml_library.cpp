// toml++ compiled once, into the program: every other file includes its declarations only
// (TOML_HEADER_ONLY=0, src/CMakeLists.txt), so that the program needs no libtomlplusplus.so to
// start and the parser is not compiled again in each file that includes case.hpp.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
