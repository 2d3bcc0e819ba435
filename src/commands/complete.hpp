#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace owner {

struct Io;
struct Settings;

// The hidden, stable helper behind the shell completions:
//   owner __complete commands          name<TAB>summary, one a line
//   owner __complete options COMMAND   --long<TAB>-s<TAB>takes-value(0|1)<TAB>description
//   owner __complete cases [--closed]  id<TAB>customer — title (reads only the top of each file)
int run_complete(CLI::App& app, const std::vector<std::string>& args, const Settings& settings,
                 Io& io);

}  // namespace owner
