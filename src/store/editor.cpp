#include "store/editor.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "domain/error.hpp"
#include "store/process.hpp"

namespace owner {

namespace fs = std::filesystem;

namespace {

bool is_executable_on(const std::string& path_var, const std::string& name) {
    std::size_t pos = 0;
    while (pos <= path_var.size()) {
        const auto end = std::min(path_var.find(':', pos), path_var.size());
        const std::string dir = end > pos ? path_var.substr(pos, end - pos) : ".";
        const fs::path candidate = fs::path(dir) / name;
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) {
            return true;
        }
        pos = end + 1;
    }
    return false;
}

}  // namespace

std::string find_editor(const Settings& settings) {
    if (!settings.editor.empty()) {
        return settings.editor;
    }
    for (const char* candidate : {"vi", "editor", "sensible-editor", "nano"}) {
        if (is_executable_on(settings.path, candidate)) {
            return candidate;
        }
    }
    throw Error("no editor found (none of vi, editor, sensible-editor, nano is installed): "
                "set VISUAL or EDITOR, for example export EDITOR=nano");
}

int run_editor(const std::string& command, const std::string& path) {
    ProcessOptions options;
    options.capture = false;
    options.pipe_input = false;  // the editor reads the terminal
    try {
        return run_process({"/bin/sh", "-c", command + " \"$1\"", "sh", path}, options).status;
    } catch (const Error& e) {
        throw Error(fmt::format("the editor ({}): {}", command, e.what()));
    }
}

}  // namespace owner
