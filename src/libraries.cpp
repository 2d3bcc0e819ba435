// toml++, compiled into the program once here when CMake's OWNER_STATIC_LINK is on
// (src/CMakeLists.txt says why): every other file includes its declarations only
// (TOML_HEADER_ONLY=0). fmt is then used header-only. By default neither file is compiled in:
// the program links Debian's shared libraries.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
